/// Markers the Markdown stage leaves in its HTML for the render stage.
/// They are delimited by U+0001, which the Markdown stage removes from every input
/// before parsing, so no text of a file can forge one. (U+0000 cannot be used: cmark
/// takes the custom node text as a C string.)
public enum Placeholder {
    public static let delimiter: Character = "\u{1}"

    /// Where cross-link number `index` (into `RenderedFragment.crossLinks`) goes.
    static func crossLink(_ index: Int) -> String { "\u{1}L\(index)\u{1}" }
    /// Just before heading number `index` (into `RenderedFragment.headings`).
    static func headingStart(_ index: Int) -> String { "\u{1}H\(index)\u{1}" }

    public enum Token: Equatable, Sendable {
        case html(Substring)
        case crossLink(Int)
        case headingStart(Int)
    }

    /// Splits fragment HTML into literal HTML and placeholder tokens, in order.
    public static func tokens(of html: String) -> [Token] {
        var result: [Token] = []
        var inside = false
        for part in html.split(separator: delimiter, omittingEmptySubsequences: false) {
            defer { inside.toggle() }
            if !inside {
                if !part.isEmpty { result.append(.html(part)) }
                continue
            }
            guard let kind = part.first, let index = Int(part.dropFirst()) else { continue }
            result.append(kind == "L" ? .crossLink(index) : .headingStart(index))
        }
        return result
    }

    /// The input with every delimiter replaced by a space (same byte length, so
    /// positions do not move).
    static func sanitise(_ markdown: String) -> String {
        guard markdown.utf8.contains(1) else { return markdown }
        return String(decoding: markdown.utf8.map { $0 == 1 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}
