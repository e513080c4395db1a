import Foundation
import ShingiCore
import ShingiLoad
import ShingiResolve

/// The Render stage: every output of the site (pages in every language, feeds, the
/// sitemap, search records) and the theme's assets, as files in a stable order. A full
/// render may record what each job read (`Dependencies`); a preview rebuild then renders
/// again exactly the jobs whose inputs changed (`rerender`).
public struct SiteRenderer: Sendable {
    public let site: ResolvedSite
    public let theme: Theme
    public let urls: SiteURLs

    /// Sections and comments to mark as changed (`--changes-since`).
    public let changes: ChangeMarks?

    /// The previous build's pages (`PageCache`): a page whose recorded inputs have the
    /// values they had is taken from there instead of rendered, and what every page read
    /// is in `Rendered.pageReads` for the next build.
    public var pageCache: PageCache?
    /// The comments the previous build rendered (`CommentCache`), kept by the same rule.
    public var commentCache: CommentCache?

    public init(site: ResolvedSite, theme: Theme, baseURL: String? = nil, changes: ChangeMarks? = nil) {
        self.site = site
        self.theme = theme
        self.urls = SiteURLs(baseURL: baseURL ?? site.config.baseURL)
        self.changes = changes
    }

    /// Every output, in a fixed order (`PageJob.all`).
    public var jobs: [PageJob] { PageJob.all(of: SiteReader(site)) }

    /// What a render made, and what the next preview rebuild reuses.
    public struct Rendered: Sendable {
        /// The published files, by path.
        public var files: [OutputFile]
        public var diagnostics: [Diagnostic]
        /// With `search:` on: the pages only the search index sees.
        public var searchRecords: [OutputFile]
        /// The jobs this render rendered (the others were kept from the previous one).
        public var renderedJobs: Set<PageJob>
        /// Those of `renderedJobs` made by filling their skeleton with the comments.
        public var filledJobs: Set<PageJob> = []
        /// The published files this render made (the rest were kept), sorted by path.
        public var changedFiles: [OutputFile] = []
        /// The paths of the files that jobs of the previous render made and no job makes now.
        public var removedPaths: [String] = []
        /// With a page cache: what each page read, by output path.
        public var pageReads: [String: PageCache.Reads] = [:]
        /// With a page cache: the inputs `pageReads` name by their places.
        public var pageInputs = PageCache.Inputs()
        /// With a page cache: the entries of the pages taken from the previous build
        /// instead of rendered, by output path.
        public var keptPages: [String: PageCache.Entry] = [:]
        /// The paths of the files handed to the sink as they were made (`render(writingTo:)`),
        /// which are not in `files`.
        public var writtenPaths: [String] = []

        /// The state a rebuild starts from (a recording render only).
        var state: State?

        /// The pages that are filled from their skeleton when only comments change.
        var skeletons: [PageJob: [UInt8]] {
            state?.outputs.compactMapValues { if case .bytes(let bytes) = $0.skeleton { bytes } else { nil } } ?? [:]
        }

        /// The pages whose skeleton did not fit (always rendered).
        var unfit: Set<PageJob> {
            Set(state?.outputs.filter { if case .unfit = $0.value.skeleton { true } else { false } }.keys ?? [:].keys)
        }
    }

    /// Per job, what the next rebuild needs: its output and diagnostics, what it read,
    /// and for a page that lists comments its skeleton; and the rendered comments.
    struct State: Sendable {
        var outputs: [PageJob: JobOutput] = [:]
        var dependencies = Dependencies()
        var comments = RenderedComments.empty
    }

    struct JobOutput: Sendable {
        var file: OutputFile?
        var diagnostics: [Diagnostic]
        var skeleton: Skeleton
    }

    /// A page that lists comments rendered with a placeholder for each comment
    /// (`RenderedComments.fill`), so that a change to a comment only refills it.
    enum Skeleton: Sendable {
        /// Not made (yet): the page is rendered when it must change.
        case none
        /// Filled, it was not the page (the theme escapes or indents the comments'
        /// HTML): the page is always rendered.
        case unfit
        case bytes([UInt8])
    }

    /// Where a render hands each file as soon as it is made (a build's staging folder),
    /// so that the whole site is never in memory at once.
    public typealias FileSink = @Sendable (OutputFile) -> Void

    /// Every output and the assets. With `recording` (the preview), what each job read is
    /// kept for `rerender`, and the pages that list every comment get their skeletons.
    public func render(recording: Bool = false) async -> Rendered {
        await render(recording: recording, sink: nil)
    }

    /// Every output and the assets, each handed to `sink` once made (and checked) instead
    /// of kept: `Rendered.files` is empty and `writtenPaths` lists them (the search
    /// records, which are not published, stay in `searchRecords`).
    public func render(writingTo sink: @escaping FileSink) async -> Rendered {
        await render(recording: false, sink: sink)
    }

    private func render(recording: Bool, sink: FileSink?) async -> Rendered {
        let jobs = self.jobs
        // With the caches, one table of what the comments and pages read, starting from
        // what the previous build's read (the pages' inputs first).
        let pageInputs = pageCache?.inputs ?? []
        let digests: InputDigests? = pageCache == nil && commentCache == nil ? nil
            : await InputDigests(site: site, theme: theme, urls: urls, changes: changes, previous: pageInputs + (commentCache?.inputs ?? []))
        let cachedComments = digests.map { RenderedComments.CachedComments(cache: commentCache ?? CommentCache(), digests: $0, offset: Int32(pageInputs.count)) }
        let (renderer, comments) = await prepare(recording: recording, previous: nil, stale: [], cached: cachedComments)
        await digests?.use(comments.rendered)
        // Every comment is rendered by now: their cache is saved beside the pages.
        let savedComments = Task { [commentCache] in
            if let commentCache, let digests { await commentCache.save(comments.cacheEntries, inputs: digests.inputs) }
        }
        let cached = pageCache.flatMap { cache in digests.map { CachedPages(cache: cache, digests: $0) } }
        let results = await jobs.parallelMap { job in
            Self.run(job, renderer, recording: recording, .render(skeleton: recording && job.listsEveryComment), cached: cached, sink: sink)
        }
        await savedComments.value
        var state = recording ? State(comments: comments.rendered) : nil
        state?.dependencies.record(comments.logs)
        var rendered = assemble(jobs: jobs, results: results, state: &state, previous: nil, assets: true, sink: sink)
        rendered.pageInputs = cached?.digests.inputs ?? PageCache.Inputs()
        return rendered
    }

    /// The site after `change` (from `old`, which `previous` rendered): renders again the
    /// comments and jobs whose recorded inputs changed and the jobs that are new, refills
    /// the skeletons of pages whose only changed inputs are comments, and keeps the rest.
    /// With `assets`, copies the theme's assets again. Needs a recording `previous`.
    public func rerender(_ previous: Rendered, from old: ResolvedSite, change: SiteChange, assets: Bool) async -> Rendered {
        guard var state = previous.state, !change.everything else { return await render(recording: true) }
        let stale = state.dependencies.stale(change, old: old, new: site)
        // New comments have no HTML yet.
        let staleComments = Set(stale.compactMap { if case .comment(let id) = $0 { id } else { nil } })
            .union(site.comments.lazy.map(\.id).filter { !state.dependencies.has(.comment($0)) })
        let before = state.comments
        let (renderer, comments) = await prepare(recording: true, previous: state.comments, stale: staleComments)
        state.comments = comments.rendered
        let sameIDs = comments.rendered.haveSameIDs(comments.changed, as: before)
        state.dependencies.record(comments.logs)
        let refills = state.dependencies.readers(of: comments.changed)
        var todo: [(PageJob, Mode)] = []
        for job in jobs {
            guard let output = state.outputs[job] else {
                todo.append((job, .render(skeleton: job.listsEveryComment)))
                continue
            }
            let isStale = stale.contains(.page(job))
            guard isStale || refills.contains(.page(job)) else { continue }
            switch output.skeleton {
            // A page whose only changed inputs are comments is its skeleton filled again.
            // Its ids are checked again unless they are those it had, with no duplicate.
            case .bytes(let bytes) where !isStale:
                todo.append((job, .fill(bytes, idsKnownUnique: sameIDs && output.diagnostics.isEmpty)))
            case .unfit: todo.append((job, .renderUnfit))
            // Member and meeting pages get their skeleton the first time a rebuild renders them.
            default: todo.append((job, .render(skeleton: Self.listsComments(job) != nil)))
            }
        }
        let results = await todo.parallelMap { job, mode in Self.run(job, renderer, recording: true, mode, sink: nil) }
        var kept: State? = state
        return assemble(jobs: todo.map(\.0), results: results, state: &kept, previous: previous, assets: assets)
    }

    /// The renderer of the jobs and the comments they show, rendered first: all of them, or
    /// the `stale` ones with the others taken from `previous`.
    private func prepare(recording: Bool, previous: RenderedComments?, stale: Set<String>,
                         cached: RenderedComments.CachedComments? = nil) async -> (PageRenderer, RenderedComments.Result) {
        var prepared = PageRenderer(site: SiteReader(site), theme: theme, urls: urls, changes: changes)
        let comments = await RenderedComments.render(prepared, reusing: previous, changed: stale, recording: recording, cached: cached)
        prepared.comments = comments.rendered
        return (prepared, comments)
    }

    /// How a job is done.
    enum Mode: Sendable {
        /// Rendered; with `skeleton`, its skeleton is made too and kept when it fits.
        case render(skeleton: Bool)
        /// Rendered, its skeleton known not to fit.
        case renderUnfit
        /// Its skeleton filled with the comments (what it read is what it read before);
        /// `idsKnownUnique` when the comments refilled carry the ids they had and the page had
        /// no duplicate id.
        case fill([UInt8], idsKnownUnique: Bool)
    }

    /// One job's result.
    struct JobResult: Sendable {
        var rendered: Result<PageRenderer.RenderedPage, Diagnostic>
        var diagnostics: [Diagnostic] = []
        var skeleton: Skeleton
        /// What it read; nil when not recording or when it was a skeleton filled.
        var log: ReadLog?
        var filled = false
        /// Handed to the sink: the file in `rendered` has its path only.
        var written = false
    }

    /// The previous build's pages and the values in this site of what they read.
    struct CachedPages: Sendable {
        let cache: PageCache
        let digests: InputDigests

        /// The file of `job` as the previous build made it, when everything it read has
        /// the value it had then.
        func kept(_ job: PageJob, _ renderer: PageRenderer) -> PageRenderer.RenderedPage? {
            guard Self.keeps(job) else { return nil }
            let path = renderer.path(of: job)
            guard let (bytes, entry) = cache.page(at: path, digests) else { return nil }
            return PageRenderer.RenderedPage(file: OutputFile(path: path, bytes: bytes), reads: entry.reads, kept: entry)
        }

        /// Every job's file but the search records, which are not published: the
        /// previous build's are not in the output folder.
        static func keeps(_ job: PageJob) -> Bool {
            if case .searchRecord = job { false } else { true }
        }

        /// What a page read, for the next build.
        func reads(_ log: ReadLog) -> PageCache.Reads {
            let places = digests.places(log.stored)
            return PageCache.Reads(key: digests.key(places), places: places)
        }
    }

    /// Does one job, recording what it reads; checks the page's size and ids, and hands
    /// it to `sink` when there is one.
    private static func run(_ job: PageJob, _ renderer: PageRenderer, recording: Bool, _ mode: Mode, cached: CachedPages? = nil,
                            sink: FileSink?) -> JobResult {
        var result = make(job, renderer, recording: recording, mode, cached: cached)
        guard case .success(var page) = result.rendered else { return result }
        // A page over the limit is reported, not written.
        if let problem = PageSizeLimit.problem(page.file, job: job, site: renderer.site.unrecorded) {
            result.rendered = .failure(problem)
            return result
        }
        if page.file.path.hasSuffix(".html") {
            if case .fill(_, idsKnownUnique: true) = mode {} else { result.diagnostics = DuplicateIDs.diagnostics(page.file) }
        }
        // Search records are read by the index, never published: they stay in the result.
        if let sink, !page.file.path.hasPrefix(SearchRecords.folder + "/") {
            sink(page.file)
            page.file.bytes = []
            result.rendered = .success(page)
            result.written = true
        }
        return result
    }

    private static func make(_ job: PageJob, _ renderer: PageRenderer, recording: Bool, _ mode: Mode, cached: CachedPages?) -> JobResult {
        if case .fill(let bytes, _) = mode, let language = listsComments(job), let filled = renderer.comments.fill(bytes, language) {
            return JobResult(rendered: .success(PageRenderer.RenderedPage(file: OutputFile(path: renderer.path(of: job), bytes: filled))),
                             skeleton: .bytes(bytes), filled: true)
        }
        if let page = cached?.kept(job, renderer) { return JobResult(rendered: .success(page), skeleton: .none) }
        // A build with a page cache records what each page reads, for the next build.
        let log = recording || (cached != nil && CachedPages.keeps(job)) ? ReadLog(comparing: recording) : nil
        var recorded = renderer
        recorded.site = renderer.site.recording(into: log)
        var direct = recorded.render(job)
        if let cached, let log, CachedPages.keeps(job), case .success(var page) = direct {
            page.reads = cached.reads(log)
            direct = .success(page)
        }
        if case .renderUnfit = mode { return JobResult(rendered: direct, skeleton: .unfit, log: log) }
        guard case .render(skeleton: true) = mode, let language = listsComments(job), case .success(let page) = direct else {
            return JobResult(rendered: direct, skeleton: .none, log: log)
        }
        var placeholders = renderer
        placeholders.commentPlaceholders = true
        guard case .success(let made) = placeholders.render(job), renderer.comments.fill(made.file.bytes, language) == page.file.bytes else {
            return JobResult(rendered: direct, skeleton: .unfit, log: log)
        }
        return JobResult(rendered: direct, skeleton: .bytes(made.file.bytes), log: log)
    }

    /// The language of a page that lists comments (the comments index, a member's or a
    /// meeting's page, an 意見対応表), nil for other jobs.
    static func listsComments(_ job: PageJob) -> Language? {
        switch job {
        case .comments(let language), .member(_, let language), .meeting(_, let language), .responses(_, let language): language
        default: nil
        }
    }

    /// The results put together with what `previous` made and the jobs did not make again.
    private func assemble(jobs: [PageJob], results: [JobResult], state: inout State?, previous: Rendered?, assets: Bool,
                          sink: FileSink? = nil) -> Rendered {
        var rendered = Rendered(files: previous?.files ?? [], diagnostics: [], searchRecords: previous?.searchRecords ?? [],
                                renderedJobs: Set(jobs))
        var outputs = state?.outputs ?? [:]
        var made: [OutputFile] = []
        var gone: [String] = []
        for (job, result) in zip(jobs, results) {
            var output = JobOutput(file: nil, diagnostics: result.diagnostics, skeleton: result.skeleton)
            if result.filled { rendered.filledJobs.insert(job) }
            switch result.rendered {
            case .success(let page):
                if result.written { rendered.writtenPaths.append(page.file.path) } else { output.file = page.file }
                rendered.pageReads[page.file.path] = page.reads
                rendered.keptPages[page.file.path] = page.kept
            case .failure(let diagnostic): output.diagnostics = [diagnostic]
            }
            if let file = output.file { made.append(file) } else if let path = outputs[job]?.file?.path { gone.append(path) }
            outputs[job] = output
            if let log = result.log { state?.dependencies.record(.page(job), log) }
        }
        if previous != nil {
            // The outputs of items that went away.
            let now = Set(self.jobs)
            for job in Array(outputs.keys) where !now.contains(job) {
                if let path = outputs[job]?.file?.path { gone.append(path) }
                outputs[job] = nil
                state?.dependencies.remove(.page(job))
            }
        }
        if assets {
            if previous != nil { gone += rendered.files.map(\.path).filter { $0.hasPrefix("assets/") } }
            if let sink {
                for file in assetFiles() {
                    sink(file)
                    rendered.writtenPaths.append(file.path)
                }
            } else {
                made += assetFiles()
            }
        }
        let madePaths = Set(made.map(\.path))
        rendered.removedPaths = gone.filter { !madePaths.contains($0) }.sorted()
        rendered.changedFiles = made.filter { $0.path.hasPrefix(SearchRecords.folder + "/") == false }.sorted { $0.path < $1.path }
        Self.merge(made, removing: gone, into: &rendered.files, &rendered.searchRecords)
        var diagnostics: Set<Diagnostic> = []
        for output in outputs.values { diagnostics.formUnion(output.diagnostics) }
        rendered.diagnostics = diagnostics.sorted()
        if state != nil {
            state?.outputs = outputs
            rendered.state = state
        }
        return rendered
    }

    /// The one merge of a render's files into the previous ones (both sorted by path):
    /// `made` put in place of the files with the same paths or added in order, `gone`
    /// taken out; search records go to their own list.
    static func merge(_ made: [OutputFile], removing gone: [String], into files: inout [OutputFile], _ records: inout [OutputFile]) {
        func put(_ file: OutputFile, _ list: inout [OutputFile]) {
            let index = insertionIndex(file.path, list)
            if index < list.count && list[index].path == file.path { list[index] = file } else { list.insert(file, at: index) }
        }
        func take(_ path: String, _ list: inout [OutputFile]) {
            let index = insertionIndex(path, list)
            if index < list.count && list[index].path == path { list.remove(at: index) }
        }
        for path in gone { take(path, &files); take(path, &records) }
        if files.isEmpty && records.isEmpty {
            // A full render: sort once instead of inserting one by one.
            files = made.filter { !$0.path.hasPrefix(SearchRecords.folder + "/") }.sorted { $0.path < $1.path }
            records = made.filter { $0.path.hasPrefix(SearchRecords.folder + "/") }.sorted { $0.path < $1.path }
            return
        }
        for file in made {
            if file.path.hasPrefix(SearchRecords.folder + "/") { put(file, &records) } else { put(file, &files) }
        }
    }

    private static func insertionIndex(_ path: String, _ list: [OutputFile]) -> Int {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].path < path { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The theme's `assets/` folder, copied byte for byte.
    func assetFiles() -> [OutputFile] {
        // The search page's script only where there is a search page.
        theme.files.paths(under: "assets/").filter { site.config.search || $0 != "assets/search.js" }
            .map { OutputFile(path: $0, bytes: theme.files.files[$0]!.bytes) }
    }
}

extension PageJob {
    /// The pages that list every comment get their skeleton in the preview's first
    /// build; the others the first time a rebuild renders them.
    var listsEveryComment: Bool {
        switch self {
        case .comments, .responses(nil, _): true
        default: false
        }
    }
}
