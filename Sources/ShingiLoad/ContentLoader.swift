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
        let (members, meetings, references, dataDiagnostics) = await data
        var site = LoadedSite(config: config, members: members, meetings: meetings, references: references,
                              issues: [], comments: [], pages: [], homes: [], diagnostics: diagnostics + dataDiagnostics)
        for result in results {
            site.diagnostics += result.diagnostics
            switch result.item {
            case .issue(let issue)?: site.issues.append(issue)
            case .comment(let comment)?: site.comments.append(comment)
            case .page(let page)?: site.pages.append(page)
            case .home(let home)?: site.homes.append(home)
            case nil: break
            }
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

    private static func loadDataFiles(root: URL, config: SiteConfig) async -> ([Member], [Meeting], [Reference], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let data = DataFileLoader(root: root, languages: config.languages, maxFileSize: config.maxFileSize)
        let members = data.members(diagnostics: &diagnostics)
        let meetings = data.meetings(diagnostics: &diagnostics)
        let references = data.references(diagnostics: &diagnostics)
        return (members, meetings, references, diagnostics)
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

/// A Markdown file under `content/`, with the kind its place gives it.
struct ContentFile: Sendable {
    enum Kind: Sendable { case issue(slug: String), comment(folder: String, id: String), page(slug: String), home }
    var kind: Kind
    var language: Language
    var url: URL
    var path: String

    /// A regular file below `content/` as the site reads it, for the full walk and a single
    /// changed path alike: a Markdown file classified by its place (one over the size limit
    /// reported), a `.yml` file nothing here (the data files are read on their own), any
    /// other file reported.
    static func regular(relative: String, url: URL, size: Int, config: SiteConfig, diagnostics: inout [Diagnostic]) -> ContentFile? {
        let path = "content/" + relative
        guard relative.hasSuffix(".md") else {
            if !relative.hasSuffix(".yml") {
                diagnostics.append(.warning("unexpected-file", "this file is not part of the site; content/ holds .md and .yml files only", at: SourceLocation(path: path)))
            }
            return nil
        }
        guard size <= config.maxFileSize else {
            diagnostics.append(SiteFile.tooLarge(path: path, size: size, limit: config.maxFileSize))
            return nil
        }
        return classify(relative: relative, url: url, languages: config.languages, diagnostics: &diagnostics)
    }

    /// `issues/<slug>/index.<lang>.md`, `comments/<meeting>/<id>.<lang>.md`,
    /// `pages/<slug>.<lang>.md`, `index.<lang>.md`; anything else is reported.
    static func classify(relative: String, url: URL, languages: [Language], diagnostics: inout [Diagnostic]) -> ContentFile? {
        let path = "content/" + relative
        let components = relative.split(separator: "/").map(String.init)
        let name = components.last!
        let nameParts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        // `a..b.ja.md` and `a.b.ja.md` must not become one item (one silently dropped).
        if nameParts.dropLast().contains(where: \.isEmpty) {
            diagnostics.append(.error("invalid-file-name", "'\(name)' has an empty part between dots; name a content file <name>.<lang>.md with no '..' and no dot at either end of <name>", at: SourceLocation(path: path)))
            return nil
        }
        guard nameParts.count >= 3, let language = Language(rawValue: nameParts[nameParts.count - 2]) else {
            diagnostics.append(.warning("missing-language-suffix", "a content file is named <name>.<lang>.md with lang one of \(languages.map(\.rawValue).joined(separator: ", ")); this file is skipped", at: SourceLocation(path: path)))
            return nil
        }
        guard languages.contains(language) else {
            diagnostics.append(.warning("unknown-language", "language '\(language.rawValue)' is not listed in shingi.yml; this file is skipped", at: SourceLocation(path: path)))
            return nil
        }
        let stem = nameParts.dropLast(2).joined(separator: ".")
        let kind: Kind
        switch (components.count, components.first) {
        case (1, _) where stem == "index":
            kind = .home
        case (3, "issues") where stem == "index":
            kind = .issue(slug: components[1])
        case (3, "comments"):
            kind = .comment(folder: components[1], id: stem)
        case (2, "pages"):
            kind = .page(slug: stem)
        default:
            diagnostics.append(.warning("unexpected-file", "this Markdown file is not where the site looks: issues/<slug>/index.<lang>.md, comments/<meeting>/<id>.<lang>.md, pages/<slug>.<lang>.md or index.<lang>.md", at: SourceLocation(path: path)))
            return nil
        }
        return ContentFile(kind: kind, language: language, url: url, path: path)
    }
}
