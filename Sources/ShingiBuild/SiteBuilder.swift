import Foundation
import ShingiCore
import ShingiLoad
import ShingiMarkdown
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
        // `check` renders the pages too: a duplicate id is only seen on a built page.
        var result = await render(pages: true, loaded: loaded)
        if write && result.succeeded && !(failOnWarnings && result.diagnostics.warningCount > 0) {
            var clock = StageClock()
            do {
                if result.site?.config.search == true { try await addSearchIndex(to: &result) }
                clock.lap("search index")
                try await OutputWriter(output: options.output).write(result.files)
                clock.lap("write")
                if let file = options.pageCache {
                    await savePageKeys(result, to: file)
                    clock.lap("page cache write")
                }
            } catch let failure as SearchIndexer.Failure {
                // Nothing is written: the site and its index go together.
                result.diagnostics.append(.error("search-index-failed", "\(failure); nothing was written (set search: false in shingi.yml to build without the index)",
                                                 at: SourceLocation(path: "shingi.yml", line: 1, column: 1)))
            } catch {
                result.diagnostics.append(.error("write-failed", "\(error)", at: SourceLocation(path: displayPath(options.output), line: 1, column: 1)))
            }
            clock.report()
        }
        result.diagnostics.sort()
        result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return result
    }

    /// Adds Pagefind's index of the pages (and of the search records) to the files, or
    /// notes that Pagefind is not installed. With a cache file, the last index is taken
    /// when what Pagefind reads did not change.
    private func addSearchIndex(to result: inout BuildResult) async throws {
        guard let indexer = options.searchIndexer ?? SearchIndexer.locate(root: options.root) else {
            result.searchNote = SearchIndexer.notInstalledNote
            return
        }
        let start = DispatchTime.now()
        let inputs = SearchIndexer.inputs(result.files, records: result.searchRecords)
        let key = options.searchCache == nil ? nil : await SearchIndexCache.key(inputs, executable: indexer.executable)
        var index: [OutputFile]
        var kept = false
        if let file = options.searchCache, let key, let last = await SearchIndexCache.read(file, key: key) {
            index = last
            kept = true
        } else {
            index = try indexer.index(inputs)
            if let file = options.searchCache, let key { await SearchIndexCache.write(index, key: key, to: file) }
        }
        result.searchIndex = (index.count, index.reduce(0) { $0 + $1.bytes.count }, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9, kept)
        result.files = (result.files + index).sorted { $0.path < $1.path }
    }

    /// Loads, resolves and checks the theme; with `pages`, renders every page in memory.
    public func render(pages: Bool = true, loaded: ResolvedSite? = nil) async -> BuildResult {
        var clock = StageClock()
        defer { clock.report() }
        // What the last build rendered is read while the content is loaded.
        let output = options.output
        let previousPages = pages ? options.pageCache.map { file in Task { await PageCache.read(file, stamp: PageCache.stamp(), site: output) } } : nil
        let previousPartials = pages ? options.partialCache.map { file in Task { await PartialCache.read(file, stamp: PartialCache.stamp()) } } : nil
        let site: ResolvedSite
        if let loaded { site = loaded } else { site = await loadSite(&clock) }
        var diagnostics = site.diagnostics + SitemapAddress.diagnostics(site.config, baseURL: options.baseURL, loaded: site.diagnostics)
        let (theme, themeDiagnostics) = loadTheme(languages: site.config.languages)
        diagnostics += themeDiagnostics
        clock.lap("theme")
        guard pages, !diagnostics.hasErrors, let theme else { return Self.unrendered(site, diagnostics) }
        var renderer = SiteRenderer(site: site, theme: theme, baseURL: options.baseURL, changes: options.changes)
        renderer.pageCache = await previousPages?.value
        renderer.partialCache = await previousPartials?.value
        let rendered = await renderer.render(nil, reusing: nil)
        diagnostics += rendered.diagnostics
        clock.lap(renderer.pageCache == nil ? "render" : "render (\(rendered.keptPages.count) pages kept)")
        if let file = options.partialCache, let partials = renderer.partialCache, partials.changed {
            // Only speed is lost when the cache cannot be written.
            try? await partials.write(to: file, stamp: PartialCache.stamp())
            clock.lap("partial cache write")
        }
        return BuildResult(diagnostics: diagnostics.sorted(), site: site, files: rendered.files,
                           pagesPerLanguage: Self.pageCounts(rendered.files), seconds: 0, pageKeys: rendered.pageKeys,
                           keptPages: rendered.keptPages, renderedPartials: renderer.partialCache?.renderedCount ?? 0,
                           searchRecords: rendered.searchRecords)
    }

    /// Records the key and bytes of every page just written, for the next build: a kept
    /// page's entry as it was, the SHA-256 of a rendered one. Only speed is lost when
    /// the cache cannot be written.
    private func savePageKeys(_ result: BuildResult, to file: URL) async {
        let rendered = result.files.filter { result.pageKeys[$0.path] != nil && result.keptPages[$0.path] == nil }
        let outputs = await rendered.parallelMap { PageCache.digest($0.bytes) }
        var entries = result.keptPages
        for (page, output) in zip(rendered, outputs) {
            entries[page.path] = PageCache.Entry(key: result.pageKeys[page.path]!, output: output)
        }
        try? await PageCache.write(entries, to: file, stamp: PageCache.stamp())
    }

    /// What the next preview rebuild starts from: the last successful build (whose pages
    /// and rendered comments it keeps where nothing they show changed), the latest load
    /// (which it reads again only where files changed) and the paths changed since that
    /// successful build.
    public struct Previous: Sendable {
        struct Good: Sendable {
            var result: BuildResult
            var theme: Theme
            var themeDiagnostics: [Diagnostic]
            /// The rendered comments and page skeletons (without files).
            var rendered: SiteRenderer.Rendered
        }
        var good: Good?
        var loaded: LoadedSite
        /// Relative to the site root; nil when a full load made it impossible to say.
        var sinceGood: Set<String>?

        /// The last successful build.
        public var result: BuildResult? { good?.result }
    }

    /// One preview rebuild.
    public struct Rebuild: Sendable {
        public var result: BuildResult
        /// The pages rendered (the others were kept from the last successful build).
        public var renderedPages: Int
        /// The files rendered when the others were kept; nil when `result.files` were all
        /// rendered (or none were).
        public var renderedFiles: [OutputFile]?
        /// What the next rebuild starts from.
        public var next: Previous?
    }

    /// For the preview: the site after `changedPaths` (relative to the root) changed,
    /// doing work in proportion to the change when `previous` allows it. Load reads only
    /// the changed files; Resolve pairs and checks only the changed items; Render renders
    /// only the pages that show them (and the comments among them), keeping the other
    /// files of the last successful build. Anything it cannot place is done in full
    /// (`shingi.yml`, a folder renamed); a template change renders every page. After a
    /// failed build, the next one still starts from the last successful one, with all the
    /// paths changed since.
    public func rebuild(previous: Previous?, changedPaths: Set<String>) async -> Rebuild {
        var taken = previous
        return await rebuild(taking: &taken, changedPaths: changedPaths)
    }

    /// `rebuild(previous:changedPaths:)` that takes `previous` (and leaves nil): when the
    /// caller held the only copy, the load is updated in place instead of copied.
    public func rebuild(taking previous: inout Previous?, changedPaths: Set<String>) async -> Rebuild {
        var clock = StageClock()
        defer { clock.report() }
        let good = previous?.good
        let sinceGood = previous?.sinceGood
        var earlier = previous?.loaded
        previous = nil
        let loader = ContentLoader(root: options.root, cache: cache, parser: options.markdownParser)
        var loaded: LoadedSite
        var since: Set<String>?
        if var site = earlier.take(), await loader.reload(&site, changedPaths: changedPaths) {
            loaded = site
            since = sinceGood?.union(changedPaths)
            if let cache, cache.count > 2 * (loaded.issues.count + loaded.comments.count + loaded.pages.count + loaded.homes.count) + 256 {
                cache.retainOnly(loaded.markdownBodies)
            }
            clock.lap("load")
        } else {
            loaded = await loadContent(&clock)
            since = nil
        }

        let site: ResolvedSite
        let content = since?.filter { $0 == "shingi.yml" || $0.hasPrefix("content/") }
        if let good, let goodSite = good.result.site, let content, content.isEmpty {
            site = goodSite
        } else if options.drafts, let good, let goodSite = good.result.site, let content, !content.contains("shingi.yml"),
                  content.isDisjoint(with: ContentLoader.dataFiles),
                  let updated = Resolver().update(goodSite, with: loaded, changedMarkdown: content.filter { $0.hasSuffix(".md") },
                                                  changedOther: content.filter { !$0.hasSuffix(".md") }) {
            site = updated
        } else {
            site = Resolver(includeDrafts: options.drafts).resolve(loaded)
        }
        clock.lap("resolve")

        var diagnostics = site.diagnostics
        let theme: Theme
        var themeWarnings: [Diagnostic] = []
        var themeReused = false
        // A change to the theme's assets (CSS, scripts, images) only copies them again.
        let assetsPrefix = (good?.theme.displayPrefix ?? "templates/") + "assets/"
        let assetsChanged = since?.contains { $0.hasPrefix(assetsPrefix) } ?? false
        if let good, let since, since.allSatisfy({ $0.hasPrefix("content/") || $0.hasPrefix(assetsPrefix) }),
           good.result.site?.config.languages == site.config.languages {
            var reused = good.theme
            if assetsChanged {
                // The theme holds its files: take the assets as they are now.
                var ignored: [Diagnostic] = []
                if let (files, _) = ThemeFiles.site(root: options.root, defaultTheme: options.defaultTheme,
                                                    displayPath: displayPath, diagnostics: &ignored) {
                    reused = reused.withFiles(files)
                }
            }
            theme = reused
            themeWarnings = good.themeDiagnostics
            diagnostics += themeWarnings
            themeReused = true
        } else {
            let (fresh, themeDiagnostics) = loadTheme(languages: site.config.languages)
            diagnostics += themeDiagnostics
            guard !diagnostics.hasErrors, let fresh else {
                return Rebuild(result: Self.unrendered(site, diagnostics), renderedPages: 0, renderedFiles: nil,
                               next: Previous(good: good, loaded: loaded, sinceGood: since))
            }
            theme = fresh
            themeWarnings = themeDiagnostics
        }
        guard !diagnostics.hasErrors else {
            return Rebuild(result: Self.unrendered(site, diagnostics), renderedPages: 0, renderedFiles: nil,
                           next: Previous(good: good, loaded: loaded, sinceGood: since))
        }
        var jobs: [PageJob]?
        if themeReused, let good, let old = good.result.site, let since {
            // Files that are no item before or after (not part of the site, hidden) show
            // nowhere; their warnings are in the diagnostics already.
            let pages = since.filter { path in
                !path.hasPrefix(assetsPrefix)
                    && !(path.hasPrefix("content/") && !ContentLoader.dataFiles.contains(path) && !old.hasItem(at: path) && !site.hasItem(at: path))
            }
            jobs = pages.isEmpty ? [] : affectedJobs(old: old, new: site, changedPaths: pages)
        }
        clock.lap("theme")
        let renderer = SiteRenderer(site: site, theme: theme, baseURL: options.baseURL, changes: options.changes)
        let rendered = await renderer.render(jobs, reusing: jobs == nil ? nil : good?.rendered, changedPaths: since ?? [], skeletons: true,
                                             assets: assetsChanged)
        clock.lap("render")
        diagnostics += rendered.diagnostics
        var files = rendered.files
        if let good, jobs != nil {
            // Assets are copied all at once (one may have gone away).
            let kept = assetsChanged ? good.result.files.filter { !$0.path.hasPrefix("assets/") } : good.result.files
            files = Self.merge(rendered.files, into: kept)
        }
        let renderedPages = Self.pageCounts(rendered.files).values.reduce(0, +)
        let result = BuildResult(diagnostics: diagnostics.sorted(), site: site, files: files, pagesPerLanguage: Self.pageCounts(files), seconds: 0)
        clock.lap("merge")
        guard result.succeeded else {
            return Rebuild(result: result, renderedPages: renderedPages, renderedFiles: nil, next: Previous(good: good, loaded: loaded, sinceGood: since))
        }
        var reusable = rendered
        reusable.files = []
        let next = Previous(good: .init(result: result, theme: theme, themeDiagnostics: themeWarnings, rendered: reusable),
                            loaded: loaded, sinceGood: [])
        // The server takes the rendered files on top of what it serves, unless files may have
        // gone away (assets): then it takes them all.
        return Rebuild(result: result, renderedPages: renderedPages, renderedFiles: jobs == nil || assetsChanged ? nil : rendered.files, next: next)
    }

    /// `files` put in place of the files with the same paths in `sorted` (sorted by path),
    /// or added in order.
    static func merge(_ files: [OutputFile], into sorted: [OutputFile]) -> [OutputFile] {
        var result = sorted
        for file in files {
            var low = 0, high = result.count
            while low < high {
                let middle = (low + high) / 2
                if result[middle].path < file.path { low = middle + 1 } else { high = middle }
            }
            if low < result.count && result[low].path == file.path { result[low] = file } else { result.insert(file, at: low) }
        }
        return result
    }

    /// Load and Resolve, shared by full builds and preview rebuilds. A long-lived cache
    /// (preview) keeps only the bodies that still exist.
    private func loadSite(_ clock: inout StageClock) async -> ResolvedSite {
        let loaded = await loadContent(&clock)
        let site = Resolver(includeDrafts: options.drafts).resolve(loaded)
        clock.lap("resolve")
        return site
    }

    /// The Load stage of a whole site. The Markdown cache is the preview's long-lived one
    /// or, with a cache file, one seeded from the last build's fragments and saved back
    /// for the next build when anything in it changed.
    private func loadContent(_ clock: inout StageClock) async -> LoadedSite {
        var cache = self.cache
        let stamp = options.fragmentCache == nil ? "" : FragmentStore.stamp()
        // The cache file is read while the content folder is listed.
        var stored: Task<[(markdown: String, fragment: RenderedFragment)], Never>?
        if let file = options.fragmentCache {
            let seeded = cache ?? MarkdownCache()
            if seeded.count == 0 { stored = Task { await FragmentStore.read(file, stamp: stamp) } }
            cache = seeded
        }
        let loaded = await ContentLoader(root: options.root, cache: cache, parser: options.markdownParser).load { [cache, stored] in
            if let stored { cache?.preload(await stored.value) }
        }
        cache?.retainUsed()
        clock.lap("load")
        if let file = options.fragmentCache, let entries = cache?.changedSnapshot() {
            // Only speed is lost when the cache cannot be written (read-only home, full disk).
            try? await FragmentStore.write(entries, to: file, stamp: stamp)
            clock.lap("cache write")
        }
        return loaded
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

    /// The site's theme: the default theme with its own `templates/` laid over it
    /// (`ThemeFiles.site`).
    private func loadTheme(languages: [Language]) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let (files, prefix) = ThemeFiles.site(root: options.root, defaultTheme: options.defaultTheme,
                                                    displayPath: displayPath, diagnostics: &diagnostics) else {
            return (nil, diagnostics)
        }
        let theme = Theme.load(files, displayPrefix: prefix, languages: languages, diagnostics: &diagnostics)
        return (theme, diagnostics)
    }

    /// A path relative to the site root when it is inside it, else as it is.
    func displayPath(_ url: URL) -> String {
        let root = options.root.path.hasSuffix("/") ? options.root.path : options.root.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }
}
