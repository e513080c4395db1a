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
        var result = await render(pages: true, loaded: loaded, writing: write)
        var committed = false
        if write && result.succeeded && !(failOnWarnings && result.diagnostics.warningCount > 0) {
            var clock = StageClock()
            do {
                if result.site?.config.search == true { try await addSearchIndex(to: &result) }
                clock.lap("search index")
                if let streamed = result.streamed {
                    if let failure = streamed.failure { throw OutputWriter.WriteError.io(failure) }
                    try await streamed.staging.commit(result.files.map(\.path) + result.writtenPaths)
                } else {
                    try await OutputWriter(output: options.output).write(result.files)
                }
                committed = true
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
        // A build that wrote while rendering and then failed leaves nothing behind.
        if !committed { await result.streamed?.staging.abandon() }
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

    /// Loads, resolves and checks the theme; with `pages`, renders every page in memory,
    /// or, `writing` a first build, into the staging folder as each is made.
    public func render(pages: Bool = true, loaded: ResolvedSite? = nil, writing: Bool = false) async -> BuildResult {
        var clock = StageClock()
        defer { clock.report() }
        // What the last build rendered is read while the content is loaded.
        let output = options.output
        let previousPages = pages ? options.pageCache.map { file in Task { await PageCache.read(file, stamp: PageCache.stamp(), site: output) } } : nil
        let previousComments = pages ? options.commentCache.map { file in Task { await CommentCache.read(file, stamp: CommentCache.stamp()) } } : nil
        let site: ResolvedSite
        var savedFragments: Task<Void, Never>?
        if let loaded { site = loaded } else { (site, savedFragments) = await loadSite(&clock) }
        // The fragment cache is written beside the rest of the build, which ends with it.
        var diagnostics = site.diagnostics + SitemapAddress.diagnostics(site.config, baseURL: options.baseURL, loaded: site.diagnostics)
        let (theme, themeDiagnostics) = loadTheme(languages: site.config.languages)
        diagnostics += themeDiagnostics
        clock.lap("theme")
        guard pages, !diagnostics.hasErrors, let theme else {
            await savedFragments?.value
            return Self.unrendered(site, diagnostics)
        }
        var renderer = SiteRenderer(site: site, theme: theme, baseURL: options.baseURL, changes: options.changes)
        renderer.pageCache = await previousPages?.value
        renderer.commentCache = await previousComments?.value
        // The search index reads the pages once they are all made. When the output folder
        // is not writable, the write after the render says why.
        let staging = writing && !site.config.search ? try? await OutputWriter(output: output).beginWhileRendering() : nil
        let streamed = staging.map { StreamedWrite($0, keepsDigests: options.pageCache != nil) }
        let rendered = if let streamed { await renderer.render(writingTo: streamed.put) } else { await renderer.render() }
        diagnostics += rendered.diagnostics
        clock.lap(renderer.pageCache == nil ? "render" : "render (\(rendered.keptPages.count) files kept)")
        if let savedFragments {
            await savedFragments.value
            clock.lap("fragment cache write (its wait)")
        }
        return BuildResult(diagnostics: diagnostics.sorted(), site: site, files: rendered.files,
                           pagesPerLanguage: Self.pageCounts(rendered.files.map(\.path) + rendered.writtenPaths), seconds: 0,
                           pageReads: rendered.pageReads, pageInputs: rendered.pageInputs, keptPages: rendered.keptPages,
                           renderedComments: renderer.commentCache?.renderedCount ?? 0, searchRecords: rendered.searchRecords,
                           streamed: streamed, writtenPaths: rendered.writtenPaths)
    }

    /// Records what every page just written read, with its key and bytes, for the next
    /// build: a kept page's entry as it was, the SHA-256 of a rendered one. Only speed is
    /// lost when the cache cannot be written.
    private func savePageKeys(_ result: BuildResult, to file: URL) async {
        var entries = result.keptPages
        func add(_ path: String, _ output: [UInt8]) {
            if let reads = result.pageReads[path], entries[path] == nil { entries[path] = PageCache.Entry(reads: reads, output: output) }
        }
        if let streamed = result.streamed {
            for (path, output) in streamed.digests { add(path, output) }
        } else {
            let rendered = result.files.filter { result.pageReads[$0.path] != nil && result.keptPages[$0.path] == nil }
            for (page, output) in zip(rendered, await rendered.parallelMap { PageCache.digest($0.bytes) }) { add(page.path, output) }
        }
        try? await PageCache.write(entries, inputs: result.pageInputs, to: file, stamp: PageCache.stamp())
    }

    /// What the next preview rebuild starts from: the last successful build (whose outputs
    /// it keeps where nothing they read changed), the latest load (which it reads again
    /// only where files changed) and the paths changed since that successful build.
    public struct Previous: Sendable {
        struct Good: Sendable {
            var result: BuildResult
            var theme: Theme
            var themeDiagnostics: [Diagnostic]
            /// What each output read, with the outputs (`SiteRenderer.rerender`).
            var rendered: SiteRenderer.Rendered
        }
        var good: Good?
        var loaded: LoadedSite
        /// Relative to the site root; nil when a full load made it impossible to say.
        var sinceGood: Set<String>?
        /// What Load read again since that build; nil when a full load made it impossible to say.
        var changeSinceGood: LoadChange?

        /// The last successful build.
        public var result: BuildResult? { good?.result }
    }

    /// One preview rebuild.
    public struct Rebuild: Sendable {
        public var result: BuildResult
        /// The jobs rendered (or refilled); all of them after a full render.
        public var renderedJobs: Set<PageJob>
        /// The pages among them.
        public var renderedPages: Int
        /// The files made when the others were kept, and the paths of the files that went
        /// away; nil when `result.files` are a new site (or there are none).
        public var delta: (files: [OutputFile], removed: [String])?
        /// What the next rebuild starts from.
        public var next: Previous?
    }

    /// For the preview: the site after `changedPaths` (relative to the root) changed,
    /// doing work in proportion to the change when `previous` allows it.
    public func rebuild(previous: Previous?, changedPaths: Set<String>) async -> Rebuild {
        var taken = previous
        return await rebuild(taking: &taken, changedPaths: changedPaths)
    }

    /// `rebuild(previous:changedPaths:)` that takes `previous` (and leaves nil): when the
    /// caller held the only copy, the load is updated in place instead of copied.
    ///
    /// The steps: Load reads only the changed files; Resolve pairs and checks only the
    /// changed items when it can; the theme is read again only when it changed; what
    /// changed is found by comparing the resolved sites (`SiteChange`), and Render renders
    /// again the outputs that read it (`SiteRenderer.rerender`). After a failed build, the
    /// next one still starts from the last successful one, with all the paths changed since.
    public func rebuild(taking previous: inout Previous?, changedPaths: Set<String>) async -> Rebuild {
        var clock = StageClock()
        defer { clock.report() }
        let good = previous?.good
        var earlier = previous?.loaded
        let sinceGood = previous?.sinceGood
        let changeSinceGood = previous?.changeSinceGood
        previous = nil
        let (loaded, change) = await reload(taking: &earlier, changedPaths: changedPaths, sinceGood: changeSinceGood, &clock)
        // The theme is read from files: its step looks at the paths themselves.
        let since = change == nil ? nil : sinceGood?.union(changedPaths)
        let (site, replaced) = resolve(loaded, change: change, good: good?.result.site)
        clock.lap("resolve")
        func failed(_ diagnostics: [Diagnostic]) -> Rebuild {
            Rebuild(result: Self.unrendered(site, diagnostics), renderedJobs: [], renderedPages: 0, delta: nil,
                    next: Previous(good: good, loaded: loaded, sinceGood: since, changeSinceGood: change))
        }
        let step = themeStep(site, since: since, good: good)
        clock.lap("theme")
        let diagnostics = site.diagnostics + step.diagnostics
        guard let theme = step.theme, !diagnostics.hasErrors else { return failed(diagnostics) }

        let renderer = SiteRenderer(site: site, theme: theme, baseURL: options.baseURL, changes: options.changes)
        let rendered: SiteRenderer.Rendered
        if let good, let old = good.result.site, step.reused {
            let change = replaced.map { SiteChange.between(old, site, replaced: $0) } ?? SiteChange.between(old, site)
            rendered = await renderer.rerender(good.rendered, from: old, change: change, assets: step.assetsChanged)
        } else {
            rendered = await renderer.render(recording: true)
        }
        clock.lap("render")
        let result = BuildResult(diagnostics: (diagnostics + rendered.diagnostics).sorted(), site: site, files: rendered.files,
                                 pagesPerLanguage: Self.pageCounts(rendered.files.map(\.path)), seconds: 0, searchRecords: rendered.searchRecords)
        let renderedPages = rendered.renderedJobs.filter(\.isPage).count
        let incremental = good != nil && step.reused
        guard result.succeeded else {
            return Rebuild(result: result, renderedJobs: rendered.renderedJobs, renderedPages: renderedPages, delta: nil,
                           next: Previous(good: good, loaded: loaded, sinceGood: since, changeSinceGood: change))
        }
        // The result and the render share their files' storage.
        let next = Previous(good: .init(result: result, theme: theme, themeDiagnostics: step.diagnostics, rendered: rendered),
                            loaded: loaded, sinceGood: [], changeSinceGood: LoadChange())
        return Rebuild(result: result, renderedJobs: rendered.renderedJobs, renderedPages: renderedPages,
                       delta: incremental ? (rendered.changedFiles, rendered.removedPaths) : nil, next: next)
    }

    /// Load: the changed files read again into the latest load, or the whole site when
    /// that cannot be done; with what changed since the last successful build (nil after
    /// a full load, when that cannot be said).
    private func reload(taking earlier: inout LoadedSite?, changedPaths: Set<String>, sinceGood: LoadChange?,
                        _ clock: inout StageClock) async -> (LoadedSite, LoadChange?) {
        let loader = ContentLoader(root: options.root, cache: cache, parser: options.markdownParser)
        // Taken, not copied: the only reference, so its lists are changed in place.
        guard var site = earlier.take(), let change = await loader.reload(&site, changedPaths: changedPaths) else {
            let (loaded, saved) = await loadContent(&clock)
            await saved?.value
            return (loaded, nil)
        }
        if let cache, cache.count > 2 * site.markdownFileCount + 256 {
            cache.retainOnly(site.markdownBodies)
        }
        clock.lap("load")
        return (site, sinceGood?.followed(by: change))
    }

    /// Resolve: the last good site kept when no content changed, brought up to date item
    /// by item when only Markdown files of its items did (`Resolver.update`), else
    /// resolved in full. `replaced` says which items can differ from the good site's
    /// (nil: any).
    private func resolve(_ loaded: LoadedSite, change: LoadChange?, good: ResolvedSite?) -> (site: ResolvedSite, replaced: [ContentKind: [Int]]?) {
        if let good, let change, change.isEmpty { return (good, [:]) }
        if options.drafts, let good, let change, let update = Resolver().update(good, with: loaded, change: change) {
            return (update.site, update.replaced)
        }
        return (Resolver(includeDrafts: options.drafts).resolve(loaded), nil)
    }

    /// The theme of a rebuild: the last good one when only content (or the theme's assets,
    /// which are then read again) changed since, else read again.
    private struct ThemeStep {
        /// Nil when the theme could not be read (the diagnostics say why).
        var theme: Theme?
        var diagnostics: [Diagnostic]
        var reused: Bool
        var assetsChanged: Bool
    }

    private func themeStep(_ site: ResolvedSite, since: Set<String>?, good: Previous.Good?) -> ThemeStep {
        let assetsPrefix = (good?.theme.displayPrefix ?? "templates/") + "assets/"
        if let good, let since, since.allSatisfy({ $0.hasPrefix("content/") || $0.hasPrefix(assetsPrefix) }),
           good.result.site?.config.languages == site.config.languages {
            let assetsChanged = since.contains { $0.hasPrefix(assetsPrefix) }
            var theme = good.theme
            if assetsChanged {
                var ignored: [Diagnostic] = []
                if let (files, _) = ThemeFiles.site(root: options.root, defaultTheme: options.defaultTheme, displayPath: displayPath,
                                                    diagnostics: &ignored) {
                    theme = theme.withFiles(files)
                }
            }
            return ThemeStep(theme: theme, diagnostics: good.themeDiagnostics, reused: true, assetsChanged: assetsChanged)
        }
        let (fresh, diagnostics) = loadTheme(languages: site.config.languages)
        return ThemeStep(theme: fresh, diagnostics: diagnostics, reused: false, assetsChanged: true)
    }

    /// Load and Resolve, shared by full builds and preview rebuilds. A long-lived cache
    /// (preview) keeps only the bodies that still exist.
    private func loadSite(_ clock: inout StageClock) async -> (site: ResolvedSite, saved: Task<Void, Never>?) {
        let (loaded, saved) = await loadContent(&clock)
        let site = Resolver(includeDrafts: options.drafts).resolve(loaded)
        clock.lap("resolve")
        return (site, saved)
    }

    /// The Load stage of a whole site. The Markdown cache is the preview's long-lived one
    /// or, with a cache file, one seeded from the last build's fragments and saved back
    /// for the next build when anything in it changed.
    ///
    /// The cache file is written while the site is resolved and rendered (a first build,
    /// as on CI, writes all of it): `saved` is that write, to be awaited before the build ends.
    private func loadContent(_ clock: inout StageClock) async -> (site: LoadedSite, saved: Task<Void, Never>?) {
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
        // The Markdown workers' memory goes back before the pages are rendered; the
        // preview (which has a cache of its own) keeps them for its next edit.
        if self.cache == nil { options.markdownParser.releaseIdleResources() }
        clock.lap("load")
        guard let file = options.fragmentCache, let entries = cache?.changedSnapshot() else { return (loaded, nil) }
        // Only speed is lost when the cache cannot be written (read-only home, full disk).
        return (loaded, Task { try? await FragmentStore.write(entries, to: file, stamp: stamp) })
    }

    /// A result with diagnostics and no pages (validation only, or errors).
    private static func unrendered(_ site: ResolvedSite, _ diagnostics: [Diagnostic]) -> BuildResult {
        BuildResult(diagnostics: diagnostics.sorted(), site: site, files: [], pagesPerLanguage: [:], seconds: 0)
    }

    /// HTML pages per language (files under `/<lang>/`).
    static func pageCounts(_ paths: [String]) -> [Language: Int] {
        var pages: [Language: Int] = [:]
        for path in paths where path.hasSuffix(".html") {
            if let language = Language(rawValue: String(path.prefix { $0 != "/" })) { pages[language, default: 0] += 1 }
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
