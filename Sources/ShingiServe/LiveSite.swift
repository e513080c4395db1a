import ShingiCore
import Synchronization

/// What the server shares between the request handlers, the rebuild loop and the search
/// indexer: the site of the latest build, its generation, the search index put into it,
/// the bound port and the open live-reload streams.
final class LiveSite: Sendable {
    private struct State {
        var site = ServedSite.empty
        var generation = 0
        /// The paths of the latest index (the one before is served too).
        var latestIndex: Set<String> = []
        var search: SearchIndexState?
        /// How many indexes were made ready.
        var ready = 0
    }

    private let current = Mutex(State())
    private let boundPort = Atomic<Int>(0)
    let broadcaster = ReloadBroadcaster()

    var site: ServedSite { current.withLock { $0.site } }

    var generation: Int { current.withLock { $0.generation } }

    /// How the search index stands; nil when the preview makes none.
    var searchIndex: SearchIndexState? { current.withLock { $0.search } }

    var port: Int {
        get { boundPort.load(ordering: .acquiring) }
        set { boundPort.store(newValue, ordering: .releasing) }
    }

    /// Serves `files`, the files of a successful build, from now on (with the search
    /// index there is), and tells the open pages to reload when that changes anything.
    /// `changed` is what the build made and removed when it kept the others: only those
    /// are compared, so a rebuild that rendered a few pages costs as much, not the whole
    /// site. Returns whether the pages were told.
    @discardableResult
    func serve(_ files: [OutputFile], changed: (files: [OutputFile], removed: [String])?) -> Bool {
        let generation: Int? = current.withLock { current in
            let old = current.site
            current.site.files = files
            current.site.errors = []
            if let changed {
                guard old.failed || changed.files.contains(where: { old.file(at: $0.path) != $0.bytes })
                    || changed.removed.contains(where: { old.file(at: $0) != nil }) else { return nil }
            } else {
                guard old != current.site else { return nil }
            }
            current.generation += 1
            return current.generation
        }
        guard let generation else { return false }
        broadcaster.send(generation: generation)
        return true
    }

    /// Shows `errors` instead of the pages of the last successful build (which stay for
    /// the next one); tells the open pages to reload when they were not shown already.
    @discardableResult
    func fail(_ errors: [Diagnostic]) -> Bool {
        let generation: Int? = current.withLock { current in
            guard current.site.errors != errors else { return nil }
            current.site.errors = errors
            current.generation += 1
            return current.generation
        }
        guard let generation else { return false }
        broadcaster.send(generation: generation)
        return true
    }

    /// Notes that the search index is being made again, and tells the search pages.
    func searchIndexBuilding() {
        let changed = current.withLock { current in
            defer { current.search = .building }
            return current.search != .building
        }
        if changed { broadcaster.send(.search(.building)) }
    }

    /// Puts a new search index into the served site, keeping the previous one's files
    /// that it does not replace (a page that loaded that index may still fetch them).
    /// With `ready`, tells the search pages to reload; else another index follows.
    func installSearchIndex(_ files: [OutputFile], ready: Bool) {
        let state: SearchIndexState = current.withLock { current in
            let paths = Set(files.map(\.path))
            let kept = paths.union(current.latestIndex)
            current.site.searchIndex = current.site.searchIndex.filter { kept.contains($0.key) }
            for file in files { current.site.searchIndex[file.path] = file.bytes }
            current.latestIndex = paths
            if ready {
                current.ready += 1
                current.search = .ready(current.ready)
            }
            return current.search ?? .building
        }
        if ready { broadcaster.send(.search(state)) }
    }

    /// Notes that the search index could not be made (the terminal says why).
    func searchIndexFailed() {
        current.withLock { $0.search = .failed }
        broadcaster.send(.search(.failed))
    }
}
