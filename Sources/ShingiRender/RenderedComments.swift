import ShingiCore
import ShingiResolve

/// Every comment rendered with `partials/comment` once per language, with and without
/// its target line, before the pages that list it are rendered.
struct RenderedComments: Sendable {
    private var items: [String: [Language: (plain: String, withTarget: String)]] = [:]

    static let empty = RenderedComments()

    func html(_ id: String, _ language: Language, showTarget: Bool) -> String {
        guard let item = items[id]?[language] else { return "" }
        return showTarget ? item.withTarget : item.plain
    }

    static func render(_ renderer: PageRenderer) async -> RenderedComments {
        let languages = renderer.site.config.languages
        let rendered = await renderer.site.comments.parallelMap { comment -> (String, [Language: (String, String)]) in
            var byLanguage: [Language: (String, String)] = [:]
            for language in languages {
                let p = renderer.presenter(language)
                let plain = renderer.theme.render("partials/comment", renderer.commentContext(comment, p, showTarget: false)) ?? ""
                let withTarget = renderer.theme.render("partials/comment", renderer.commentContext(comment, p, showTarget: true)) ?? ""
                byLanguage[language] = (plain, withTarget)
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
