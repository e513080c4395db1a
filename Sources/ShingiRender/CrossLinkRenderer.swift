import ShingiCore
import ShingiMarkdown
import ShingiResolve

/// Turns a checked `[[kind:id#anchor|label]]` into its HTML in the page's language.
/// Without a label the whole link is made here (`html`); with one, cmark has rendered
/// the label (it may hold emphasis or code) and this makes what goes around it.
struct CrossLinkRenderer {
    let presenter: Presenter

    /// A link written without a label: its text is the name of what it links to.
    func html(_ link: CrossLinkReference) -> String {
        let site = presenter.site
        switch CrossLinkKind(rawValue: link.kind) {
        case .issue?:
            return presenter.issueLink(link.target, section: link.anchor.map(Slug.normaliseExplicit))
        case .ref?:
            return citation(link) ?? HTMLEscape.text(link.source)
        case .member?:
            return presenter.memberLink(link.target)
        case .meeting?:
            return presenter.meetingLink(link.target)
        case .comment?:
            guard let comment = site.comment(link.target) else { break }
            let text = HTMLEscape.text(presenter.t("comment_by").filling("{member}", with: site.member(comment.member).map { presenter.memberName($0).text } ?? comment.member))
            return "<a class=\"comment-link\" href=\"\(HTMLEscape.text(presenter.commentURL(comment)))\">\(text)</a>"
        case nil:
            break
        }
        // Unreachable after Resolve; keep the text visible rather than drop it.
        return HTMLEscape.text(link.source)
    }

    /// What goes before a link's rendered label.
    func opening(_ link: CrossLinkReference) -> String {
        let urls = presenter.urls
        let language = presenter.language
        switch CrossLinkKind(rawValue: link.kind) {
        case .issue?:
            let anchor = link.anchor.map(Slug.normaliseExplicit)
            return "<a class=\"issue-link\" href=\"\(HTMLEscape.text(urls.issue(link.target, language, section: anchor)))\">"
        case .member?:
            return "<a class=\"member-link\" href=\"\(urls.member(link.target, language))\">"
        case .meeting?:
            return "<a class=\"meeting-link\" href=\"\(urls.meeting(link.target, language))\">"
        case .comment?:
            guard let comment = presenter.site.comment(link.target) else { return "" }
            return "<a class=\"comment-link\" href=\"\(HTMLEscape.text(presenter.commentURL(comment)))\">"
        case .ref?, nil:
            return ""
        }
    }

    /// What goes after a link's rendered label: the end of the link, or a citation's number.
    func closing(_ link: CrossLinkReference) -> String {
        switch CrossLinkKind(rawValue: link.kind) {
        case .ref?: return citation(link) ?? ""
        case nil: return ""
        case .comment?: return presenter.site.comment(link.target) == nil ? "" : "</a>"
        default: return "</a>"
        }
    }

    /// `[n]`, linked to the reference index.
    private func citation(_ link: CrossLinkReference) -> String? {
        guard let reference = presenter.site.reference(link.target) else { return nil }
        let title = HTMLEscape.text(presenter.text(reference.title).text)
        return "<a class=\"citation\" href=\"\(presenter.urls.references(presenter.language, reference: reference.id))\" title=\"\(title)\">[\(reference.number)]</a>"
    }
}
