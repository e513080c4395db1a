import ShingiCore

/// One build as the preview serves it: the files the build produced (the very array of
/// `BuildResult.files`, not a copy kept in step with it), the search index put into it,
/// and, when the latest build failed, the errors shown instead of every page.
struct ServedSite: Sendable, Equatable {
    /// The files of the latest successful build, sorted by path (`ja/index.html`).
    var files: [OutputFile]
    /// The search index files served with them (`LiveSite.installSearchIndex`), by path.
    var searchIndex: [String: [UInt8]]
    /// The errors of the latest build; empty when it succeeded.
    var errors: [Diagnostic]

    static let empty = ServedSite(files: [], searchIndex: [:], errors: [])

    var failed: Bool { !errors.isEmpty }

    /// The bytes served at `path` (below the site root), if any.
    func file(at path: String) -> [UInt8]? {
        if let bytes = searchIndex[path] { return bytes }
        let index = files.lowerBound(of: path) { $0.path }
        return index < files.count && files[index].path == path ? files[index].bytes : nil
    }
}
