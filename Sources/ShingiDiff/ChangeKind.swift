/// What happened to an item between the two versions (the `change` key of
/// `shingi diff --format json`). The order is the order of the report.
public enum ChangeKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case added, removed, edited, moved

    public static func < (lhs: ChangeKind, rhs: ChangeKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
