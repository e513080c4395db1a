@testable import ShingiRender

// The definition of `ResponsesCSV` before its byte-level rewrite (issue 20), kept
// unchanged as the reference the new one must match byte for byte
// (`ResponsesCSVEquivalenceTests`). Not used by shingi itself.
/// The 意見対応表 as CSV (`responses.csv`), for the spreadsheets the secretariat and the
/// ministries exchange: UTF-8 with a byte order mark and CRLF line ends, so Excel opens
/// it as Japanese text, and RFC 4180 quoting.
enum ResponsesCSVReference {
    /// One row's fields, each quoted as it needs, separated by commas.
    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    /// A field quoted when it holds a comma, a quote or a line break (RFC 4180 §2.6), its
    /// quotes doubled; a line break inside a field (LF, CR, CRLF or another of Unicode's)
    /// is CRLF, as Excel writes it. Works on scalars: every cell of a large table passes here.
    static func field(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard scalars.contains(where: { $0 == "," || $0 == "\"" || isLineBreak($0) }) else { return value }
        var out = String.UnicodeScalarView()
        var quoted = false
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if scalar == "\r", index < scalars.endIndex, scalars[index] == "\n" { index = scalars.index(after: index) }
            if isLineBreak(scalar) {
                out.append(contentsOf: "\r\n".unicodeScalars)
                quoted = true
            } else {
                if scalar == "\"" { out.append(scalar) }
                quoted = quoted || scalar == "," || scalar == "\""
                out.append(scalar)
            }
        }
        let text = String(out)
        return quoted ? "\"" + text + "\"" : text
    }

    /// The text of rendered HTML for a cell: a paragraph, list item or line break ends a
    /// line, other tags are dropped, the entities cmark-gfm writes are decoded, and blank
    /// lines are dropped. Tags are ASCII, so it reads the UTF-8 bytes.
    static func text(ofHTML html: String) -> String {
        let bytes = Array(html.utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else {
                text.append(bytes[i])
                i += 1
                continue
            }
            // A tag ends at the next `>` (an unterminated one is dropped to the end).
            let end = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count
            let name = bytes[(i + 1)..<end].prefix { $0 != UInt8(ascii: " ") }
            if lineEnding.contains(String(decoding: name, as: UTF8.self).lowercased()) { text.append(UInt8(ascii: "\n")) }
            i = end + 1
        }
        let lines = decodeEntities(String(decoding: text, as: UTF8.self)).unicodeScalars.split(whereSeparator: isLineBreak)
            .map(trimmingSpaces).filter { !$0.isEmpty }
        return lines.joined(separator: "\n")
    }

    /// The tags after which a cell's text goes on on a new line.
    private static let lineEnding: Set<String> = ["/p", "br", "br/", "/li", "/blockquote", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "/tr", "/pre"]

    /// What `Character.isNewline` calls a line break, for a scalar.
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    private static func trimmingSpaces(_ line: Substring.UnicodeScalarView) -> String {
        guard let start = line.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = line.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(line[start...end]))
    }

    /// Unchanged by the rewrite, which falls back on it: the one definition serves both.
    static func decodeEntities(_ text: String) -> String { ResponsesCSV.decodeEntities(text) }
}
