import Synchronization

/// Fans one rebuild (or a change of the search index) out to every open live-reload stream.
final class ReloadBroadcaster: Sendable {
    private struct State {
        var next = 0
        var streams: [Int: AsyncStream<LiveEvent>.Continuation] = [:]
        var finished = false
    }

    private let state = Mutex(State())

    /// A stream of events; it ends when the server stops. A few are buffered, so a
    /// reload is not dropped for the search event that follows it.
    func subscribe() -> AsyncStream<LiveEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: LiveEvent.self, bufferingPolicy: .bufferingNewest(4))
        let id: Int? = state.withLock { state in
            guard !state.finished else { return nil }
            defer { state.next += 1 }
            state.streams[state.next] = continuation
            return state.next
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.streams.removeValue(forKey: id) }
        }
        return stream
    }

    func send(generation: Int) { send(.reload(generation: generation)) }

    func send(_ event: LiveEvent) {
        for continuation in state.withLock({ Array($0.streams.values) }) { continuation.yield(event) }
    }

    /// Ends every stream, so open connections close and the server can stop.
    func finish() {
        let streams = state.withLock { state in
            state.finished = true
            defer { state.streams = [:] }
            return Array(state.streams.values)
        }
        for continuation in streams { continuation.finish() }
    }
}
