import ShingiCore

/// One language of a member's comment (委員コメント):
/// `content/comments/<meeting>/<comment-id>.<lang>.md`. Its identity is the file stem.
public struct CommentFile: Sendable, Hashable, Encodable {
    public var id: String
    /// The meeting folder the file sits in.
    public var folder: String
    public var member: Located<String>
    /// `issue-id#section-id`, split.
    public var targetIssue: Located<String>
    public var targetSection: String
    public var meeting: Located<String>
    public var date: ISODate?
    /// `status:`: how the secretariat handled it (意見対応表).
    public var status: Located<CommentStatus>?
    /// `response:`: the secretariat's response, Markdown in this file's language.
    public var response: MarkdownSource?
    /// `reflected_in:`: where the paper now reflects the comment, each `issue#section`
    /// (or an issue), as written.
    public var reflectedIn: [Located<String>] = []
    public var source: MarkdownSource
}
