import Synchronization

/// Gathers the paths the watcher reports and wakes the rebuild loop; the loop waits until
/// the files have been quiet for the debounce interval, then takes them all at once, so a
/// burst of events from one save (or fifty) becomes one rebuild.
final class ChangeCollector: Sendable {
    private let pending = Mutex<(paths: Set<String>, last: ContinuousClock.Instant)>(([], .now))
    private let continuation: AsyncStream<Void>.Continuation
    /// One element whenever something is pending (at most one buffered).
    let signals: AsyncStream<Void>
    /// Which reported paths count (the others are editor droppings and the like).
    private let matters: @Sendable (String) -> Bool

    init(matters: @escaping @Sendable (String) -> Bool = WatchedPaths.matters) {
        self.matters = matters
        (signals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// `path` as the watcher names it (relative to the site root for the site's files).
    func record(_ path: String) {
        guard matters(path) else { return }
        pending.withLock {
            $0.paths.insert(path)
            $0.last = .now
        }
        continuation.yield()
    }

    var lastChange: ContinuousClock.Instant { pending.withLock { $0.last } }

    func drain() -> Set<String> {
        pending.withLock { state in
            defer { state.paths = [] }
            return state.paths
        }
    }

    func finish() { continuation.finish() }

    /// Waits for the next burst of changes to end and returns its paths; nil when
    /// finished or cancelled.
    func nextBurst(quiet: Duration, longest: Duration = .seconds(2)) async -> Set<String>? {
        var iterator = signals.makeAsyncIterator()
        while await iterator.next() != nil {
            let start = ContinuousClock.now
            while true {
                let quietUntil = lastChange.advanced(by: quiet)
                let now = ContinuousClock.now
                if now >= quietUntil || now - start >= longest { break }
                do { try await Task.sleep(until: quietUntil, clock: .continuous) } catch { return nil }
            }
            let paths = drain()
            if !paths.isEmpty { return paths }
        }
        return nil
    }
}
