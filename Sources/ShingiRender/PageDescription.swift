import ShingiCore

/// A page's `<meta name="description">`: the text of the first paragraph of its rendered
/// body, clipped to a search result's length. The result is escaped HTML text, as the
/// body is (`"` is `&quot;` there), printed into the attribute as it is.
enum PageDescription {
    static let limit = 160

    static func firstParagraph(_ html: String) -> String? {
        guard let start = html.utf8Range(of: "<p>"), let end = html[start.upperBound...].utf8Range(of: "</p>") else { return nil }
        var text = ""
        var inTag = false
        for c in html[start.upperBound..<end.lowerBound] {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { text.append(c.isNewline ? " " : c) }
        }
        let words = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return words.isEmpty ? nil : clipped(words)
    }

    /// At most `limit` characters and `…`, never cutting an entity such as `&amp;` in two.
    static func clipped(_ text: String) -> String {
        guard text.count > limit else { return text }
        var cut = String(text.prefix(limit))
        if let amp = cut.lastIndex(of: "&"), !cut[amp...].contains(";") { cut = String(cut[..<amp]) }
        return cut + "…"
    }
}
