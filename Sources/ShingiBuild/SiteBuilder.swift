import Foundation
import ShingiCore
import ShingiLoad
import ShingiRender
import ShingiResolve
import ShingiWrite

/// The pipeline, in order: Load → Resolve → Render → Write. All diagnostics of a run are
/// collected and sorted; a run with errors writes nothing.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions
    /// Fragments by content, for long-running use (preview); a one-shot build needs none.
    public let cache: MarkdownCache?

    public init(options: BuildOptions, cache: MarkdownCache? = nil) {
        self.options = options
        self.cache = cache
    }

    /// Validates and renders in memory; `write` puts the result on disk unless there are
    /// errors (or, with `failOnWarnings`, warnings).
    /// `loaded` is the site when the caller has already loaded and resolved it (e.g. to
    /// compare it with a revision), so it is not read twice.
    public func run(write: Bool, failOnWarnings: Bool = false, loaded: ResolvedSite? = nil) async -> BuildResult {
        let start = DispatchTime.now()
        var result = await render(pages: write, loaded: loaded)
        if write && result.succeeded && !(failOnWarnings && result.diagnostics.warningCount > 0) {
            var clock = StageClock()
            do {
                try await OutputWriter(output: options.output).write(result.files)
            } catch {
                result.diagnostics.append(.error("write-failed", "\(error)", at: SourceLocation(path: displayPath(options.output), line: 1, column: 1)))
            }
            clock.lap("write")
            clock.report()
        }
        result.diagnostics.sort()
        result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return result
    }

    /// Loads, resolves and checks the theme; with `pages`, renders every page in memory.
    /// Validation alone (`shingi check`) does not need the pages: the theme check already
    /// catches what rendering could fail on.
    public func render(pages: Bool = true, loaded: ResolvedSite? = nil) async -> BuildResult {
        var clock = StageClock()
        let site: ResolvedSite
        if let loaded { site = loaded } else { site = await loadSite(&clock) }
        defer { clock.lap("render"); clock.report() }
        var diagnostics = site.diagnostics
        let (theme, themeDiagnostics) = loadTheme(languages: site.config.languages)
        diagnostics += themeDiagnostics
        guard pages, !diagnostics.hasErrors, let theme else { return Self.unrendered(site, diagnostics) }
        let rendered = await SiteRenderer(site: site, theme: theme, baseURL: options.baseURL, changes: options.changes).render()
        diagnostics += rendered.diagnostics
        return BuildResult(diagnostics: diagnostics.sorted(), site: site, files: rendered.files,
                           pagesPerLanguage: Self.pageCounts(rendered.files), seconds: 0)
    }

    /// A successful build as the next preview rebuild starts from; the theme is reused
    /// while only `content/` changes.
    public struct Previous: Sendable {
        public var result: BuildResult
        var theme: Theme?
        var themeDiagnostics: [Diagnostic] = []
    }

    /// For the preview: loads and resolves, then re-renders only the pages that depend on
    /// `changedPaths` when `previous` (the last successful build) allows it, merging them
    /// into its files; else renders everything. Returns the build, how many pages were
    /// rendered and what the next rebuild starts from (nil after errors, so that the next
    /// one renders everything).
    public func rebuild(previous: Previous?, changedPaths: Set<String>) async -> (result: BuildResult, renderedPages: Int, next: Previous?) {
        var clock = StageClock()
        let site = await loadSite(&clock)
        defer { clock.lap("render"); clock.report() }
        var diagnostics = site.diagnostics
        let onlyContent = !changedPaths.isEmpty && changedPaths.allSatisfy { $0.hasPrefix("content/") }
        let theme: Theme
        var themeWarnings: [Diagnostic] = []
        if onlyContent, let reused = previous?.theme, previous?.result.site?.config.languages == site.config.languages {
            theme = reused
            themeWarnings = previous?.themeDiagnostics ?? []
            diagnostics += themeWarnings
        } else {
            let (loaded, themeDiagnostics) = loadTheme(languages: site.config.languages)
            diagnostics += themeDiagnostics
            guard !diagnostics.hasErrors, let loaded else { return (Self.unrendered(site, diagnostics), 0, nil) }
            theme = loaded
            themeWarnings = themeDiagnostics
        }
        guard !diagnostics.hasErrors else { return (Self.unrendered(site, diagnostics), 0, nil) }
        var jobs: [PageJob]?
        let previous = previous?.result
        if let previous, previous.succeeded, !previous.files.isEmpty, let old = previous.site {
            jobs = affectedJobs(old: old, new: site, changedPaths: changedPaths)
        }
        clock.lap("theme")
        let renderer = SiteRenderer(site: site, theme: theme, baseURL: options.baseURL, changes: options.changes)
        let rendered = await renderer.render(jobs)
        diagnostics += rendered.diagnostics
        var files = rendered.files
        if let previous, jobs != nil {
            var merged = Dictionary(previous.files.map { ($0.path, $0) }, uniquingKeysWith: { _, last in last })
            for file in rendered.files { merged[file.path] = file }
            files = merged.values.sorted { $0.path < $1.path }
        }
        let renderedPages = Self.pageCounts(rendered.files).values.reduce(0, +)
        let result = BuildResult(diagnostics: diagnostics.sorted(), site: site, files: files, pagesPerLanguage: Self.pageCounts(files), seconds: 0)
        return (result, renderedPages, result.succeeded ? Previous(result: result, theme: theme, themeDiagnostics: themeWarnings) : nil)
    }

    /// Load and Resolve, shared by full builds and preview rebuilds. A long-lived cache
    /// (preview) keeps only the bodies that still exist.
    private func loadSite(_ clock: inout StageClock) async -> ResolvedSite {
        let loaded = await ContentLoader(root: options.root, cache: cache, parser: options.markdownParser).load()
        cache?.retainOnly(loaded.markdownBodies)
        clock.lap("load")
        let site = Resolver().resolve(loaded)
        clock.lap("resolve")
        return site
    }

    /// A result with diagnostics and no pages (validation only, or errors).
    private static func unrendered(_ site: ResolvedSite, _ diagnostics: [Diagnostic]) -> BuildResult {
        BuildResult(diagnostics: diagnostics.sorted(), site: site, files: [], pagesPerLanguage: [:], seconds: 0)
    }

    /// HTML pages per language (files under `/<lang>/`).
    static func pageCounts(_ files: [OutputFile]) -> [Language: Int] {
        var pages: [Language: Int] = [:]
        for file in files where file.path.hasSuffix(".html") {
            if let language = Language(rawValue: String(file.path.prefix { $0 != "/" })) { pages[language, default: 0] += 1 }
        }
        return pages
    }

    /// The site's own `templates/`, else the default theme.
    private func loadTheme(languages: [Language]) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let own = options.root.appendingPathComponent("templates")
        let directory: URL
        let prefix: String
        if FileManager.default.fileExists(atPath: own.path) {
            directory = own
            prefix = "templates/"
        } else if let fallback = options.defaultTheme {
            directory = fallback
            prefix = displayPath(fallback) + "/"
        } else {
            diagnostics.append(.error("missing-theme", "the site has no templates/ and the default theme was not found; set SHINGI_THEME to a theme folder", at: SourceLocation(path: "templates/")))
            return (nil, diagnostics)
        }
        let theme = Theme.load(directory: directory, displayPrefix: prefix, languages: languages, diagnostics: &diagnostics)
        return (theme, diagnostics)
    }

    /// A path relative to the site root when it is inside it, else as it is.
    func displayPath(_ url: URL) -> String {
        let root = options.root.path.hasSuffix("/") ? options.root.path : options.root.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }
}
