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
}
