/// The kinds of `[[kind:id]]` cross-links. The Markdown stage knows them so that
/// `[[TODO: …]]` and other double-bracketed prose stay text (`not-a-cross-link`).
public enum CrossLinkKind: String, CaseIterable, Sendable {
    case issue, ref, member, meeting, comment
}
