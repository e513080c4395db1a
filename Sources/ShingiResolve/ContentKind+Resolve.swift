import ShingiLoad

extension ContentKind {
    /// The kinds in the order Resolve takes them: a comment is checked against the issue
    /// it targets, so comments come after issues, and a reference's citations are listed
    /// in this order (home, issues, comments, pages). A rank per kind, by a switch, so a
    /// new kind is placed here before Resolve pairs or checks it.
    static let resolveOrder = allCases.sorted { $0.resolveRank < $1.resolveRank }

    private var resolveRank: Int {
        switch self {
        case .home: 0
        case .issue: 1
        case .comment: 2
        case .page: 3
        }
    }
}
