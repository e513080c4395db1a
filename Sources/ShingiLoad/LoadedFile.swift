import ShingiCore

/// One loaded Markdown file, by what it is in the site.
public enum LoadedFile: Sendable, Equatable {
    case issue(IssueFile)
    case comment(CommentFile)
    case page(PageFile)
    /// A language of the home page's body (`content/index.<lang>.md`).
    case home(PageFile)

    public var source: MarkdownSource {
        switch self {
        case .issue(let file): file.source
        case .comment(let file): file.source
        case .page(let file), .home(let file): file.source
        }
    }
}

extension LoadedSite {
    /// The Markdown file loaded from `path`, if any.
    func file(at path: String) -> LoadedFile? {
        if let file = issues.first(where: { $0.source.path == path }) { return .issue(file) }
        if let file = comments.first(where: { $0.source.path == path }) { return .comment(file) }
        if let file = pages.first(where: { $0.source.path == path }) { return .page(file) }
        if let file = homes.first(where: { $0.source.path == path }) { return .home(file) }
        return nil
    }
}
