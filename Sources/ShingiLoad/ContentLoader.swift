import Foundation
import ShingiCore
import ShingiMarkdown

/// The Load stage: reads a site root into a `LoadedSite`. Markdown files are read, split
/// and parsed in parallel; every value keeps its file and line.
public struct ContentLoader: Sendable {
    public let root: URL
    public let cache: MarkdownCache?
    public let parser: any MarkdownParsing

    public init(root: URL, cache: MarkdownCache? = nil, parser: any MarkdownParsing = InProcessMarkdownParser()) {
        self.root = root
        self.cache = cache
        self.parser = parser
    }

    /// - Parameter beforeParsing: awaited after the files are listed, before any is read
    ///   (a build fills the Markdown cache from disk meanwhile).
    public func load(beforeParsing: @Sendable () async -> Void = {}) async -> LoadedSite {
        var diagnostics: [Diagnostic] = []
        let config = DataFileLoader.loadConfig(root: root, diagnostics: &diagnostics)
        // The data files are read while the Markdown files are listed and parsed.
        async let data = Self.loadDataFiles(root: root, config: config)
        let files = markdownFiles(config: config, diagnostics: &diagnostics)
        await beforeParsing()
        let results = await loadMarkdown(files, config: config)
        var site = await data
        site.diagnostics = diagnostics + site.diagnostics
        for result in results {
            site.diagnostics += result.diagnostics
            if let file = result.item { site.insert(file) }
        }
        return site
    }

    /// Reads and parses `files` in parallel, in their order: on the cooperative pool, or
    /// on threads of their own when the parser blocks while a worker process parses.
    func loadMarkdown(_ files: [ContentFile], config: SiteConfig) async -> [MarkdownFileLoader.Result] {
        let loader = MarkdownFileLoader(root: root, cache: cache, parser: parser.limitingMemory(to: config.maxParserMemory),
                                        languages: config.languages, maxFileSize: config.maxFileSize)
        let loadFile = { @Sendable (file: ContentFile) in loader.load(file) }
        if let callers = parser.blockingCallers {
            return await files.threadedMap(width: callers, loadFile)
        }
        return await files.parallelMap(loadFile)
    }

    /// A site of the data files alone (`DataKind`), with their diagnostics.
    private static func loadDataFiles(root: URL, config: SiteConfig) async -> LoadedSite {
        var site = LoadedSite(config: config, members: [], meetings: [], references: [],
                              issues: [], comments: [], pages: [], homes: [], diagnostics: [])
        var diagnostics: [Diagnostic] = []
        let data = DataFileLoader(root: root, languages: config.languages, maxFileSize: config.maxFileSize)
        for kind in DataKind.allCases { kind.read(into: &site, with: data, diagnostics: &diagnostics) }
        site.diagnostics = diagnostics
        return site
    }

    /// Every Markdown file under `content/`, classified by where it stands, sorted by path
    /// (see `ContentPaths` for names, links and sizes).
    func markdownFiles(config: SiteConfig, diagnostics: inout [Diagnostic]) -> [ContentFile] {
        var files: [ContentFile] = []
        if let linked = SiteFile.linkedFolder("content", in: root) {
            diagnostics.append(linked)
            return files
        }
        for entry in ContentPaths.regularFiles(under: root.appendingPathComponent("content"), diagnostics: &diagnostics) {
            if let file = ContentFile.regular(relative: entry.relative, url: entry.url, size: entry.size, config: config, diagnostics: &diagnostics) {
                files.append(file)
            }
        }
        return files
    }
}
