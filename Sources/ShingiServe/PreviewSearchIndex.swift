import Foundation
import ShingiBuild
import ShingiCore
import Synchronization

/// The preview's search index: after each rebuild that changed the site, Pagefind indexes
/// the served pages on a thread of its own, so the reload of the pages never waits for it.
/// One run at a time; rebuilds that come while it runs make one more run, with the
/// latest pages. Until a run ends the search pages use the index before (or none) and
/// say that it is being made (`LiveReload`); they reload when it is ready.
final class PreviewSearchIndex: Sendable {
    /// The files and the search records of one rebuild.
    struct Pages: Sendable {
        var files: [OutputFile]
        var records: [OutputFile]
    }

    /// Nil when Pagefind is not installed.
    private let indexer: SearchIndexer?
    private let live: LiveSite
    private let output: ServeOutput
    private let state = Mutex<(running: Bool, queued: Pages?)>((false, nil))
    private let noted = Atomic<Bool>(false)

    init(indexer: SearchIndexer?, live: LiveSite, output: ServeOutput) {
        self.indexer = indexer
        self.live = live
        self.output = output
    }

    /// After a successful build that changed the site with `search:` on: indexes `pages`
    /// once the run under way (if any) has ended (a later call before then replaces
    /// them). Without Pagefind, says once how to install it.
    func siteChanged(_ pages: @autoclosure () -> Pages) {
        guard indexer != nil else {
            if !noted.exchange(true, ordering: .relaxed) { output.problem(SearchIndexer.notInstalledNote) }
            return
        }
        let pages = pages()
        let start = state.withLock { state in
            state.queued = pages
            defer { state.running = true }
            return !state.running
        }
        live.searchIndexBuilding()
        // Pagefind is a process to wait for: a thread of its own, not the server's pool.
        if start { Thread.detachNewThread { [self] in drain() } }
    }

    private func drain() {
        #if os(Linux)
        // Pagefind, spawned from this thread, inherits its priority (on Linux a thread's
        // own, 0 naming the calling thread) and so yields the CPU to the next rebuilds.
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
        while let pages = next() {
            let start = ContinuousClock.now
            let inputs = SearchIndexer.inputs(pages.files, records: pages.records)
            do {
                let index = try indexer!.index(inputs)
                let elapsed = ContinuousClock.now - start
                output.line("search index: \(index.count) files in \(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000) ms")
                let more = state.withLock { $0.queued != nil }
                live.installSearchIndex(index, ready: !more)
            } catch {
                output.problem("warning: \(error); search in the preview uses the last index")
                live.searchIndexFailed()
            }
        }
    }

    /// The pages to index next, or nil (and no run under way) when there are none.
    private func next() -> Pages? {
        state.withLock { state in
            guard let pages = state.queued else {
                state.running = false
                return nil
            }
            state.queued = nil
            return pages
        }
    }
}
