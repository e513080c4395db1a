/// Markers the Markdown stage leaves in its HTML for the render stage.
/// They are delimited by U+0000, which cmark replaces in every input, so no text of a
/// file can forge one.
public enum Placeholder {
    public static let delimiter: Character = "\u{0}"

    /// Where cross-link number `index` (into `RenderedFragment.crossLinks`) goes.
    static func crossLink(_ index: Int) -> String { "\u{0}L\(index)\u{0}" }
    /// Just before heading number `index` (into `RenderedFragment.headings`).
    static func headingStart(_ index: Int) -> String { "\u{0}H\(index)\u{0}" }

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
}
