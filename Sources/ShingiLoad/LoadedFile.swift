import ShingiCore

/// One loaded Markdown file, by what it is in the site.
public enum LoadedFile: Sendable, Equatable {
    case issue(IssueFile)
    case comment(CommentFile)
    case page(PageFile)
    /// A language of the home page's body (`content/index.<lang>.md`).
    case home(PageFile)

    public var kind: ContentKind {
        switch self {
        case .issue: .issue
        case .comment: .comment
        case .page: .page
        case .home: .home
        }
    }

    public var source: MarkdownSource {
        switch self {
        case .issue(let file): file.source
        case .comment(let file): file.source
        case .page(let file), .home(let file): file.source
        }
    }
}
