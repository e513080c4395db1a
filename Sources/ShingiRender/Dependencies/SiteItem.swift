import ShingiLoad
import ShingiResolve

/// One item of a resolved site that a render job can read: the unit `SiteChange` says
/// changed or not, and the owner of the fields a job records (`SiteInput.field`). Its
/// kinds are the registries' (`ContentKind`, `DataKind`), so a new kind is a compile
/// error in each switch below, not an item nothing records.
public struct SiteItem: Hashable, Sendable {
    /// The kinds whose lists (keys in order) a job can read as a whole.
    public enum Kind: Hashable, Sendable {
        case content(ContentKind)
        case data(DataKind)
    }

    public var kind: Kind
    /// The item's id (a page's slug); empty for the home page, the only one of its kind.
    public var key: String
}

extension SiteItem {
    public init(_ kind: ContentKind, _ key: String = "") { self.init(kind: .content(kind), key: key) }
    public init(_ kind: DataKind, _ key: String) { self.init(kind: .data(kind), key: key) }
}

extension ResolvedSite {
    /// The item's value, nil when the site has no such item.
    func value(of item: SiteItem) -> (any Sendable)? {
        switch item.kind {
        case .content(.issue): issue(item.key)
        case .content(.comment): comment(item.key)
        case .content(.page): pages.first { $0.slug == item.key }
        case .content(.home): home
        case .data(.members): member(item.key)
        case .data(.meetings): meeting(item.key)
        case .data(.references): reference(item.key)
        }
    }

    /// The keys of every item of a kind, in the site's order.
    func keys(_ kind: SiteItem.Kind) -> [String] {
        switch kind {
        case .content(.issue): issues.map(\.id)
        case .content(.comment): comments.map(\.id)
        case .content(.page): pages.map(\.slug)
        case .content(.home): home == nil ? [] : [""]
        case .data(.members): members.map(\.id)
        case .data(.meetings): meetings.map(\.id)
        case .data(.references): references.map(\.id)
        }
    }
}
