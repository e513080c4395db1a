/// Language of parts (WCAG 3.1.2): on a page whose language is not Japanese, each run of
/// Japanese script outside any `lang="ja…"` element is wrapped in `<span lang="ja">`, so
/// the glossary terms, quoted words and untranslated names of an English text are read
/// with Japanese pronunciation without their authors marking them.
public enum LanguageOfParts {
    /// The page's HTML with its untagged Japanese runs tagged. Tags, attributes, comments
    /// and the text of `title`, `script`, `style` and `textarea` are left as they are.
    public static func tagJapanese(in html: String) -> String {
        let scalars = Array(html.unicodeScalars)
        guard scalars.contains(where: isJapanese) else { return html }
        // An array, turned into a String once: appending to a String.UnicodeScalarView
        // copies the whole view each time, which made long pages quadratic.
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(scalars.count + 256)
        /// Open elements: name and whether they are in Japanese.
        var open: [(name: String, japanese: Bool)] = []
        var i = 0
        while i < scalars.count {
            if scalars[i] == "<" {
                let end = tagEnd(scalars, from: i)
                let tag = String(String.UnicodeScalarView(scalars[i..<end]))
                out.append(contentsOf: scalars[i..<end])
                i = end
                guard let (name, closing) = tagName(tag) else { continue }
                if closing {
                    if let index = open.lastIndex(where: { $0.name == name }) { open.removeSubrange(index...) }
                } else if Self.rawText.contains(name), !tag.hasSuffix("/>") {
                    // Copied as it is up to its end tag.
                    let close = Array("</\(name)".unicodeScalars)
                    var j = i
                    while j < scalars.count, !(scalars[j] == "<" && hasPrefix(scalars, close, at: j)) { j += 1 }
                    out.append(contentsOf: scalars[i..<j])
                    i = j
                } else if !Self.void.contains(name), !tag.hasSuffix("/>") {
                    let inherited = open.last?.japanese ?? false
                    open.append((name, lang(of: tag).map { $0.lowercased().hasPrefix("ja") } ?? inherited))
                }
                continue
            }
            var end = i
            while end < scalars.count, scalars[end] != "<" { end += 1 }
            if open.last?.japanese ?? false {
                out.append(contentsOf: scalars[i..<end])
            } else {
                tagRuns(scalars[i..<end], into: &out)
            }
            i = end
        }
        // Encoded here: String.UnicodeScalarView(out) goes through an array of UTF-32 first.
        var utf8: [UInt8] = []
        utf8.reserveCapacity(html.utf8.count + 256)
        for scalar in out { UTF8.encode(scalar) { utf8.append($0) } }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Japanese script: kana, CJK ideographs, CJK punctuation and full-width forms.
    static func isJapanese(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3000...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF: return true
        default: return false
        }
    }

    /// A run is the space-separated words holding Japanese and the spaces between them:
    /// 「CSIRT（組織内CSIRT）」 is one run, `CSIRT and 組織` tags only 組織.
    private static func tagRuns(_ text: ArraySlice<Unicode.Scalar>, into out: inout [Unicode.Scalar]) {
        guard text.contains(where: isJapanese) else { out.append(contentsOf: text); return }
        var words: [(range: Range<Int>, japanese: Bool)] = []
        var i = text.startIndex
        while i < text.endIndex {
            if isSpace(text[i]) { i += 1; continue }
            var end = i
            var japanese = false
            while end < text.endIndex, !isSpace(text[end]) { japanese = japanese || isJapanese(text[end]); end += 1 }
            words.append((i..<end, japanese))
            i = end
        }
        var cursor = text.startIndex
        var w = 0
        while w < words.count {
            guard words[w].japanese else { w += 1; continue }
            var last = w
            while last + 1 < words.count, words[last + 1].japanese { last += 1 }
            let start = words[w].range.lowerBound, end = words[last].range.upperBound
            out.append(contentsOf: text[cursor..<start])
            out.append(contentsOf: "<span lang=\"ja\">".unicodeScalars)
            out.append(contentsOf: text[start..<end])
            out.append(contentsOf: "</span>".unicodeScalars)
            cursor = end
            w = last + 1
        }
        out.append(contentsOf: text[cursor..<text.endIndex])
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r"
    }

    /// The index after the tag (or comment) starting at `start`; quoted values may hold `>`.
    private static func tagEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        if hasPrefix(s, Array("<!--".unicodeScalars), at: start) {
            var j = start + 4
            while j < s.count, !hasPrefix(s, Array("-->".unicodeScalars), at: j) { j += 1 }
            return min(s.count, j + 3)
        }
        var quote: Unicode.Scalar?
        var j = start + 1
        while j < s.count {
            let c = s[j]
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == ">" { return j + 1 }
            j += 1
        }
        return s.count
    }

    /// The lowercased element name and whether it is an end tag; nil for `<!…>` and `<?…>`.
    private static func tagName(_ tag: String) -> (String, Bool)? {
        var body = tag.dropFirst()
        let closing = body.first == "/"
        if closing { body = body.dropFirst() }
        let name = body.prefix { $0.isLetter || $0.isNumber }
        return name.isEmpty ? nil : (name.lowercased(), closing)
    }

    private static func lang(of tag: String) -> String? {
        guard let range = tag.range(of: " lang=\"") else { return nil }
        return String(tag[range.upperBound...].prefix { $0 != "\"" })
    }

    private static func hasPrefix(_ s: [Unicode.Scalar], _ prefix: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + prefix.count <= s.count else { return false }
        for k in 0..<prefix.count where s[index + k] != prefix[k] && String(s[index + k]).lowercased() != String(prefix[k]) { return false }
        return true
    }

    private static let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
    private static let rawText: Set<String> = ["script", "style", "title", "textarea"]
}
