/// What happened to an item between the two versions (the `change` key of
/// `shingi diff --format json`). The order is the order of the report.
public enum ChangeKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case added, removed, edited, moved

    /// Position in the report's order. A `switch`: the `allCases.firstIndex(of:)!` form
    /// crashed release builds of `Language.<` on this toolchain.
    var rank: Int {
        switch self {
        case .added: return 0
        case .removed: return 1
        case .edited: return 2
        case .moved: return 3
        }
    }

    public static func < (lhs: ChangeKind, rhs: ChangeKind) -> Bool { lhs.rank < rhs.rank }
}
