import ShingiCore
import ShingiLoad
import ShingiResolve

extension PageRenderer {
    /// A comment's status, the secretariat's response and where the paper reflects it,
    /// for `partials/comment` and the 意見対応表. A response missing in the page's
    /// language is shown in the other, marked with its language.
    func responseContext(_ comment: Tracked<Comment>, _ p: Presenter) -> [String: Any] {
        var context: [String: Any] = ["has_status": comment.status != nil, "has_response": false]
        if let status = comment.status {
            context["status"] = p.t(.status(status))
            context["status_id"] = status.rawValue
        }
        if let (response, fallback) = shownResponse(comment, p.language) {
            context["has_response"] = true
            context["response_html"] = assembler(p).html(response.fragment, footnotes: "r-\(comment.id)")
            context["response_lang"] = (fallback ?? p.language).rawValue
        }
        let reflected = comment.reflectedIn.map { ["html": p.issueLink($0.issue, section: $0.section)] }
        context["reflected"] = reflected
        context["has_reflected"] = !reflected.isEmpty
        return context
    }

    /// The response a page in `language` shows: its own, else the other language's.
    func shownResponse(_ comment: Tracked<Comment>, _ language: Language) -> (file: MarkdownSource, fallback: Language?)? {
        comment.translation(\.responses, language)
    }

    /// After a section of an issue page: links back to the comments the paper reflects
    /// there (`reflected_in`), or nothing.
    func reflectedComments(issue: String, section: String, _ p: Presenter) -> [[String: Any]] {
        site.comments(reflectedIn: issue, section: section).map { comment in
            ["url": p.commentURL(comment), "label": p.commentLabel(comment)]
        }
    }
}
