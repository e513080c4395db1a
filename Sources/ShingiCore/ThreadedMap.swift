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
        let threads = Swift.min(width, count)
        let slots = ThreadedMapSlots<T>(count: count, threads: threads)
        return await withCheckedContinuation { (continuation: CheckedContinuation<[T], Never>) in
            for _ in 0..<threads {
                let thread = Thread {
                    while true {
                        let index = slots.next.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard index < items.count else { break }
                        slots.results[index] = transform(items[index])
                    }
                    if let finished = slots.finish() { continuation.resume(returning: finished) }
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
        }
    }
}

/// The shared state of one `threadedMap`, with no lock: each thread takes the next index
/// with an atomic add and writes only its own slots. A lock taken twice per item kept
/// sixteen threads queueing in the kernel (a seventh of the Load stage's CPU at N = 5,000).
private final class ThreadedMapSlots<T>: @unchecked Sendable {
    let next = Atomic<Int>(0)
    private let running: Atomic<Int>
    let results: UnsafeMutableBufferPointer<T?>

    init(count: Int, threads: Int) {
        running = Atomic(threads)
        results = .allocate(capacity: count)
        results.initialize(repeating: nil)
    }

    deinit {
        results.deinitialize()
        results.deallocate()
    }

    /// The results, for the thread that finishes last (nil for the others): the release
    /// of each thread's count publishes its slots, the last one's acquire sees them all.
    func finish() -> [T]? {
        guard running.wrappingSubtract(1, ordering: .acquiringAndReleasing).newValue == 0 else { return nil }
        return results.map { $0! }
    }
}
