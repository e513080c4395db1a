// The definition of `LanguageOfParts` before its byte-level rewrite (issue 20), kept
// unchanged as the reference the new one must match byte for byte
// (`LanguageOfPartsEquivalenceTests`). Not used by shingi itself.
import Foundation

/// Language of parts (WCAG 3.1.2): on a page whose language is not Japanese, each run of
/// Japanese script outside any `lang="ja…"` element is wrapped in `<span lang="ja">`, so
/// the glossary terms, quoted words and untranslated names of an English text are read
/// with Japanese pronunciation without their authors marking them.
///
/// It works on the page's UTF-8 bytes: every page in English passes through here, and the
/// markup it looks for (`<`, `>`, quotes, spaces) is ASCII, which never occurs inside a
/// multi-byte character.
enum LanguageOfPartsReference {
    /// The page's HTML with its untagged Japanese runs tagged. Tags, attributes, comments
    /// and the text of `title`, `script`, `style` and `textarea` are left as they are.
    static func tagJapanese(in html: String) -> String {
        let bytes = Array(html.utf8)
        // Most pages in English have no Japanese at all.
        guard bytes.indices.contains(where: { bytes[$0] >= 0xE3 && isJapanese(bytes, at: $0) }) else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1024)
        /// Open elements: name and whether they are in Japanese.
        var open: [(name: String, japanese: Bool)] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<") {
                let end = tagEnd(bytes, from: i)
                let tag = bytes[i..<end]
                out.append(contentsOf: tag)
                i = end
                guard let (name, closing) = tagName(tag) else { continue }
                let selfClosing = tag.count >= 2 && tag[end - 2] == UInt8(ascii: "/")
                if closing {
                    if let index = open.lastIndex(where: { $0.name == name }) { open.removeSubrange(index...) }
                } else if Self.rawText.contains(name), !selfClosing {
                    // Copied as it is up to its end tag.
                    let close = Array("</\(name)".utf8)
                    var j = i
                    while j < bytes.count, !(bytes[j] == UInt8(ascii: "<") && hasPrefix(bytes, close, at: j)) { j += 1 }
                    out.append(contentsOf: bytes[i..<j])
                    i = j
                } else if !Self.void.contains(name), !selfClosing {
                    let inherited = open.last?.japanese ?? false
                    open.append((name, lang(of: tag).map { $0.lowercased().hasPrefix("ja") } ?? inherited))
                }
                continue
            }
            let end = bytes.withUnsafeBufferPointer { $0.firstOffset(of: UInt8(ascii: "<"), from: i) } ?? bytes.count
            if open.last?.japanese ?? false {
                out.append(contentsOf: bytes[i..<end])
            } else {
                tagRuns(bytes[i..<end], into: &out)
            }
            i = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Japanese script: kana, CJK ideographs, CJK punctuation and full-width forms.
    static func isJapanese(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3000...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF: return true
        default: return false
        }
    }

    /// Whether a Japanese character starts at `index`. All of them take three bytes in
    /// UTF-8 (U+3000 to U+FFEF), led by E3 to EF.
    private static func isJapanese<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at index: Int) -> Bool where Bytes.Index == Int {
        let lead = bytes[index]
        guard lead >= 0xE3, lead <= 0xEF, index + 2 < bytes.endIndex else { return false }
        let value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
        return Unicode.Scalar(value).map(isJapanese) ?? false
    }

    /// A run is the space-separated words holding Japanese and the spaces between them:
    /// 「CSIRT（組織内CSIRT）」 is one run, `CSIRT and 組織` tags only 組織.
    private static func tagRuns(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) {
        // Japanese takes bytes from E3 on: a text without any is copied as it is.
        guard text.contains(where: { $0 >= 0xE3 }) else { out.append(contentsOf: text); return }
        var words: [(range: Range<Int>, japanese: Bool)] = []
        var any = false
        var i = text.startIndex
        while i < text.endIndex {
            if isSpace(text[i]) { i += 1; continue }
            var end = i
            var japanese = false
            while end < text.endIndex, !isSpace(text[end]) {
                if !japanese, isJapanese(text, at: end) { japanese = true }
                end += 1
            }
            words.append((i..<end, japanese))
            any = any || japanese
            i = end
        }
        guard any else { out.append(contentsOf: text); return }
        var cursor = text.startIndex
        var w = 0
        while w < words.count {
            guard words[w].japanese else { w += 1; continue }
            var last = w
            while last + 1 < words.count, words[last + 1].japanese { last += 1 }
            let start = words[w].range.lowerBound, end = words[last].range.upperBound
            out.append(contentsOf: text[cursor..<start])
            out.append(contentsOf: "<span lang=\"ja\">".utf8)
            out.append(contentsOf: text[start..<end])
            out.append(contentsOf: "</span>".utf8)
            cursor = end
            w = last + 1
        }
        out.append(contentsOf: text[cursor..<text.endIndex])
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// The index after the tag (or comment) starting at `start`; quoted values may hold `>`.
    private static func tagEnd(_ s: [UInt8], from start: Int) -> Int {
        if hasPrefix(s, commentStart, at: start) {
            var j = start + 4
            while j < s.count, !hasPrefix(s, commentEnd, at: j) { j += 1 }
            return min(s.count, j + 3)
        }
        var quote: UInt8?
        var j = start + 1
        while j < s.count {
            let c = s[j]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                return j + 1
            }
            j += 1
        }
        return s.count
    }

    /// The lowercased element name and whether it is an end tag; nil for `<!…>` and `<?…>`.
    private static func tagName(_ tag: ArraySlice<UInt8>) -> (String, Bool)? {
        var body = tag.dropFirst()
        let closing = body.first == UInt8(ascii: "/")
        if closing { body = body.dropFirst() }
        let name = body.prefix { isASCIILetterOrDigit($0) }
        return name.isEmpty ? nil : (String(decoding: name.map(lowercased), as: UTF8.self), closing)
    }

    private static let commentStart = Array("<!--".utf8), commentEnd = Array("-->".utf8)
    private static let langAttribute = Array(" lang=\"".utf8)

    private static func lang(of tag: ArraySlice<UInt8>) -> String? {
        let attribute = langAttribute
        var j = tag.startIndex
        while j + attribute.count <= tag.endIndex {
            if tag[j..<(j + attribute.count)].elementsEqual(attribute) {
                let value = tag[(j + attribute.count)...].prefix { $0 != UInt8(ascii: "\"") }
                return String(decoding: value, as: UTF8.self)
            }
            j += 1
        }
        return nil
    }

    /// Whether `prefix` (lowercase ASCII) starts at `index`, ignoring ASCII case.
    private static func hasPrefix(_ s: [UInt8], _ prefix: [UInt8], at index: Int) -> Bool {
        guard index + prefix.count <= s.count else { return false }
        for k in 0..<prefix.count where lowercased(s[index + k]) != prefix[k] { return false }
        return true
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        let lower = lowercased(byte)
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
    private static let rawText: Set<String> = ["script", "style", "title", "textarea"]
}
