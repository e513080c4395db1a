import Foundation
import ShingiCore
import ShingiLoad
import ShingiResolve

/// The Render stage: every page of the site in every language, the sitemap and the
/// theme's assets, as output files in a stable order.
public struct SiteRenderer: Sendable {
    public let site: ResolvedSite
    public let theme: Theme
    public let urls: SiteURLs

    /// Sections and comments to mark as changed (`--changes-since`).
    public let changes: ChangeMarks?

    /// The previous build's pages (`PageCache`): a page whose templates and context did
    /// not change is taken from there, and every page's key is in `Rendered.pageKeys`.
    public var pageCache: PageCache?
    /// The previous build's partials rendered by code (`PartialCache`): the comments.
    public var partialCache: PartialCache?

    public init(site: ResolvedSite, theme: Theme, baseURL: String? = nil, changes: ChangeMarks? = nil) {
        self.site = site
        self.theme = theme
        self.urls = SiteURLs(baseURL: baseURL ?? site.config.baseURL)
        self.changes = changes
    }

    /// All pages, in a fixed order.
    public var jobs: [PageJob] {
        var jobs: [PageJob] = [.languageChoice, .notFound]
        for language in site.config.languages {
            jobs += [.home(language), .issues(language), .members(language), .meetings(language), .comments(language), .references(language)]
            jobs += site.issues.map { .issue($0.id, language) }
            jobs += site.members.map { .member($0.id, language) }
            jobs += site.meetings.map { .meeting($0.id, language) }
            jobs += site.pages.map { .page($0.slug, language) }
            if site.config.search { jobs.append(.search(language)) }
        }
        return jobs
    }

    /// Every page, the sitemap and the assets; with `jobs`, only those pages.
    public func render(_ jobs: [PageJob]? = nil) async -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        let rendered = await render(jobs, reusing: nil as Rendered?)
        return (rendered.files, rendered.diagnostics)
    }

    /// What a render made, with what the next preview rebuild reuses: the rendered
    /// comments and the skeletons of the pages that list comments.
    public struct Rendered: Sendable {
        public var files: [OutputFile]
        public var diagnostics: [Diagnostic]
        public var comments: RenderedComments
        /// Pages rendered with a placeholder for each comment (`RenderedComments.fill`).
        var skeletons: [PageJob: [UInt8]] = [:]
        /// Pages whose skeleton, filled, was not the page (the theme escapes or indents
        /// the comments' HTML): these are always rendered.
        var unfit: Set<PageJob> = []
        /// With a page cache: the key of each page that has one, by output path.
        public var pageKeys: [String: [UInt8]] = [:]
        /// With a page cache: the entries of the pages taken from the previous build
        /// instead of rendered, by output path.
        public var keptPages: [String: PageCache.Entry] = [:]
        /// With `search:` on, in a full render: the pages only the search index sees.
        public var searchRecords: [OutputFile] = []
    }

    /// Every page, the sitemap and the assets; or, with `jobs`, only those pages (for a
    /// preview rebuild that keeps the rest). With `previous`, only the comments with a
    /// translation at one of `changedPaths` are rendered again, the others come from it,
    /// and the pages that list comments (the comments index, members, meetings) are their
    /// skeletons filled with the comments: the caller vouches that nothing else they show
    /// changed (`affectedJobs`).
    ///
    /// With `skeletons` (the preview), a skeleton is made along with the page: for the
    /// comments index in a full render, for a member or meeting page the first time a
    /// rebuild renders it. It is kept only if filling it gives the page's very bytes.
    /// With `assets`, a render of some pages also copies the theme's assets.
    public func render(_ jobs: [PageJob]?, reusing previous: Rendered?, changedPaths: Set<String> = [], skeletons: Bool = false,
                       assets: Bool = false) async -> Rendered {
        var prepared = PageRenderer(site: site, theme: theme, urls: urls, changes: changes)
        prepared.pageCache = pageCache
        prepared.partialCache = partialCache
        let changed = previous == nil ? [] : changedComments(changedPaths)
        prepared.comments = await RenderedComments.render(prepared, reusing: previous?.comments, changed: changed)
        let renderer = prepared
        let kept = jobs == nil ? [:] : previous?.skeletons ?? [:]
        let unfit = jobs == nil ? [] : previous?.unfit ?? []
        let results = await (jobs ?? self.jobs).parallelMap { job -> (Result<PageRenderer.RenderedPage, Diagnostic>, [UInt8]?) in
            guard skeletons, let (path, language, eager) = Self.listsComments(job, renderer.urls), !unfit.contains(job) else {
                return (renderer.render(job), nil)
            }
            if let skeleton = kept[job], let bytes = renderer.comments.fill(skeleton, language) {
                return (.success(PageRenderer.RenderedPage(file: OutputFile(path: path, bytes: bytes))), skeleton)
            }
            let direct = renderer.render(job)
            // A full render makes the skeletons of the big pages; a rebuild those it needs.
            guard jobs != nil || eager, case .success(let page) = direct else { return (direct, nil) }
            var placeholders = renderer
            placeholders.commentPlaceholders = true
            guard case .success(let skeleton) = placeholders.render(job),
                  renderer.comments.fill(skeleton.file.bytes, language) == page.file.bytes else { return (direct, []) }
            return (direct, skeleton.file.bytes)
        }
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        var made = kept
        var unfitNow = unfit
        var pageKeys: [String: [UInt8]] = [:]
        var keptPages: [String: PageCache.Entry] = [:]
        for (job, (result, skeleton)) in zip(jobs ?? self.jobs, results) {
            switch result {
            case .success(let page):
                // A page over the limit is reported, not written.
                if let problem = PageSizeLimit.problem(page.file, job: job, site: site) {
                    diagnostics.append(problem)
                    continue
                }
                files.append(page.file)
                pageKeys[page.file.path] = page.key
                keptPages[page.file.path] = page.kept
            case .failure(let diagnostic): if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
            }
            if let skeleton, skeleton.isEmpty { unfitNow.insert(job) } else { made[job] = skeleton }
        }
        diagnostics += await files.parallelMap(DuplicateIDs.diagnostics).flatMap { $0 }
        if jobs == nil && site.config.sitemap { files.append(Sitemap(site: site, urls: urls).file()) }
        // The feeds list every comment, so any rebuild may change them.
        files += site.config.languages.flatMap { renderer.feeds($0) }
        if jobs == nil || assets { files += assetFiles() }
        return Rendered(files: files.sorted { $0.path < $1.path }, diagnostics: diagnostics, comments: renderer.comments,
                        skeletons: made, unfit: unfitNow, pageKeys: pageKeys, keptPages: keptPages,
                        searchRecords: jobs == nil && site.config.search ? SearchRecords.files(renderer) : [])
    }

    /// For a page that lists comments: its output path, its language and whether a full
    /// render makes its skeleton (the comments index, which lists them all).
    static func listsComments(_ job: PageJob, _ urls: SiteURLs) -> (path: String, language: Language, eager: Bool)? {
        switch job {
        case .comments(let language): return (urls.outputPath(for: urls.comments(language)), language, true)
        case .member(let id, let language): return (urls.outputPath(for: urls.member(id, language)), language, false)
        case .meeting(let id, let language): return (urls.outputPath(for: urls.meeting(id, language)), language, false)
        default: return nil
        }
    }

    /// The comments with a translation read from one of `paths`. A comment's id is its
    /// file's name, so they are found by name rather than by a look at every comment.
    func changedComments(_ paths: Set<String>) -> Set<String> {
        var ids: Set<String> = []
        for path in paths where path.hasPrefix("content/comments/") && path.hasSuffix(".md") {
            let name = path.split(separator: "/").last!.dropLast(3)
            guard let dot = name.lastIndex(of: ".") else { continue }
            let stem = String(name[..<dot])
            for id in [stem, stem.precomposedStringWithCanonicalMapping] {
                if let comment = site.comment(id), comment.translations.languages.contains(where: { comment.translations[$0]?.source.path == path }) {
                    ids.insert(id)
                }
            }
        }
        return ids
    }

    /// The theme's `assets/` folder, copied byte for byte.
    func assetFiles() -> [OutputFile] {
        // The search page's script only where there is a search page.
        theme.files.paths(under: "assets/").filter { site.config.search || $0 != "assets/search.js" }
            .map { OutputFile(path: $0, bytes: theme.files.files[$0]!.bytes) }
    }
}
