import Foundation
import ShingiCore
import ShingiMarkdown

/// What a build reads and where it writes.
public struct BuildOptions: Sendable {
    public var root: URL
    public var output: URL
    /// Overrides `base_url` of shingi.yml.
    public var baseURL: String?
    /// A folder to use as the default theme instead of the one embedded in the binary
    /// (`$SHINGI_THEME`, for working on the theme itself); nil uses the embedded one.
    public var defaultTheme: URL?
    /// Sections and comments to mark as changed on the pages (`--changes-since`).
    public var changes: ChangeMarks?
    /// Where Markdown is parsed: in this process by default; the CLI uses worker
    /// processes so that cmark-gfm failing on one file cannot take the build down.
    public var markdownParser: any MarkdownParsing = InProcessMarkdownParser()
    /// Where the parsed Markdown of the last build is kept (`FragmentStore.file`), so the
    /// next build parses only what changed; nil parses everything every time.
    public var fragmentCache: URL?
    /// Where what the last build's pages read is kept (`PageCache.file`), so the next
    /// build into the same output folder takes from it the pages of which nothing they
    /// read changed instead of rendering them; nil renders every page every time.
    public var pageCache: URL?
    /// Where the comments rendered by the last build are kept (`CommentCache.file`), so
    /// the next build renders only those of which something they read changed.
    public var commentCache: URL?
    /// Keeps items marked `draft: true` (marked as drafts on their pages); without, they
    /// are left out of the site (`build --drafts`, and always in `serve`).
    public var drafts = false
    /// The Pagefind to index the site with when `search:` is on; nil looks for one
    /// (`SearchIndexer.locate`).
    public var searchIndexer: SearchIndexer?
    /// Where the last search index and the key of what it was made from are kept
    /// (`SearchIndexCache`), so that a rebuild of unchanged pages keeps the index's bytes.
    public var searchCache: URL?

    public init(root: URL, output: URL? = nil, baseURL: String? = nil, defaultTheme: URL? = DefaultTheme.locate()) {
        self.root = root.standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("site")).standardizedFileURL
        self.baseURL = baseURL
        self.defaultTheme = defaultTheme
    }
}
