import ShingiCore

/// What reloading some files changed, as Load saw it: each Markdown file read again with
/// what it was and what it is now, and whether a data file changed. Resolve brings the
/// site up to date from this (`Resolver.update`); the changed paths stay in Load.
public struct LoadChange: Sendable, Equatable {
    /// A Markdown file before and after; nil where there was (or is) no item.
    public struct Edit: Sendable, Equatable {
        public var before: LoadedFile?
        public var after: LoadedFile?
    }

    /// By path, the key Load knows files by.
    private var edits: [String: Edit] = [:]
    /// `members.yml`, `meetings.yml` or `references.yml` changed.
    public var dataFiles = false
    /// The files whose diagnostics may have changed (every changed file under `content/`):
    /// Resolve replaces the diagnostics at these paths.
    public private(set) var diagnosticPaths: Set<String> = []

    public init() {}

    /// The Markdown files read again, in path order.
    public var markdown: [Edit] { edits.keys.sorted().map { edits[$0]! } }

    /// Nothing under `content/` changed.
    public var isEmpty: Bool { diagnosticPaths.isEmpty && !dataFiles }

    mutating func record(_ path: String, before: LoadedFile?, after: LoadedFile?) {
        edits[path] = Edit(before: before, after: after)
        diagnosticPaths.insert(path)
    }

    mutating func recordOther(_ path: String) { diagnosticPaths.insert(path) }

    /// This change followed by `later`: each file from what it was before this one to
    /// what it is after `later` (the changes since the last good build, across failed ones).
    public func followed(by later: LoadChange) -> LoadChange {
        var result = self
        for (path, edit) in later.edits {
            result.edits[path] = Edit(before: edits[path].map(\.before) ?? edit.before, after: edit.after)
        }
        result.dataFiles = dataFiles || later.dataFiles
        result.diagnosticPaths.formUnion(later.diagnosticPaths)
        return result
    }
}
