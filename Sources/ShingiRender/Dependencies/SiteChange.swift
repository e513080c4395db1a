import ShingiCore
import ShingiLoad
import ShingiResolve

/// What differs between two resolved sites, by item: found by comparing their values,
/// so nothing after Resolve reads file paths to know what changed. Unchanged items share
/// their storage with the previous site, so comparing them is cheap.
public struct SiteChange: Sendable, Equatable {
    /// Items added, removed or changed in any way.
    public var items: Set<SiteItem> = []
    /// Kinds whose items are the same but in another order.
    public var reordered: Set<SiteItem.Kind> = []
    /// What every page depends on changed (`shingi.yml`, the theme): render everything.
    public var everything = false

    public init(items: Set<SiteItem> = [], everything: Bool = false) {
        self.items = items
        self.everything = everything
    }

    public static let all = SiteChange(everything: true)

    public var kinds: Set<SiteItem.Kind> { reordered.union(items.map(\.kind)) }

    public var isEmpty: Bool { items.isEmpty && reordered.isEmpty && !everything }

    /// Every kind is compared, by a switch with no `default:`: a new kind's edits mark its
    /// pages stale, or it does not compile.
    public static func between(_ old: ResolvedSite, _ new: ResolvedSite) -> SiteChange {
        guard old.config == new.config else { return .all }
        var change = SiteChange()
        for kind in ContentKind.allCases {
            switch kind {
            case .issue: change.compare(old.issues, new.issues, \.id, .content(kind))
            case .comment: change.compare(old.comments, new.comments, \.id, .content(kind))
            case .page: change.compare(old.pages, new.pages, \.slug, .content(kind))
            case .home: if old.home != new.home { change.items.insert(SiteItem(.home)) }
            }
        }
        for kind in DataKind.allCases {
            switch kind {
            case .members: change.compare(old.members, new.members, \.id, .data(kind))
            case .meetings: change.compare(old.meetings, new.meetings, \.id, .data(kind))
            case .references: change.compare(old.references, new.references, \.id, .data(kind))
            }
        }
        return change
    }

    private mutating func compare<Value: Equatable>(_ old: [Value], _ new: [Value], _ id: KeyPath<Value, String>, _ kind: SiteItem.Kind) {
        let item = { (value: Value) in SiteItem(kind: kind, key: value[keyPath: id]) }
        // The usual edit keeps the items and their order: compare them pair by pair, without copying them.
        let sameOrder = old.withUnsafeBufferPointer { before in
            new.withUnsafeBufferPointer { after in
                guard before.count == after.count, before.indices.allSatisfy({ before[$0][keyPath: id] == after[$0][keyPath: id] }) else { return false }
                for index in before.indices where before[index] != after[index] { items.insert(item(after[index])) }
                return true
            }
        }
        if sameOrder { return }
        let before = Dictionary(old.map { ($0[keyPath: id], $0) }, uniquingKeysWith: { first, _ in first })
        for value in new where before[value[keyPath: id]] != value { items.insert(item(value)) }
        let after = Set(new.map { $0[keyPath: id] })
        for value in old where !after.contains(value[keyPath: id]) { items.insert(item(value)) }
        // The same items in another order: the lists and queries of the kind compare it.
        if old.count == new.count, !zip(old, new).allSatisfy({ $0[keyPath: id] == $1[keyPath: id] }) { reordered.insert(kind) }
    }
}
