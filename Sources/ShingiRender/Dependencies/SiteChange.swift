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
    /// Kinds with changed items that have the same keys in the same order as before, only
    /// their contents changed (the usual edit): the list of such a kind needs no
    /// comparing, which for the comments meant copying and comparing thousands of ids on
    /// every reload.
    public var sameKeys: Set<SiteItem.Kind> = []
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
            case .issue: change.compare(old.issues, new.issues, { $0.id }, .content(kind))
            case .comment: change.compare(old.comments, new.comments, { $0.id }, .content(kind))
            case .page: change.compare(old.pages, new.pages, { $0.slug }, .content(kind))
            case .home:
                guard old.home != new.home else { break }
                change.items.insert(SiteItem(.home))
                if old.home != nil, new.home != nil { change.sameKeys.insert(.content(.home)) }
            }
        }
        for kind in DataKind.allCases {
            switch kind {
            case .members: change.compare(old.members, new.members, { $0.id }, .data(kind))
            case .meetings: change.compare(old.meetings, new.meetings, { $0.id }, .data(kind))
            case .references: change.compare(old.references, new.references, { $0.id }, .data(kind))
            }
        }
        return change
    }

    /// The change from `old` to `new` when `new` is `old` with only the items at
    /// `replaced` made again (`Resolver.Update`): only those are compared, not every
    /// comment of the site.
    public static func between(_ old: ResolvedSite, _ new: ResolvedSite, replaced: [ContentKind: [Int]]) -> SiteChange {
        var change = SiteChange()
        for (kind, places) in replaced {
            var keysKept = kind != .home || (old.home == nil) == (new.home == nil)
            var changed = false
            for place in places {
                let (same, key, oldKey): (Bool, String, String)
                switch kind {
                case .issue: (same, key, oldKey) = (old.issues[place] == new.issues[place], new.issues[place].id, old.issues[place].id)
                case .comment: (same, key, oldKey) = (old.comments[place] == new.comments[place], new.comments[place].id, old.comments[place].id)
                case .page: (same, key, oldKey) = (old.pages[place] == new.pages[place], new.pages[place].slug, old.pages[place].slug)
                case .home: (same, key, oldKey) = (old.home == new.home, "", "")
                }
                if key != oldKey { keysKept = false }
                if !same {
                    change.items.insert(SiteItem(kind: .content(kind), key: key))
                    changed = true
                }
            }
            if keysKept && changed { change.sameKeys.insert(.content(kind)) }
        }
        return change
    }

    /// `id` is a closure, not a key path: applying a key path copied each item (a comment
    /// is a large value), which was most of a preview rebuild's comparison.
    private mutating func compare<Value: Equatable>(_ old: [Value], _ new: [Value], _ id: (Value) -> String, _ kind: SiteItem.Kind) {
        func item(_ value: Value) -> SiteItem { SiteItem(kind: kind, key: id(value)) }
        // The usual edit keeps the items and their order: compare them pair by pair, without copying them.
        let changedBefore = items.count
        let sameOrder = old.withUnsafeBufferPointer { before in
            new.withUnsafeBufferPointer { after in
                guard before.count == after.count, before.indices.allSatisfy({ id(before[$0]) == id(after[$0]) }) else { return false }
                for index in before.indices where before[index] != after[index] { items.insert(item(after[index])) }
                return true
            }
        }
        if sameOrder {
            if items.count > changedBefore { sameKeys.insert(kind) }
            return
        }
        let before = Dictionary(old.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
        for value in new where before[id(value)] != value { items.insert(item(value)) }
        let after = Set(new.map(id))
        for value in old where !after.contains(id(value)) { items.insert(item(value)) }
        // The same items in another order: the lists and queries of the kind compare it.
        if old.count == new.count, !zip(old, new).allSatisfy({ id($0) == id($1) }) { reordered.insert(kind) }
    }
}
