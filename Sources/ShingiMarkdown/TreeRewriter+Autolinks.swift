import CCmarkGFM
import Foundation
import ShingiCore

/// Links the autolink extension made from prose (`https://…`, `www.…`, `a@b.jp`): the
/// author wrote text, not a link, so such a link ends where the URL ends in Japanese
/// text, and one with a scheme shingi does not publish becomes text with a warning.
extension TreeRewriter {
    /// Whether the autolink extension made the link: its only child is its text, spelled
    /// as its URL, and (unlike `<…>` and `[…](…)`) nothing in the source opens it.
    func isAutolinkExtensionLink(_ node: OpaquePointer) -> Bool {
        guard let url = cmark_node_get_url(node).map({ String(cString: $0) }),
              let child = cmark_node_first_child(node), cmark_node_next(child) == nil,
              cmark_node_get_type(child) == CMARK_NODE_TEXT, let text = literalString(child),
              url == text || url == "http://" + text || url == "mailto:" + text else { return false }
        let line = Int(cmark_node_get_start_line(node))
        // The extension gives the links it finds after parsing no position at all.
        guard line >= 1, line <= lineStarts.count else { return true }
        let offset = lineStarts[line - 1] + max(0, Int(cmark_node_get_start_column(node)) - 1)
        return offset >= sourceBytes.count || (sourceBytes[offset] != UInt8(ascii: "[") && sourceBytes[offset] != UInt8(ascii: "<"))
    }

    /// Ends the link before CJK or full-width punctuation or Japanese letters (warning
    /// about the letters), then unlinks it if its scheme is not published.
    mutating func checkAutolink(_ node: OpaquePointer) {
        guard let child = cmark_node_first_child(node), let text = literalString(child),
              var url = cmark_node_get_url(node).map({ String(cString: $0) }) else { return }
        let position = autolinkPosition(node, text: text)
        var shown = text
        if let cut = Self.urlEnd(text) {
            shown = String(text[..<cut])
            let rest = String(text[cut...])
            if url.hasSuffix(rest) { url = String(url.dropLast(rest.count)) }
            cmark_node_set_url(node, url)
            cmark_node_set_literal(child, shown)
            if let after = cmark_node_new(CMARK_NODE_TEXT) {
                cmark_node_set_literal(after, rest)
                if cmark_node_insert_after(node, after) == 0 { cmark_node_free(after) }
            }
            if let first = rest.unicodeScalars.first, Self.isJapaneseLetter(first) {
                problems.append(MarkdownProblem(
                    isError: false, code: "url-end-unclear",
                    message: "the URL '\(shown)' is directly followed by '\(rest.prefix(10))', so the link ends before it; put a space after the URL, or write <\(text)> if that text belongs to the address",
                    position: position))
            }
        }
        guard !URLPolicy.isAllowed(url) else { return }
        problems.append(MarkdownProblem(
            isError: false, code: "unlinked-url",
            message: "'\(shown)' is shown as text, not as a link: only http(s) and mailto URLs are linked; put it in backticks to say it is meant as text",
            position: position))
        guard let plain = cmark_node_new(CMARK_NODE_TEXT) else { return }
        cmark_node_set_literal(plain, shown)
        if cmark_node_replace(node, plain) == 0 { cmark_node_free(plain); return }
        cmark_node_free(node)
    }

    /// Where a link without a position stands: its text searched in the source from the
    /// start of its block (or after the previous such link of the block).
    private mutating func autolinkPosition(_ node: OpaquePointer, text: String) -> BodyPosition {
        if cmark_node_get_start_line(node) >= 1 { return position(of: node) }
        var block = cmark_node_parent(node)
        while let current = block, cmark_node_get_start_line(current) < 1 { block = cmark_node_parent(current) }
        guard let block else { return BodyPosition(line: 1, column: 1) }
        let start = position(of: block)
        let blockOffset = lineStarts[start.line - 1] + max(0, Int(cmark_node_get_start_column(block)) - 1)
        let from = autolinkCursor.block == block ? max(blockOffset, autolinkCursor.offset) : blockOffset
        let needle = Array(text.utf8)
        guard !needle.isEmpty, from < sourceBytes.count,
              let found = Self.firstIndex(of: needle, in: sourceBytes, from: from, limit: from + 1 << 20) else { return start }
        autolinkCursor = (block, found + needle.count)
        return offsetPosition(found)
    }

    /// The line and character column of a byte offset into the source.
    func offsetPosition(_ offset: Int) -> BodyPosition {
        var low = 0, high = lineStarts.count  // the line: the last start <= offset
        while high - low > 1 {
            let mid = (low + high) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid }
        }
        let byteColumn = offset - lineStarts[low] + 1
        return BodyPosition(line: low + 1, column: characterColumn(line: low + 1, byteColumn: byteColumn))
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from: Int, limit: Int) -> Int? {
        let last = min(haystack.count, limit) - needle.count
        guard from <= last else { return nil }
        for i in from...last where haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }

    /// Where a URL found in prose really ends: before the first CJK or full-width
    /// punctuation or Japanese letter, and before ASCII punctuation that ends a sentence
    /// right there (as the extension itself trims it); nil when it ends at the end.
    static func urlEnd(_ text: String) -> String.Index? {
        guard let stop = text.unicodeScalars.firstIndex(where: { isCJKPunctuation($0) || isJapaneseLetter($0) }) else { return nil }
        var end = stop
        while end > text.startIndex, ".,:;!?*_~'\"".unicodeScalars.contains(text.unicodeScalars[text.unicodeScalars.index(before: end)]) {
            end = text.unicodeScalars.index(before: end)
        }
        return end
    }

    /// U+3000–U+303F (「」、。) and the punctuation of U+FF00–U+FF65 (（）！，．｡｢｣､･).
    static func isCJKPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3000...0x303F: return true
        case 0xFF00...0xFF65: return !scalar.properties.isAlphabetic && scalar.properties.numericType == nil
        default: return false
        }
    }

    /// Hiragana, katakana (full and half width) and CJK ideographs.
    static func isJapaneseLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x2FA1F: return true
        default: return false
        }
    }
}
