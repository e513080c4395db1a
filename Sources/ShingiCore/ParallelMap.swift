/// Maps a pure function over a collection on all cores, keeping the input order.
extension Array where Element: Sendable {
    public func parallelMap<T: Sendable>(_ transform: @escaping @Sendable (Element) -> T) async -> [T] {
        guard count > 1 else { return map(transform) }
        return await withTaskGroup(of: (Int, [T]).self) { group in
            for range in chunks {
                let slice = Array(self[range])
                group.addTask { (range.lowerBound, slice.map(transform)) }
            }
            var chunks: [(Int, [T])] = []
            for await chunk in group { chunks.append(chunk) }
            return chunks.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}

import Foundation

extension Array where Element: Sendable {
    /// The same for synchronous code (the Resolve stage), on `DispatchQueue.concurrentPerform`.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let ranges = chunks
        var results = [[T]](repeating: [], count: ranges.count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own chunk only.
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: ranges.count) { chunk in
                out[chunk] = self[ranges[chunk]].map(transform)
            }
        }
        return results.flatMap { $0 }
    }

    /// The work cut into many small chunks per core, so a few slow items (the site-wide
    /// index pages) do not leave the other cores idle at the end.
    private var chunks: [Range<Int>] {
        let chunkCount = Swift.min(count, ProcessInfoCores.active * 16)
        let chunkSize = (count + chunkCount - 1) / chunkCount
        return stride(from: 0, to: count, by: chunkSize).map { $0..<Swift.min($0 + chunkSize, count) }
    }
}

enum ProcessInfoCores {
    static let active = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
