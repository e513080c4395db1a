import ShingiCore

/// The `[[kind:target#anchor|label]]` syntax, found in the text of one run of sibling
/// inline nodes. The scanned bytes are the run's text, with `inlineMarker` standing for
/// each other inline node (emphasis, code, a link …) so that a label may hold them; an
/// escaped bracket or bar is hidden by `EscapedSyntax` and never seen here.
enum CrossLinkSyntax {
    /// Stands for an inline node that is not text; 0xFF never occurs in UTF-8.
    static let inlineMarker: UInt8 = 0xFF

    struct Match {
        /// Byte range of the whole `[[…]]` in the scanned bytes.
        var range: Range<Int>
        var kind: String
        var target: String
        var anchor: String?
        /// Byte range of the label (spaces around it excluded); nil without `|`.
        var labelRange: Range<Int>?
        /// Where the kind and target end (at `|` or `]]`): they must be in one text node.
        var headEnd: Int
    }

    enum Found {
        case link(Match)
        /// `[[word: …]]` where `word` is no link kind: prose, left as written.
        case notALink(range: Range<Int>, word: String)
        /// Looks like a cross-link of a real kind but cannot be one.
        case invalid(range: Range<Int>, message: String)
    }

    private static let open = UInt8(ascii: "["), close = UInt8(ascii: "]"), bar = UInt8(ascii: "|")

    /// Everything in `bytes` that is written as a cross-link, in order. Bracketed text
    /// without `word:` (e.g. `[[note]]`) is none.
    static func scan(_ bytes: [UInt8]) -> [Found] {
        guard bytes.count >= 5 else { return [] }
        var result: [Found] = []
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == open, bytes[index + 1] == open else {
                index += 1
                continue
            }
            // Find the closing `]]` before any other `[[`.
            var end = index + 2
            var closed = false
            while end + 1 < bytes.count {
                if bytes[end] == close && bytes[end + 1] == close { closed = true; break }
                if bytes[end] == open && bytes[end + 1] == open { break }
                end += 1
            }
            let innerEnd = closed ? end : (end + 1 < bytes.count ? end : bytes.count)
            if let found = parse(bytes, inner: (index + 2)..<innerEnd, closed: closed) {
                result.append(found)
            }
            index = closed ? end + 2 : max(end, index + 2)
        }
        return result
    }

    private static func parse(_ bytes: [UInt8], inner: Range<Int>, closed: Bool) -> Found? {
        guard let colon = bytes[inner].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let word = bytes[inner.lowerBound..<colon]
        guard !word.isEmpty, word.allSatisfy({ isASCIILetter($0) || $0 == UInt8(ascii: "-") }) else { return nil }
        let kind = String(decoding: word, as: UTF8.self).lowercased()
        let range = (inner.lowerBound - 2)..<(closed ? inner.upperBound + 2 : inner.upperBound)
        guard CrossLinkKind(rawValue: kind) != nil else {
            return closed ? .notALink(range: range, word: String(decoding: word, as: UTF8.self)) : nil
        }
        guard closed else {
            return .invalid(range: range, message: "has no closing ']]' in the same paragraph (or emphasis); close it as [[\(kind):id]] or [[\(kind):id|label]]")
        }
        let barIndex = bytes[(colon + 1)..<inner.upperBound].firstIndex(of: bar)
        let headEnd = barIndex ?? inner.upperBound
        var head = bytes[(colon + 1)..<headEnd]
        guard !head.contains(inlineMarker) else {
            return .invalid(range: range, message: "has emphasis, code or a link in its target; only the label (after '|') may hold them")
        }
        var anchor: String?
        if let hash = head.firstIndex(of: UInt8(ascii: "#")) {
            anchor = String(decoding: head[(hash + 1)...], as: UTF8.self).trimmingSpaces
            head = head[..<hash]
        }
        var labelRange: Range<Int>?
        if let barIndex {
            var low = barIndex + 1, high = inner.upperBound
            while low < high, isBlank(bytes[low]) { low += 1 }
            while high > low, isBlank(bytes[high - 1]) { high -= 1 }
            labelRange = low..<high
        }
        // Ids are ASCII; NFKC lets `[[issue:１]]` (full-width) name issue 1, as `{#１．１}` names section 1.1.
        let target = Slug.normaliseExplicit(String(decoding: head, as: UTF8.self).trimmingSpaces)
        return .link(Match(range: range, kind: kind, target: target, anchor: anchor, labelRange: labelRange, headEnd: headEnd))
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
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
