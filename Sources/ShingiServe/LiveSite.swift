import ShingiCore
import Synchronization

/// What the server shares between the request handlers, the rebuild loop and the search
/// indexer: the site of the latest build, its generation, the search index put into it,
/// the bound port and the open live-reload streams.
final class LiveSite: Sendable {
    private struct State {
        var site = ServedSite.empty
        var generation = 0
        /// The paths of the index files served (this index's and the one before).
        var index: Set<String> = []
        /// The paths of the latest index.
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

    /// Serves `site` (with the search index served now) from now on; tells the open
    /// pages to reload when it differs from the one it replaces. Returns whether it did.
    @discardableResult
    func swap(to site: ServedSite) -> Bool {
        let generation: Int? = current.withLock { current in
            var site = site
            for path in current.index { site.files[path] = current.site.files[path] }
            guard current.site != site else { return nil }
            current.site = site
            current.generation += 1
            return current.generation
        }
        guard let generation else { return false }
        broadcaster.send(generation: generation)
        return true
    }

    /// Serves the current files with `files` put in place and `removed` taken out (and no
    /// errors) from now on; tells the open pages to reload when that changes anything.
    /// Compares only those, so a rebuild that rendered a few pages costs as much, not the
    /// whole site.
    @discardableResult
    func apply(_ files: [OutputFile], removing removed: [String] = []) -> Bool {
        let generation: Int? = current.withLock { current in
            guard current.site.failed || files.contains(where: { current.site.files[$0.path] != $0.bytes })
                || removed.contains(where: { current.site.files[$0] != nil })
            else { return nil }
            current.site.errors = []
            for path in removed { current.site.files[path] = nil }
            for file in files { current.site.files[file.path] = file.bytes }
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
            for path in current.index.subtracting(paths.union(current.latestIndex)) { current.site.files[path] = nil }
            for file in files { current.site.files[file.path] = file.bytes }
            current.index = paths.union(current.latestIndex)
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
