import Foundation
import ShingiBuild
import ShingiMarkdown

/// What `shingi serve` previews and where it listens.
public struct ServeOptions: Sendable {
    /// The site root (holds shingi.yml, content/ and optionally templates/).
    public var root: URL
    /// The address to bind; loopback unless the user asks otherwise.
    public var host: String
    /// The port to bind; 0 lets the system pick one (tests).
    public var port: Int
    /// The default theme, for sites without their own `templates/`.
    public var defaultTheme: URL?
    /// How long the watched files must be quiet before a burst of changes is rebuilt.
    /// An editor's save is a few events within a millisecond or two, and a rebuild after a
    /// comment edit takes tens of milliseconds, so a short wait keeps the reload prompt; a
    /// burst that outlasts it (a checkout) only costs another incremental rebuild.
    public var debounce: Duration
    /// How often the polling watcher looks at the files (when inotify is not available).
    public var pollInterval: Duration
    /// Uses the polling watcher even where inotify is available.
    public var forcePolling: Bool
    /// Where Markdown is parsed (the CLI passes its worker pool).
    public var markdownParser: any MarkdownParsing = InProcessMarkdownParser()
    /// The parsed Markdown of the last build (`BuildOptions.fragmentCache`), read on the
    /// first build so a large site starts quickly.
    public var fragmentCache: URL?
    /// Pagefind, for the search index of a site with `search:` on; nil: found as
    /// `shingi build` finds it (`SearchIndexer.locate`).
    public var searchIndexer: SearchIndexer?

    public init(
        root: URL,
        host: String = "127.0.0.1",
        port: Int = 8000,
        defaultTheme: URL? = DefaultTheme.locate(),
        debounce: Duration = .milliseconds(25),
        pollInterval: Duration = .milliseconds(300),
        forcePolling: Bool = false
    ) {
        self.root = root.standardizedFileURL
        self.host = host
        self.port = port
        self.defaultTheme = defaultTheme
        self.debounce = debounce
        self.pollInterval = pollInterval
        self.forcePolling = forcePolling
    }

    /// The build the preview serves: links from the root of the preview server, whatever
    /// `base_url` says, so every link stays on the preview.
    var buildOptions: BuildOptions {
        var options = BuildOptions(root: root, output: nil, baseURL: "/", defaultTheme: defaultTheme)
        options.markdownParser = markdownParser
        options.fragmentCache = fragmentCache
        // The preview is where the secretariat reads its drafts.
        options.drafts = true
        return options
    }
}
