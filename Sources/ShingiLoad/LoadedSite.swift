import ShingiCore

/// Everything read from a site root, before translations are paired and links checked.
public struct LoadedSite: Sendable {
    public var config: SiteConfig
    public var members: [Member]
    public var meetings: [Meeting]
    public var references: [Reference]
    public var issues: [IssueFile]
    public var comments: [CommentFile]
    public var pages: [PageFile]
    /// The home page bodies (`content/index.<lang>.md`).
    public var homes: [PageFile]
    public var diagnostics: [Diagnostic]

    /// Every Markdown body of the site, to keep a long-lived cache to what still exists.
    public var markdownBodies: Set<String> {
        let all = ContentKind.allCases.flatMap(self.sources(of:))
        return Set(all.map(\.body) + all.compactMap(\.draftCut?.body))
    }
}
