import ShingiCore
import Synchronization

/// What the server shares between the request handlers and the rebuild loop: the site of
/// the latest build, its generation, the bound port and the open live-reload streams.
final class LiveSite: Sendable {
    private let current = Mutex<(site: ServedSite, generation: Int)>((.empty, 0))
    private let boundPort = Atomic<Int>(0)
    let broadcaster = ReloadBroadcaster()

    var site: ServedSite { current.withLock { $0.site } }

    var generation: Int { current.withLock { $0.generation } }

    var port: Int {
        get { boundPort.load(ordering: .acquiring) }
        set { boundPort.store(newValue, ordering: .releasing) }
    }

    /// Serves `site` from now on; tells the open pages to reload when it differs from the
    /// one it replaces. Returns whether it did.
    @discardableResult
    func swap(to site: ServedSite) -> Bool {
        let generation: Int? = current.withLock { current in
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
        // Only the rebuild loop changes the site, so it cannot change in between.
        let old = site
        guard old.failed || files.contains(where: { old.files[$0.path] != $0.bytes }) || removed.contains(where: { old.files[$0] != nil })
        else { return false }
        var new = old
        new.errors = []
        for path in removed { new.files[path] = nil }
        for file in files { new.files[file.path] = file.bytes }
        let generation: Int = current.withLock { current in
            current.site = new
            current.generation += 1
            return current.generation
        }
        broadcaster.send(generation: generation)
        return true
    }
}
