import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// Maps `transform` on `width` threads of its own, keeping the input order. For work
    /// that spends much of its time waiting (on a worker process): the waiting does not
    /// hold a thread of Swift's cooperative pool, and with more threads than cores one
    /// thread's own work overlaps another's waiting.
    public func threadedMap<T: Sendable>(width: Int, _ transform: @escaping @Sendable (Element) -> T) async -> [T] {
        guard count > 1, width > 1 else { return map(transform) }
        let items = self
        let state = Mutex<(next: Int, results: [T?], running: Int)>((0, Array<T?>(repeating: nil, count: count), Swift.min(width, count)))
        return await withCheckedContinuation { (continuation: CheckedContinuation<[T], Never>) in
            for _ in 0..<Swift.min(width, count) {
                let thread = Thread {
                    while true {
                        let index = state.withLock { state -> Int? in
                            guard state.next < items.count else { return nil }
                            state.next += 1
                            return state.next - 1
                        }
                        guard let index else { break }
                        let value = transform(items[index])
                        state.withLock { $0.results[index] = value }
                    }
                    let finished = state.withLock { state -> [T]? in
                        state.running -= 1
                        return state.running == 0 ? state.results.map { $0! } : nil
                    }
                    if let finished { continuation.resume(returning: finished) }
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
        }
    }
}
