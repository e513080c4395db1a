import ShingiCore

/// One language of a free page: `content/pages/<slug>.<lang>.md`, or of the home page
/// body `content/index.<lang>.md` (slug `index`).
public struct PageFile: Sendable, Hashable, Encodable {
    public var slug: String
    public var title: String
    public var order: Int?
    public var source: MarkdownSource
}
