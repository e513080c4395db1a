/// Maps a pure function over a collection on all cores, keeping the input order.
/// The work is cut into many small chunks per core, so a few slow items (the site-wide
/// index pages) do not leave the other cores idle at the end.
extension Array where Element: Sendable {
    public func parallelMap<T: Sendable>(_ transform: @escaping @Sendable (Element) -> T) async -> [T] {
        guard count > 1 else { return map(transform) }
        let chunkCount = Swift.min(count, ProcessInfoCores.active * 16)
        let chunkSize = (count + chunkCount - 1) / chunkCount
        return await withTaskGroup(of: (Int, [T]).self) { group in
            for start in stride(from: 0, to: count, by: chunkSize) {
                let slice = Array(self[start..<Swift.min(start + chunkSize, count)])
                group.addTask { (start, slice.map(transform)) }
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
        let chunkCount = Swift.min(count, ProcessInfoCores.active * 16)
        let chunkSize = (count + chunkCount - 1) / chunkCount
        var chunks = [[T]](repeating: [], count: chunkCount)
        chunks.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own chunk only.
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let start = chunk * chunkSize
                guard start < count else { return }
                out[chunk] = self[start..<Swift.min(start + chunkSize, count)].map(transform)
            }
        }
        return chunks.flatMap { $0 }
    }
}

enum ProcessInfoCores {
    static let active = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
