/// The kinds of `[[kind:id]]` cross-links (docs/content-format.md).
public enum CrossLinkKind: String, CaseIterable, Sendable {
    case issue, ref, member, meeting, comment
}
