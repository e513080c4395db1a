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
/// `parse` blocks its caller until a worker is free and has answered; call it from as
/// many threads as there are workers.
public final class MarkdownWorkerPool: MarkdownParsing, @unchecked Sendable {
    public let executable: String
    public let arguments: [String]
    public let size: Int
    public let timeBound: ParseTimeBound

    /// Idle workers; nil slots are started on first use. Guarded by `condition`.
    private var idle: [WorkerProcess?]
    private let condition = NSCondition()

    public init(executable: String, arguments: [String], size: Int = ProcessInfo.processInfo.activeProcessorCount,
                timeBound: ParseTimeBound = ParseTimeBound()) {
        self.executable = executable
        self.arguments = arguments
        self.size = max(1, size)
        self.timeBound = timeBound
        idle = Array(repeating: nil, count: max(1, size))
        // A worker dying while we write to it must be an EPIPE error, not a signal that
        // ends the supervisor.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Two callers per worker: while one waits for its worker, the other reads and
    /// decodes its next file.
    public var blockingCallers: Int? { 2 * size }

    public func parse(_ markdown: String) -> RenderedFragment {
        parse(markdown, memoryLimit: Limits.defaultMaxParserMemory)
    }

    public func limitingMemory(to bytes: Int) -> any MarkdownParsing {
        MemoryLimitedPool(pool: self, memoryLimit: bytes)
    }

    /// Parses `markdown` in a worker that may use at most `memoryLimit` bytes of address space.
    public func parse(_ markdown: String, memoryLimit: Int) -> RenderedFragment {
        let request = Frame.request(markdown, memoryLimit: memoryLimit)
        let deadline = SystemCalls.now() + timeBound.nanoseconds(forBytes: request.count - 8)
        // One retry: a worker that died while idle never saw this file.
        for _ in 0..<2 {
            var worker = checkOut()
            if worker == nil { worker = try? WorkerProcess(executable: executable, arguments: arguments) }
            guard let process = worker else { break }
            switch process.exchange(request, deadline: deadline) {
            case .success(let payload):
                checkIn(process)
                guard let fragment = RenderedFragment(binary: payload) else {
                    return .parserFailed(.crash)
                }
                return fragment
            case .failure(.unavailable):
                checkIn(nil)
                continue
            case .failure(.crash):
                checkIn(nil)
                return .parserFailed(.crash)
            case .failure(.timeout):
                checkIn(nil)
                return .parserFailed(.timeout)
            case .failure(.memory):
                checkIn(nil)
                return .parserFailed(.memory)
            }
        }
        checkIn(nil)
        return .parserFailed(.crash)
    }

    /// Stops the idle workers and waits for them, so that their CPU time is counted
    /// with this process's (GNU time, benchmarks) and no worker outlives a command.
    public func shutdown() {
        condition.lock()
        let stopping = idle
        idle = Array(repeating: nil, count: idle.count)
        condition.unlock()
        _ = stopping  // each WorkerProcess is stopped and reaped as it is released
    }

    /// Takes a slot, waiting while all are busy; returns its worker (nil: start one).
    private func checkOut() -> WorkerProcess? {
        condition.lock()
        defer { condition.unlock() }
        while idle.isEmpty { condition.wait() }
        return idle.removeLast()
    }

    /// Returns a slot; a failed worker comes back as nil and is replaced on next use.
    private func checkIn(_ worker: WorkerProcess?) {
        condition.lock()
        idle.append(worker)
        condition.signal()
        condition.unlock()
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
