import ShingiResolve

/// One item of a resolved site that a render job can read: the unit `SiteChange` says
/// changed or not, and the owner of the fields a job records (`SiteInput.field`).
public enum SiteItem: Hashable, Sendable {
    case issue(String)
    case comment(String)
    case member(String)
    case meeting(String)
    case reference(String)
    case page(String)
    case home

    /// The kinds whose lists (ids in order) a job can read as a whole.
    public enum Kind: Hashable, Sendable, CaseIterable {
        case issue, comment, member, meeting, reference, page, home
    }

    public var kind: Kind {
        switch self {
        case .issue: .issue
        case .comment: .comment
        case .member: .member
        case .meeting: .meeting
        case .reference: .reference
        case .page: .page
        case .home: .home
        }
    }
}

extension ResolvedSite {
    /// The item's value, nil when the site has no such item.
    func value(of item: SiteItem) -> (any Sendable)? {
        switch item {
        case .issue(let id): issue(id)
        case .comment(let id): comment(id)
        case .member(let id): member(id)
        case .meeting(let id): meeting(id)
        case .reference(let id): reference(id)
        case .page(let slug): pages.first { $0.slug == slug }
        case .home: home
        }
    }

    /// Every item of a kind, in the site's order.
    func items(_ kind: SiteItem.Kind) -> [SiteItem] {
        switch kind {
        case .issue: issues.map { .issue($0.id) }
        case .comment: comments.map { .comment($0.id) }
        case .member: members.map { .member($0.id) }
        case .meeting: meetings.map { .meeting($0.id) }
        case .reference: references.map { .reference($0.id) }
        case .page: pages.map { .page($0.slug) }
        case .home: home == nil ? [] : [.home]
        }
    }
}
