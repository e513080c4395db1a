import ShingiCore
import ShingiResolve

/// Every comment rendered with `partials/comment` once per language, before the pages
/// that list it are rendered. The variant with its target line (member and meeting
/// pages) is made by filling a marker, not by rendering the comment twice.
struct RenderedComments: Sendable {
    private var items: [String: [Language: (plain: String, withTarget: String)]] = [:]

    static let empty = RenderedComments()

    /// Stands in the comment for its target line; U+0001 never reaches a page otherwise.
    private static let marker = "\u{1}comment-target\u{1}"

    func html(_ id: String, _ language: Language, showTarget: Bool) -> String {
        guard let item = items[id]?[language] else { return "" }
        return showTarget ? item.withTarget : item.plain
    }

    static func render(_ renderer: PageRenderer) async -> RenderedComments {
        let languages = renderer.site.config.languages
        let marker = Self.marker
        let rendered = await renderer.site.comments.parallelMap { comment -> (String, [Language: (String, String)]) in
            var byLanguage: [Language: (String, String)] = [:]
            for language in languages {
                let p = renderer.presenter(language)
                let html = renderer.theme.render("partials/comment", renderer.commentContext(comment, p, targetLine: marker)) ?? ""
                let target = renderer.theme.render("partials/comment-target", renderer.commentTargetContext(comment, p)) ?? ""
                byLanguage[language] = (html.filling(marker, with: ""), html.filling(marker, with: target))
            }
            return (comment.id, byLanguage)
        }
        var result = RenderedComments()
        for (id, byLanguage) in rendered {
            result.items[id] = byLanguage.mapValues { (plain: $0.0, withTarget: $0.1) }
        }
        return result
    }
}
