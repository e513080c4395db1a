import ShingiCore
import ShingiMarkdown
import ShingiResolve

/// Turns a checked `[[kind:id#anchor|label]]` into its HTML in the page's language.
/// Without a label the whole link is made here (`html`); with one, cmark has rendered
/// the label (it may hold emphasis or code) and this makes what goes around it.
/// Every address goes through `HTMLAnchor`, escaped like a template value.
struct CrossLinkRenderer {
    let presenter: Presenter
    /// On an issue page's text, citations link to the page's own reference list.
    var citations: CitationCollector?

    /// A link written without a label: its text is the name of what it links to.
    func html(_ link: CrossLinkReference) -> String {
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
            if let html = presenter.commentLink(link.target) { return html }
        case nil:
            break
        }
        // Unreachable after Resolve; keep the text visible rather than drop it.
        return HTMLEscape.text(link.source)
    }

    /// What goes before a link's rendered label.
    func opening(_ link: CrossLinkReference) -> String {
        switch CrossLinkKind(rawValue: link.kind) {
        case .issue?:
            return presenter.issueLinkStart(link.target, section: link.anchor.map(Slug.normaliseExplicit))
        case .member?:
            return presenter.memberLinkStart(link.target)
        case .meeting?:
            return presenter.meetingLinkStart(link.target)
        case .comment?:
            return presenter.site.comment(link.target).map(presenter.commentLinkStart) ?? ""
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

    /// `[n]`, linked to the reference index, or, on an issue page, to the page's own
    /// reference list (with an id the list links back to).
    private func citation(_ link: CrossLinkReference) -> String? {
        guard let reference = presenter.site.reference(link.target) else { return nil }
        let title = presenter.text(reference.title).text
        if let citations {
            return HTMLAnchor.html(href: "#" + CitationCollector.entryID(reference.id), class: "citation", id: citations.add(reference.id),
                                   title: title, innerHTML: "[\(reference.number)]")
        }
        return HTMLAnchor.html(href: presenter.urls.references(presenter.language, reference: reference.id), class: "citation",
                               title: title, innerHTML: "[\(reference.number)]")
    }
}
