import ShingiCore

/// The `[[kind:target#anchor|label]]` syntax, found in the text of a Markdown file.
enum CrossLinkSyntax {
    struct Match {
        /// UTF-8 byte range of the whole `[[…]]` in the scanned text.
        var range: Range<Int>
        var kind: String
        var target: String
        var anchor: String?
        var label: String?
        var source: String
    }

    /// All cross-links in `text`. Bracketed text without `kind:` (e.g. `[[note]]`) is not one.
    static func matches(in text: String) -> [Match] {
        let bytes = Array(text.utf8)
        guard bytes.count >= 5 else { return [] }
        var result: [Match] = []
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "[") else {
                index += 1
                continue
            }
            // Find the closing `]]` before any other `[[`.
            var end = index + 2
            var closed = false
            while end + 1 < bytes.count {
                if bytes[end] == UInt8(ascii: "]") && bytes[end + 1] == UInt8(ascii: "]") { closed = true; break }
                if bytes[end] == UInt8(ascii: "[") && bytes[end + 1] == UInt8(ascii: "[") { break }
                end += 1
            }
            guard closed else { index = end; continue }
            let inner = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
            if let match = parse(inner: inner, range: index..<(end + 2)) {
                result.append(match)
            }
            index = end + 2
        }
        return result
    }

    private static func parse(inner: String, range: Range<Int>) -> Match? {
        guard let colon = inner.firstIndex(of: ":") else { return nil }
        let kind = inner[..<colon]
        guard !kind.isEmpty, kind.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) else { return nil }
        var rest = inner[inner.index(after: colon)...]
        var label: String?
        if let bar = rest.firstIndex(of: "|") {
            label = String(rest[rest.index(after: bar)...]).trimmingSpaces
            rest = rest[..<bar]
        }
        var anchor: String?
        if let hash = rest.firstIndex(of: "#") {
            anchor = String(rest[rest.index(after: hash)...]).trimmingSpaces
            rest = rest[..<hash]
        }
        // Ids are ASCII; NFKC lets `[[issue:１]]` (full-width) name issue 1, as `{#１．１}` names section 1.1.
        return Match(range: range, kind: String(kind).lowercased(), target: Slug.normaliseExplicit(String(rest).trimmingSpaces),
                     anchor: anchor, label: label, source: "[[\(inner)]]")
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
