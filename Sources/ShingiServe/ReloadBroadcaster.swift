import Synchronization

/// Fans one rebuild out to every open live-reload stream.
final class ReloadBroadcaster: Sendable {
    private struct State {
        var next = 0
        var streams: [Int: AsyncStream<Int>.Continuation] = [:]
        var finished = false
    }

    private let state = Mutex(State())

    /// A stream of build generations, one element per reload; it ends when the server stops.
    func subscribe() -> AsyncStream<Int> {
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
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

    func send(generation: Int) {
        for continuation in state.withLock({ Array($0.streams.values) }) { continuation.yield(generation) }
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
