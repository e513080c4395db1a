import ShingiCore

/// One change of a member's comment, matched by its identity (the file stem).
/// A comment that was both reworded and moved gives two changes, `edited` and `moved`.
public struct CommentChange: Sendable, Hashable {
    public var id: String
    public var change: ChangeKind
    /// The member and meeting on the new side (the old side for a removed comment).
    public var member: String
    public var meeting: String
    public var oldTarget: CommentTarget?
    public var newTarget: CommentTarget?
    /// The languages concerned: those whose text changed for `edited`, those the
    /// comment has for the other kinds.
    public var languages: [Language]
    /// The text per language: a diff for `edited`, the whole text for `added`/`removed`.
    public var texts: [Language: [DiffSegment]]
    /// Member or meeting changes of an `edited` comment.
    public var fields: [FieldChange]

    /// Where the report shows it: the new target, or the old one for a removed comment.
    public var target: CommentTarget { newTarget ?? oldTarget! }
}
