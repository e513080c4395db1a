import ShingiCore
import ShingiLoad
import ShingiResolve

extension PageRenderer {
    /// A comment's status, the secretariat's response and where the paper reflects it,
    /// for `partials/comment` and the 意見対応表. A response missing in the page's
    /// language is shown in the other, marked with its language.
    func responseContext(_ comment: Tracked<Comment>, _ p: Presenter) -> ResponseContext {
        let status = comment.status
        let shown = shownResponse(comment, p.language)
        let reflected = comment.reflectedIn.map { HTMLItem(html: p.issueLink($0.issue, section: $0.section)) }
        return ResponseContext(
            hasStatus: status != nil, hasResponse: shown != nil, status: status.map { p.t(.status($0)) }, statusID: status?.rawValue,
            responseHTML: shown.map { assembler(p).html($0.file.fragment, footnotes: "r-\(comment.id)") },
            responseLang: shown.map { ($0.fallback ?? p.language).rawValue }, reflected: reflected, hasReflected: !reflected.isEmpty)
    }

    /// The response a page in `language` shows: its own, else the other language's.
    func shownResponse(_ comment: Tracked<Comment>, _ language: Language) -> (file: MarkdownSource, fallback: Language?)? {
        comment.translation(\.responses, language)
    }

    /// After a section of an issue page: links back to the comments the paper reflects
    /// there (`reflected_in`), or nothing.
    func reflectedComments(issue: String, section: String, _ p: Presenter) -> [SectionCommentsContext.ReflectedComment] {
        site.comments(reflectedIn: issue, section: section).map { comment in
            SectionCommentsContext.ReflectedComment(url: p.commentURL(comment), label: p.commentLabel(comment))
        }
    }
}
