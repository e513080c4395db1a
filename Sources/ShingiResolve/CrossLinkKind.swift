/// The kinds of `[[kind:id]]` cross-links (DESIGN.md).
public enum CrossLinkKind: String, CaseIterable, Sendable {
    case issue, ref, member, meeting, comment
}
