/// The 意見対応表 as CSV (`responses.csv`), for the spreadsheets the secretariat and the
/// ministries exchange: UTF-8 with a byte order mark and CRLF line ends, so Excel opens
/// it as Japanese text, and RFC 4180 quoting.
enum ResponsesCSV {
    /// The file's bytes: a BOM, then each row as a CRLF-terminated record.
    static func encode(_ rows: [[String]]) -> [UInt8] {
        var text = ""
        for row in rows { text += row.map(field).joined(separator: ",") + "\r\n" }
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    /// A field quoted when it holds a comma, a quote or a line break (RFC 4180 §2.6), its
    /// quotes doubled; a line break inside a field is CRLF too, as Excel writes it.
    static func field(_ value: String) -> String {
        let crlf = value.replacingLineBreaks()
        guard crlf.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) else { return crlf }
        return "\"" + crlf.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// The text of rendered HTML for a cell: a paragraph, list item or line break ends a
    /// line, other tags are dropped, the entities cmark-gfm writes are decoded, and blank
    /// lines are dropped.
    static func text(ofHTML html: String) -> String {
        var text = ""
        var tag: String?
        for c in html {
            if var open = tag {
                if c == ">" {
                    let name = open.split(separator: " ").first.map { $0.lowercased() } ?? ""
                    if ["/p", "br", "br/", "/li", "/blockquote", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "/tr", "/pre"].contains(name) { text += "\n" }
                    tag = nil
                } else {
                    open.append(c)
                    tag = open
                }
            } else if c == "<" {
                tag = ""
            } else {
                text.append(c)
            }
        }
        let lines = decodeEntities(text).split(whereSeparator: \.isNewline)
            .map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        return lines.joined(separator: "\n")
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;` and numeric references.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = after
                continue
            }
            let name = after[..<semi]
            let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
            var decoded = named[name]
            if decoded == nil, name.hasPrefix("#") {
                let digits = name.dropFirst()
                let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                decoded = value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            }
            if let decoded {
                out += decoded
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }
}

private extension String {
    /// Every line break (LF, CR, CRLF) as CRLF.
    func replacingLineBreaks() -> String {
        split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: "\r\n")
    }
}

private extension Substring {
    func trimmingSpaces() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }), let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }
}
