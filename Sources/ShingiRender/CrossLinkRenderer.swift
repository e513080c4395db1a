import ShingiCore
import ShingiMarkdown
import ShingiResolve

/// Turns a checked `[[kind:id#anchor|label]]` into its HTML in the page's language.
struct CrossLinkRenderer {
    let presenter: Presenter
    /// On an issue page's text, citations link to the page's own reference list.
    var citations: CitationCollector?

    func html(_ link: CrossLinkReference) -> String {
        let site = presenter.site
        let urls = presenter.urls
        let language = presenter.language
        let label = link.label.map(HTMLEscape.text)
        switch CrossLinkKind(rawValue: link.kind) {
        case .issue?:
            let anchor = link.anchor.map(Slug.normaliseExplicit)
            guard let label else { return presenter.issueLink(link.target, section: anchor) }
            return HTMLAnchor.html(href: urls.issue(link.target, language, section: anchor), class: "issue-link", innerHTML: label)
        case .ref?:
            guard let reference = site.reference(link.target) else { break }
            let title = presenter.text(reference.title).text
            var citation = HTMLAnchor.html(href: urls.references(language, reference: reference.id), class: "citation", title: title, innerHTML: "[\(reference.number)]")
            if let citations {
                let id = citations.add(reference.id)
                citation = "<a class=\"citation\" id=\"\(HTMLEscape.text(id))\" href=\"#\(HTMLEscape.text(CitationCollector.entryID(reference.id)))\" title=\"\(HTMLEscape.text(title))\">[\(reference.number)]</a>"
            }
            return label.map { "\($0)\(citation)" } ?? citation
        case .member?:
            guard let label else { return presenter.memberLink(link.target) }
            return HTMLAnchor.html(href: urls.member(link.target, language), class: "member-link", innerHTML: label)
        case .meeting?:
            guard let label else { return presenter.meetingLink(link.target) }
            return HTMLAnchor.html(href: urls.meeting(link.target, language), class: "meeting-link", innerHTML: label)
        case .comment?:
            guard let comment = site.comment(link.target) else { break }
            let text = label ?? HTMLEscape.text(presenter.t("comment_by").filling("{member}", with: site.member(comment.member).map { presenter.memberName($0).text } ?? comment.member))
            return HTMLAnchor.html(href: presenter.commentURL(comment), class: "comment-link", innerHTML: text)
        case nil:
            break
        }
        // Unreachable after Resolve; keep the text visible rather than drop it.
        return HTMLEscape.text(link.source)
    }
}

import Foundation
