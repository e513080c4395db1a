import ShingiCore
import ShingiRender
import ShingiResolve

/// What a build or check found and made.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var site: ResolvedSite?
    public var files: [OutputFile]
    /// Pages per language (HTML files under `/<lang>/`).
    public var pagesPerLanguage: [Language: Int]
    public var seconds: Double
    /// With a page cache: what each page read and the key of its values (`PageCache`),
    /// by output path.
    public var pageReads: [String: PageCache.Reads] = [:]
    /// The inputs `pageReads` name by their places.
    public var pageInputs = PageCache.Inputs()
    /// With a page cache: the entries of the pages taken from the previous build instead
    /// of rendered, by output path.
    public var keptPages: [String: PageCache.Entry] = [:]
    /// How many pages were taken from the previous build.
    public var reusedPages: Int { keptPages.count }
    /// With a comment cache: the comments rendered (not taken from the cache).
    public var renderedComments = 0
    /// Pages only the search index sees (`SearchRecords`): one per comment and language,
    /// so that a comment is a result of its own with its member and meeting as filters.
    public var searchRecords: [OutputFile] = []
    /// Said once by `build` when search is on but the index was not made (Pagefind not installed).
    public var searchNote: String?
    /// The search index written (`pagefind/`): its files, their total size in bytes and
    /// the seconds it took, and whether it is the last build's (nothing it indexes
    /// changed); nil when none was made.
    public var searchIndex: (files: Int, bytes: Int, seconds: Double, kept: Bool)?
    /// A first build's files, written while they were rendered (not in `files`).
    var streamed: StreamedWrite?
    /// The paths of those files.
    public var writtenPaths: [String] = []

    public var succeeded: Bool { !diagnostics.hasErrors }
}
