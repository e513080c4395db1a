import ShingiCore

/// One language of a member's comment (委員コメント):
/// `content/comments/<meeting>/<comment-id>.<lang>.md`. Its identity is the file stem.
public struct CommentFile: Sendable, Hashable {
    public var id: String
    /// The meeting folder the file sits in.
    public var folder: String
    public var member: Located<String>
    /// `issue-id#section-id`, split.
    public var targetIssue: Located<String>
    public var targetSection: String
    public var meeting: Located<String>
    public var date: ISODate?
    public var status: String?
    public var source: MarkdownSource
}
