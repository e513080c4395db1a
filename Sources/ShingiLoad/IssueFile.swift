import ShingiCore

/// One language of a policy issue (政策課題): `content/issues/<slug>/index.<lang>.md`.
public struct IssueFile: Sendable, Hashable, Encodable {
    /// The folder name; pairs the languages.
    public var slug: String
    public var id: Located<String>
    public var number: Int
    public var title: String
    public var summary: String?
    public var advisors: [Located<String>]
    public var meeting: Located<String>?
    public var source: MarkdownSource
}
