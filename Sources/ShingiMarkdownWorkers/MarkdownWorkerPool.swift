import Foundation
import ShingiCore
import ShingiMarkdown

/// Runs the Markdown stage in a few supervised worker processes (the `shingi` binary in
/// its worker mode), so that cmark-gfm crashing (`abort()` on some inputs) or hanging
/// (quadratic cases) on one file costs that file, not the build or the preview server.
/// A worker that crashes or overruns the file's time bound is killed and replaced;
/// the file gets a `markdown-parser-failed` problem. Separate processes also make the
/// process-wide parse lock of the in-process parser unnecessary.
///
/// `parse` blocks its caller until its file is answered; call it from many threads
/// (`blockingCallers`). Files waiting while every worker is busy are sent to the next
/// free worker together, in one write (`Batch`), by the caller driving that worker.
public final class MarkdownWorkerPool: MarkdownParsing, @unchecked Sendable {
    public let executable: String
    public let arguments: [String]
    public let size: Int
    public let timeBound: ParseTimeBound
    /// At most this many bytes of requests go to a worker in one write (`Batch.capacity`).
    public let batchCapacity: Int

    /// Idle workers; nil slots are started on first use. Guarded by `lock`.
    private var idle: [WorkerProcess?]
    /// Files not yet handed to a worker, oldest first. Guarded by `lock`; whenever it is
    /// not empty, every worker is being driven by a caller that empties it before it lets
    /// the worker go.
    private var waiting: [Batch.File] = []
    private let lock = NSLock()

    public init(executable: String, arguments: [String], size: Int = ProcessInfo.processInfo.activeProcessorCount,
                timeBound: ParseTimeBound = ParseTimeBound(), batchCapacity: Int = Batch.capacity) {
        self.executable = executable
        self.batchCapacity = batchCapacity
        self.arguments = arguments
        self.size = max(1, size)
        self.timeBound = timeBound
        idle = Array(repeating: nil, count: max(1, size))
        // A worker dying while we write to it must be an EPIPE error, not a signal that
        // ends the supervisor.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Eight callers per worker: while a worker parses a batch, the others read and
    /// decode the next files, which then wait together for the next free worker.
    public var blockingCallers: Int? { 8 * size }

    public func parse(_ markdown: String) -> RenderedFragment {
        parse(markdown, memoryLimit: Limits.defaultMaxParserMemory)
    }

    public func limitingMemory(to bytes: Int) -> any MarkdownParsing {
        MemoryLimitedPool(pool: self, memoryLimit: bytes)
    }

    /// Parses `markdown` in a worker that may use at most `memoryLimit` bytes of address space.
    public func parse(_ markdown: String, memoryLimit: Int) -> RenderedFragment {
        parse([markdown], memoryLimit: memoryLimit)[0]
    }

    /// Parses `markdowns` together (in as few writes as the pipe allows), each file with
    /// its own time bound; a file the worker fails on fails alone (see `Batch.run`).
    ///
    /// A caller that finds a worker idle drives it: it sends the oldest waiting files (its
    /// own or others') and keeps sending until none waits, so a worker never sits idle
    /// while another thread wakes up to hand it the next batch. Each caller then waits on
    /// its own semaphore for its own answers: no broadcast wakes every waiting caller at
    /// each answer (that cost the supervisor as much CPU as reading the answers).
    public func parse(_ markdowns: [String], memoryLimit: Int) -> [RenderedFragment] {
        let answered = DispatchSemaphore(value: 0)
        let files = markdowns.map { Batch.File(request: Frame.request($0, memoryLimit: memoryLimit), timeBound: timeBound, answered: answered) }
        lock.lock()
        waiting += files
        if var worker = idle.popLast() {
            while !waiting.isEmpty {
                let batch = Batch.take(from: &waiting, capacity: batchCapacity)
                lock.unlock()
                // Setting each fragment before its signal publishes it to its waiting caller.
                for (file, fragment) in zip(batch.files, batch.run(on: &worker, executable: executable, arguments: arguments)) {
                    file.fragment = fragment
                    file.answered.signal()
                }
                lock.lock()
            }
            // Checked under the lock: a file added after this finds the worker idle.
            idle.append(worker)
        }
        lock.unlock()
        for _ in files { answered.wait() }
        return files.map { $0.fragment! }
    }

    public func releaseIdleResources() { shutdown() }

    /// Stops the idle workers and waits for them, so that their CPU time is counted
    /// with this process's (GNU time, benchmarks) and no worker outlives a command. A
    /// later `parse` starts workers again.
    public func shutdown() {
        lock.lock()
        let stopping = idle
        idle = Array(repeating: nil, count: idle.count)
        lock.unlock()
        _ = stopping  // each WorkerProcess is stopped and reaped as it is released
    }
}

/// How long a worker may take on one file: a base plus an allowance per size, so a
/// large honest file is never cut short and a small hostile one is stopped quickly.
public struct ParseTimeBound: Sendable, Hashable {
    public var base: Double
    public var secondsPer100KB: Double

    public init(base: Double = 2, secondsPer100KB: Double = 1) {
        self.base = base
        self.secondsPer100KB = secondsPer100KB
    }

    public func seconds(forBytes bytes: Int) -> Double {
        base + secondsPer100KB * Double(bytes) / 100_000
    }

    func nanoseconds(forBytes bytes: Int) -> UInt64 {
        UInt64(seconds(forBytes: bytes) * 1e9)
    }
}
