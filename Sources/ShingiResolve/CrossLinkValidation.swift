import ShingiCore
import ShingiMarkdown

/// Whether a cross-link names something that exists; the message says what does.
enum CrossLinkValidation {
    struct Problem {
        var code: String
        var message: String
    }

    static func problem(_ link: CrossLinkReference, kind: CrossLinkKind, in site: ResolvedSite) -> Problem? {
        func unknown(_ what: String, _ file: String, ids: [String]) -> Problem {
            Problem(code: "broken-link", message: "'\(link.source)' links to \(what) '\(link.target)', which does not exist in \(file)"
                + Suggestion.hint(for: link.target, in: ids))
        }
        if link.target.isEmpty {
            return Problem(code: "broken-link", message: "'\(link.source)' names no target; write [[\(kind.rawValue):id]]")
        }
        if link.anchor != nil && kind != .issue {
            return Problem(code: "broken-link", message: "'\(link.source)' has a '#section' anchor, which only issue links can have")
        }
        switch kind {
        case .issue:
            guard let issue = site.issue(link.target) else { return unknown("issue", "content/issues/", ids: site.issues.map(\.id)) }
            if let anchor = link.anchor.map(Slug.normaliseExplicit), !issue.anchors.contains(anchor) {
                return Problem(code: "broken-anchor", message: "'\(link.source)' links to section '\(anchor)' of issue '\(issue.id)', which has no such section; known sections: \(issue.sections.map(\.id).joined(separator: ", "))")
            }
        case .ref:
            if site.reference(link.target) == nil { return unknown("reference", "content/references.yml", ids: site.references.map(\.id)) }
        case .member:
            if site.member(link.target) == nil { return unknown("member", "content/members.yml", ids: site.members.map(\.id)) }
        case .meeting:
            if site.meeting(link.target) == nil { return unknown("meeting", "content/meetings.yml", ids: site.meetings.map(\.id)) }
        case .comment:
            if site.comment(link.target) == nil { return unknown("comment", "content/comments/", ids: site.comments.map(\.id)) }
        }
        return nil
    }
}
