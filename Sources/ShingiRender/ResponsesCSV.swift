/// The 意見対応表 as CSV (`responses.csv`), for the spreadsheets the secretariat and the
/// ministries exchange: UTF-8 with a byte order mark and CRLF line ends, so Excel opens
/// it as Japanese text, and RFC 4180 quoting.
enum ResponsesCSV {
    /// The file's bytes: a BOM, then the record of `header` and one record per row (its
    /// number from 1, then `rows[i]`: the rest of its record, `record(_:)` of its other
    /// fields), each ended by CRLF. Written once into a buffer of its size: the site's
    /// file has a row per comment.
    static func file(header: [String], rows: [String]) -> [UInt8] {
        let head = record(header)
        let crlf: [UInt8] = [0x0D, 0x0A]
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(rows.reduce(head.utf8.count + 5) { $0 + $1.utf8.count + 24 })
        out += head.utf8
        out += crlf
        for (index, row) in rows.enumerated() {
            out += String(index + 1).utf8
            out.append(UInt8(ascii: ","))
            out += row.utf8
            out += crlf
        }
        return out
    }

    /// One row's fields, each quoted as it needs, separated by commas.
    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    /// A field quoted when it holds a comma, a quote or a line break (RFC 4180 §2.6), its
    /// quotes doubled; a line break inside a field (LF, CR, CRLF or another of Unicode's)
    /// is CRLF, as Excel writes it. Works on the UTF-8 bytes: every cell of a large table
    /// passes here.
    static func field(_ value: String) -> String {
        var value = value
        let quoted: String? = value.withUTF8 { bytes in
            guard bytes.indices.contains(where: { bytes[$0] == UInt8(ascii: ",") || bytes[$0] == UInt8(ascii: "\"") || lineBreakLength(bytes, at: $0) > 0 })
            else { return nil }
            var out: [UInt8] = [UInt8(ascii: "\"")]
            out.reserveCapacity(bytes.count + 16)
            var i = 0
            while i < bytes.count {
                let byte = bytes[i], breakLength = lineBreakLength(bytes, at: i)
                if breakLength > 0 {
                    out += [0x0D, 0x0A]
                    i += byte == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : breakLength
                } else {
                    if byte == UInt8(ascii: "\"") { out.append(byte) }
                    out.append(byte)
                    i += 1
                }
            }
            out.append(UInt8(ascii: "\""))
            return String(decoding: out, as: UTF8.self)
        }
        return quoted ?? value
    }

    /// The length in bytes of the line break (`isLineBreak`) starting at `index`, or 0.
    private static func lineBreakLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        switch bytes[index] {
        case 0x0A...0x0D: return 1
        case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2: return index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// The text of rendered HTML for a cell: a paragraph, list item or line break ends a
    /// line, other tags are dropped, the entities cmark-gfm writes are decoded, and blank
    /// lines are dropped. Tags are ASCII, so it reads the UTF-8 bytes where the string
    /// stores them: every comment's text and response in each language passes here.
    static func text(ofHTML html: String) -> String {
        var html = html
        var text = html.withUTF8(droppingTags)
        if text.withUnsafeBufferPointer({ $0.firstOffset(of: UInt8(ascii: "&")) }) != nil { text = decodingEntities(text) }
        return text.withUnsafeBufferPointer(trimmedLines)
    }

    /// The HTML's text with its tags dropped, a line-ending tag replaced by a line feed.
    private static func droppingTags(_ html: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(html.count)
        var i = 0
        while i < html.count {
            let open = html.firstOffset(of: UInt8(ascii: "<"), from: i) ?? html.count
            text.append(contentsOf: UnsafeBufferPointer(rebasing: html[i..<open]))
            guard open < html.count else { break }
            // A tag ends at the next `>` (an unterminated one is dropped to the end).
            let end = html.firstOffset(of: UInt8(ascii: ">"), from: open + 1) ?? html.count
            let name = UnsafeBufferPointer(rebasing: html[(open + 1)..<end].prefix { $0 != UInt8(ascii: " ") })
            if endsLine(name) { text.append(UInt8(ascii: "\n")) }
            i = end + 1
        }
        return text
    }

    /// Whether a tag of this name ends a line (`lineEnding`, in any case).
    private static func endsLine(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        // Past ASCII (a KELVIN SIGN lowercases to k), Swift's own lowercasing decides.
        guard name.allSatisfy({ $0 < 0x80 }) else { return lineEnding.contains(String(decoding: name, as: UTF8.self).lowercased()) }
        return lineEndingBytes.contains { tag in
            tag.count == name.count && zip(tag, name).allSatisfy { $0 == ($1 >= UInt8(ascii: "A") && $1 <= UInt8(ascii: "Z") ? $1 + 32 : $1) }
        }
    }

    /// The tags after which a cell's text goes on on a new line.
    private static let lineEnding: Set<String> = ["/p", "br", "br/", "/li", "/blockquote", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "/tr", "/pre"]
    private static let lineEndingBytes = lineEnding.map { Array($0.utf8) }

    /// What `Character.isNewline` calls a line break, for a scalar.
    private static func isLineBreak(_ value: UInt32) -> Bool {
        switch value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// Unicode's White_Space, what `Unicode.Scalar.Properties.isWhitespace` answers
    /// (ResponsesCSVEquivalenceTests compares them for every scalar).
    static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// The text's lines (split at every line break) without their leading and trailing
    /// white space, blank ones dropped, joined by line feeds.
    private static func trimmedLines(_ text: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: text.count) { out in
            var written = 0
            // The current line's bytes from its first to its last character that is not space.
            var line: Range<Int>?
            func endLine() {
                guard let range = line else { return }
                if written > 0 { out[written] = UInt8(ascii: "\n"); written += 1 }
                (out.baseAddress! + written).initialize(from: text.baseAddress! + range.lowerBound, count: range.count)
                written += range.count
                line = nil
            }
            var i = 0
            while i < text.count {
                let lead = text[i]
                let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                var value = UInt32(lead)
                if length > 1 {
                    value &= UInt32(0x7F) >> length
                    for k in 1..<length { value = value << 6 | UInt32(text[i + k] & 0x3F) }
                }
                if isLineBreak(value) {
                    endLine()
                } else if !isWhitespace(value) {
                    line = (line?.lowerBound ?? i)..<(i + length)
                }
                i += length
            }
            endLine()
            return written
        }
    }

    private static let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]

    /// What `decodeEntities` makes of the text, in UTF-8: an entity whose neighbourhood is
    /// ASCII (or Japanese before it) is decoded here; from the first one that is not,
    /// where Swift's characters may join a byte with the next, `decodeEntities` decodes
    /// the rest.
    private static func decodingEntities(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        text.withUnsafeBufferPointer { text in
            // Where `decodeEntities`'s `rest` is.
            var rest = 0
            while let amp = text.firstOffset(of: UInt8(ascii: "&"), from: rest) {
                switch entity(text, at: amp) {
                case .none:
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: text[rest...amp]))
                    rest = amp + 1
                case .decoded(let scalar, let end):
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: text[rest..<amp]))
                    out.append(contentsOf: String(scalar).utf8)
                    rest = end
                case .unsure:
                    out.append(contentsOf: decodeEntities(String(decoding: UnsafeBufferPointer(rebasing: text[rest...]), as: UTF8.self)).utf8)
                    return
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[rest...]))
        }
        return out
    }

    private enum Entity {
        /// The `&` is text.
        case none
        /// The entity decodes to `scalar`; the text goes on at `end`.
        case decoded(Unicode.Scalar, end: Int)
        /// Only Swift's character rules can tell.
        case unsure
    }

    /// The entity at `amp` as `decodeEntities` reads it: its name goes up to the first `;`
    /// among the next 12 characters. A name that is not an entity is text whatever the
    /// characters around it; one that is, is decoded when the bytes around it are
    /// characters of their own.
    private static func entity(_ text: UnsafeBufferPointer<UInt8>, at amp: Int) -> Entity {
        var stop = amp + 1
        while stop < text.count, stop - amp <= 12, text[stop] != UInt8(ascii: ";"), text[stop] < 0x80 { stop += 1 }
        // Twelve ASCII bytes or the end, and no `;`: the name has no end.
        guard stop < text.count, stop - amp <= 12, let scalar = decoded(UnsafeBufferPointer(rebasing: text[(amp + 1)..<stop])) else { return .none }
        // A `;` followed by ASCII, after an `&` that no character before it can join.
        guard text[stop] == UInt8(ascii: ";"), stop + 1 == text.count || text[stop + 1] < 0x80,
              amp == 0 || text[amp - 1] < 0x80 || (amp >= 3 && (0xE3...0xE9).contains(text[amp - 3]))
        else { return .unsure }
        return .decoded(scalar, end: stop + 1)
    }

    /// The scalar an ASCII entity name (between `&` and `;`) stands for.
    private static func decoded(_ name: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        let name = String(decoding: name, as: UTF8.self)
        if let decoded = Self.named[Substring(name)] { return decoded.unicodeScalars.first }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init)
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;` and numeric references.
    static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
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
            var decoded = Self.named[name]
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
