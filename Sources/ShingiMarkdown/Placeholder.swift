import ShingiCore

/// Markers the Markdown stage leaves in its HTML for the render stage.
/// They are delimited by U+0001, which the Markdown stage removes from every input
/// before parsing, so no text of a file can forge one. (U+0000 cannot be used: cmark
/// takes the custom node text as a C string.)
public enum Placeholder {
    public static let delimiter: Character = "\u{1}"

    /// Where cross-link number `index` (into `RenderedFragment.crossLinks`) goes.
    static func crossLink(_ index: Int) -> String { "\u{1}L\(index)\u{1}" }
    /// Before and after the label of a cross-link written with one (`[[issue:1|label]]`):
    /// the label is Markdown rendered by cmark, the link around it is the render stage's.
    static func crossLinkOpen(_ index: Int) -> String { "\u{1}O\(index)\u{1}" }
    static func crossLinkClose(_ index: Int) -> String { "\u{1}C\(index)\u{1}" }
    /// Right after `fn-` / `fnref-` in a footnote's ids and links: the render stage puts
    /// the fragment's namespace there, so that footnotes of the fragments of one page differ.
    static let footnoteNamespace = "\u{1}N\u{1}"
    /// A `<br>` kept in a table cell; replaced in the Markdown stage itself.
    static let lineBreak = "\u{1}B\u{1}"
    /// Just before heading number `index` (into `RenderedFragment.headings`).
    static func headingStart(_ index: Int) -> String { "\u{1}H\(index)\u{1}" }

    public enum Token: Equatable, Sendable {
        case html(Substring)
        case crossLink(Int)
        case crossLinkOpen(Int)
        case crossLinkClose(Int)
        case headingStart(Int)
        case footnoteNamespace
    }

    /// Splits fragment HTML into literal HTML and placeholder tokens, in order.
    /// Works on UTF-8 bytes: the HTML of a page is large and the delimiter is ASCII.
    public static func tokens(of html: String) -> [Token] {
        var result: [Token] = []
        let utf8 = html.utf8
        var literalStart = utf8.startIndex
        var index = utf8.startIndex
        while let open = utf8[index...].firstIndex(of: 1) {
            guard let close = utf8[utf8.index(after: open)...].firstIndex(of: 1) else { break }
            if literalStart < open { result.append(.html(Substring(html[literalStart..<open]))) }
            let body = html[utf8.index(after: open)..<close]
            if body == "N" {
                result.append(.footnoteNamespace)
            } else if let kind = body.first, let number = Int(body.dropFirst()) {
                switch kind {
                case "L": result.append(.crossLink(number))
                case "O": result.append(.crossLinkOpen(number))
                case "C": result.append(.crossLinkClose(number))
                default: result.append(.headingStart(number))
                }
            }
            index = utf8.index(after: close)
            literalStart = index
        }
        if literalStart < utf8.endIndex { result.append(.html(Substring(html[literalStart...]))) }
        return result
    }

    /// The byte length of the placeholder that starts at `start`, if one does: a kind
    /// letter, digits, the closing delimiter.
    static func length(_ bytes: [UInt8], at start: Int) -> Int? {
        guard start + 2 < bytes.count, bytes[start] == 1, "LOCBHN".utf8.contains(bytes[start + 1]) else { return nil }
        var end = start + 2
        while end < bytes.count, end - start < 24, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
        return end < bytes.count && bytes[end] == 1 ? end + 1 - start : nil
    }

    /// The input with every delimiter replaced by a space (same byte length, so
    /// positions do not move).
    static func sanitise(_ markdown: String) -> String {
        guard markdown.containsUTF8("\u{1}") else { return markdown }
        return String(decoding: markdown.utf8.map { $0 == 1 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}
