import Foundation
import ShingiCore

/// Language of parts (WCAG 3.1.2): on a page whose language is not Japanese, each run of
/// Japanese script outside any `lang="ja…"` element is wrapped in `<span lang="ja">`, so
/// the glossary terms, quoted words and untranslated names of an English text are read
/// with Japanese pronunciation without their authors marking them.
///
/// It reads the page's UTF-8 bytes where the string stores them, without copying: every
/// page in English passes through here, and the markup it looks for (`<`, `>`, quotes,
/// spaces) is ASCII, which never occurs inside a multi-byte character. One pass finds
/// the runs to wrap; the page is then copied once with them wrapped, or returned as it
/// is when there is none.
public enum LanguageOfParts {
    /// The page's HTML with its untagged Japanese runs tagged. Tags, attributes, comments
    /// and the text of `title`, `script`, `style` and `textarea` are left as they are.
    public static func tagJapanese(in html: String) -> String {
        var html = html
        // Most pages in English have no Japanese at all.
        let runs = html.withUTF8 { page in hasJapanese(page) ? Self.runs(in: page) : [] }
        return runs.isEmpty ? html : wrapping(runs, of: html)
    }

    /// Japanese script: kana, CJK ideographs, CJK punctuation and full-width forms.
    static func isJapanese(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3000...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF: return true
        default: return false
        }
    }

    /// Whether a Japanese character starts at `index`, before `end`. All of them take
    /// three bytes in UTF-8 (U+3000 to U+FFEF), led by E3 to EF.
    private static func isJapanese(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Bool {
        let lead = bytes[index]
        guard lead >= 0xE3, lead <= 0xEF, index + 2 < end else { return false }
        let value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
        return Unicode.Scalar(value).map(isJapanese) ?? false
    }

    private static func hasJapanese(_ page: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while let found = firstByte(from: 0xE3, in: page, index..<page.count) {
            if isJapanese(page, at: found, end: page.count) { return true }
            index = found + 1
        }
        return false
    }

    /// The first byte of `range` that is `least` or more (at least 0x80), skipping ASCII
    /// eight bytes at a time: the text of a page in English is mostly ASCII.
    private static func firstByte(from least: UInt8, in page: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            if index + 8 <= range.upperBound,
               UnsafeRawPointer(page.baseAddress! + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            if page[index] >= least { return index }
            index += 1
        }
        return nil
    }

    /// An open element: where its name is in the page, that name's first eight bytes
    /// lowercased (`key(_:_:)`), and whether it is in Japanese.
    private struct OpenElement {
        var name: Range<Int>
        var key: UInt64
        var japanese: Bool
    }

    /// The byte ranges to wrap, in order: the Japanese runs of the text outside tags,
    /// comments, raw-text elements and elements in Japanese.
    private static func runs(in page: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var open: [OpenElement] = []
        open.reserveCapacity(32)
        var i = 0
        while i < page.count {
            guard page[i] == UInt8(ascii: "<") else {
                let end = page.firstOffset(of: UInt8(ascii: "<"), from: i) ?? page.count
                if !(open.last?.japanese ?? false) { appendRuns(page, i..<end, to: &runs) }
                i = end
                continue
            }
            let start = i
            i = tagEnd(page, from: start)
            guard let (name, closing) = tagName(page, start..<i) else { continue }
            let key = key(page, name), short = name.count <= 8
            let selfClosing = i - start >= 2 && page[i - 2] == UInt8(ascii: "/")
            if closing {
                if let index = open.lastIndex(where: { $0.key == key && sameName(page, $0.name, name) }) { while open.count > index { open.removeLast() } }
            } else if short, Self.rawText.contains(key), !selfClosing {
                // Skipped up to its end tag.
                i = rawTextEnd(page, from: i, name: name)
            } else if !(short && Self.void.contains(key)), !selfClosing {
                let japanese = langIsJapanese(page, start..<i) ?? open.last?.japanese ?? false
                open.append(OpenElement(name: name, key: key, japanese: japanese))
            }
        }
        return runs
    }

    /// The page with `<span lang="ja">` before and `</span>` after each run. Appended as
    /// slices of the page, which Swift knows to be valid UTF-8 and copies as they are.
    private static func wrapping(_ runs: [Range<Int>], of html: String) -> String {
        let utf8 = html.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        var tagged = ""
        tagged.reserveCapacity(utf8.count + runs.count * #"<span lang="ja"></span>"#.utf8.count)
        var cursor = 0
        for run in runs {
            tagged += html[index(cursor)..<index(run.lowerBound)]
            tagged += #"<span lang="ja">"#
            tagged += html[index(run.lowerBound)..<index(run.upperBound)]
            tagged += "</span>"
            cursor = run.upperBound
        }
        return tagged + html[index(cursor)...]
    }

    /// A run is the space-separated words holding Japanese and the spaces between them:
    /// 「CSIRT（組織内CSIRT）」 is one run, `CSIRT and 組織` tags only 組織.
    private static func appendRuns(_ page: UnsafeBufferPointer<UInt8>, _ text: Range<Int>, to runs: inout [Range<Int>]) {
        // Japanese takes bytes from E3 on: a text without any has no run.
        guard let first = firstByte(from: 0xE3, in: page, text) else { return }
        var run: Range<Int>?
        // The word holding `first` starts after the last space before it.
        var i = page[text.lowerBound..<first].lastIndex(where: isSpace).map { $0 + 1 } ?? text.lowerBound
        while i < text.upperBound {
            if isSpace(page[i]) { i += 1; continue }
            var end = i
            var japanese = false
            while end < text.upperBound, !isSpace(page[end]) {
                if !japanese, isJapanese(page, at: end, end: text.upperBound) { japanese = true }
                end += 1
            }
            if japanese {
                run = (run?.lowerBound ?? i)..<end
            } else if let finished = run {
                runs.append(finished)
                run = nil
            }
            i = end
        }
        if let run { runs.append(run) }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// The index after the tag (or comment) starting at `start`; quoted values may hold `>`.
    private static func tagEnd(_ page: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        if start + 4 <= page.count, page[start + 1] == UInt8(ascii: "!"), page[start + 2] == UInt8(ascii: "-"), page[start + 3] == UInt8(ascii: "-") {
            // A comment ends at the first `-->` after its `<!--`.
            var from = start + 6
            while let close = page.firstOffset(of: UInt8(ascii: ">"), from: from) {
                if page[close - 1] == UInt8(ascii: "-"), page[close - 2] == UInt8(ascii: "-") { return close + 1 }
                from = close + 1
            }
            return page.count
        }
        var j = start + 1
        while let found = firstIndex(of: UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), in: page, j..<page.count) {
            if page[found] == UInt8(ascii: ">") { return found + 1 }
            guard let close = page.firstOffset(of: page[found], from: found + 1) else { return page.count }
            j = close + 1
        }
        return page.count
    }

    /// The first index in `range` of a byte that is `a`, `b` or `c`, tested eight bytes at
    /// a time: a word XOR a byte repeated has a zero byte where that byte is, and the
    /// lowest byte flagged by the zero-byte test is always a true one.
    private static func firstIndex(of a: UInt8, _ b: UInt8, _ c: UInt8, in page: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        func zeroBytes(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & (ones << 7) }
        var index = range.lowerBound
        while index + 8 <= range.upperBound {
            let word = UInt64(littleEndian: UnsafeRawPointer(page.baseAddress! + index).loadUnaligned(as: UInt64.self))
            let found = zeroBytes(word ^ (ones &* UInt64(a))) | zeroBytes(word ^ (ones &* UInt64(b))) | zeroBytes(word ^ (ones &* UInt64(c)))
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < range.upperBound {
            if page[index] == a || page[index] == b || page[index] == c { return index }
            index += 1
        }
        return nil
    }

    /// Where the element name is in the tag `tag`, and whether it is an end tag; nil for
    /// `<!…>` and `<?…>`.
    private static func tagName(_ page: UnsafeBufferPointer<UInt8>, _ tag: Range<Int>) -> (Range<Int>, Bool)? {
        var start = tag.lowerBound + 1
        let closing = start < tag.upperBound && page[start] == UInt8(ascii: "/")
        if closing { start += 1 }
        var end = start
        while end < tag.upperBound, isASCIILetterOrDigit(page[end]) { end += 1 }
        return end == start ? nil : (start..<end, closing)
    }

    /// The first eight bytes of a name, lowercased, as one number: the names of the void
    /// and raw-text elements fit, so for a name of up to eight bytes a lookup is a
    /// comparison of numbers.
    private static func key(_ page: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> UInt64 {
        var key: UInt64 = 0
        for index in name.prefix(8) { key = key << 8 | UInt64(lowercased(page[index])) }
        return key
    }

    private static func key(_ name: String) -> UInt64 {
        Array(name.utf8).withUnsafeBufferPointer { key($0, $0.indices) }
    }

    /// Whether two names are the same, ignoring ASCII case (their keys are equal).
    private static func sameName(_ page: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        for k in 8..<max(8, a.count) where lowercased(page[a.lowerBound + k]) != lowercased(page[b.lowerBound + k]) { return false }
        return true
    }

    /// The start of the first `</name` (any case) at or after `start`, or the page's end.
    private static func rawTextEnd(_ page: UnsafeBufferPointer<UInt8>, from start: Int, name: Range<Int>) -> Int {
        var from = start
        while let open = page.firstOffset(of: UInt8(ascii: "<"), from: from) {
            guard open + 2 + name.count <= page.count else { break }
            if page[open + 1] == UInt8(ascii: "/"),
               name.indices.allSatisfy({ lowercased(page[open + 2 + $0 - name.lowerBound]) == lowercased(page[$0]) }) { return open }
            from = open + 1
        }
        return page.count
    }

    /// Whether the tag's first ` lang="` value starts with `ja` in any case; nil without one.
    private static func langIsJapanese(_ page: UnsafeBufferPointer<UInt8>, _ tag: Range<Int>) -> Bool? {
        // Found by its `=`: a tag holds an `=` or two, and most no `lang`.
        guard tag.count >= 7 else { return nil }
        var from = tag.lowerBound + 5
        var valueStart: Int?
        while let equals = firstIndex(of: UInt8(ascii: "="), UInt8(ascii: "="), UInt8(ascii: "="), in: page, from..<(tag.upperBound - 1)) {
            if (0..<7).allSatisfy({ page[equals - 5 + $0] == langAttribute.utf8Start[$0] }) { valueStart = equals + 2; break }
            from = equals + 1
        }
        guard let valueStart else { return nil }
        let value = UnsafeBufferPointer(rebasing: page[valueStart..<tag.upperBound].prefix { $0 != UInt8(ascii: "\"") })
        // Past ASCII, where a character may lowercase to more than one or join the next,
        // Swift's own comparison decides.
        guard value.prefix(3).allSatisfy({ $0 < 0x80 }) else { return String(decoding: value, as: UTF8.self).lowercased().hasPrefix("ja") }
        return value.count >= 2 && lowercased(value[0]) == UInt8(ascii: "j") && lowercased(value[1]) == UInt8(ascii: "a")
    }

    private static let langAttribute: StaticString = " lang=\""

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        let lower = lowercased(byte)
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static let void = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"].map(key)
    private static let rawText = ["script", "style", "title", "textarea"].map(key)
}
