import Dispatch
import ShingiMarkdown

/// Files sent to one worker together: their requests in one write, their answers read
/// one by one. A failure is pinned to the file the worker had (the first unanswered one)
/// and costs only that file: the ones answered before it keep their answers, the ones
/// after it were never started and go to a new worker.
public struct Batch {
    /// One file's request and, once answered, its fragment: written by the caller that
    /// ran the batch, then `answered` is signalled for the caller that sent the file.
    final class File {
        let request: [UInt8]
        let bound: UInt64
        var fragment: RenderedFragment?
        let answered: DispatchSemaphore

        init(request: [UInt8], timeBound: ParseTimeBound, answered: DispatchSemaphore) {
            self.request = request
            bound = timeBound.nanoseconds(forBytes: request.count - 8)
            self.answered = answered
        }
    }

    /// At most this many bytes of requests go in one write: less than a pipe holds
    /// (64 KiB on Linux), so the write completes without waiting for the worker to read,
    /// and the worker's answers never wait for us to finish writing. (Tests raise it to
    /// put a large file among small ones.)
    public static let capacity = 60_000
    /// At most this many files in one batch, so one batch does not leave the other
    /// workers idle at the end of a run.
    static let maximumCount = 32

    let files: [File]

    /// The oldest waiting files that fit in one write (at least one, however large).
    static func take(from waiting: inout [File], capacity: Int) -> Batch {
        var count = 0
        var bytes = 0
        while count < waiting.count, count < maximumCount {
            let size = 4 + waiting[count].request.count
            if count > 0 && bytes + size > capacity { break }
            bytes += size
            count += 1
        }
        let batch = Batch(files: Array(waiting[..<count]))
        waiting.removeFirst(count)
        return batch
    }

    /// The files' fragments, in order. `worker` is started when nil and comes back nil
    /// when it died (it is then replaced on next use).
    func run(on worker: inout WorkerProcess?, executable: String, arguments: [String]) -> [RenderedFragment] {
        var fragments: [RenderedFragment] = []
        var remaining = files[...]
        // The first unanswered file is sent again alone after a crash or memory failure
        // among others: one that fails alone fails; one that does not was not the cause.
        var alone = false
        // One retry of a request never delivered: a worker that died while idle never saw it.
        var retried = false
        while !remaining.isEmpty {
            let sent = alone ? remaining.prefix(1) : remaining
            if worker == nil { worker = try? WorkerProcess(executable: executable, arguments: arguments) }
            guard let process = worker else {
                fragments += remaining.map { _ in .parserFailed(.crash) }
                break
            }
            let outcome = process.exchange(sent.map(\.request), bounds: sent.map(\.bound))
            fragments += outcome.answers.map { RenderedFragment(binary: $0) ?? .parserFailed(.crash) }
            remaining = remaining.dropFirst(outcome.answers.count)
            guard let failure = outcome.failure else {
                (alone, retried) = (false, false)
                continue
            }
            worker = nil
            switch failure {
            case .unavailable where !retried:
                retried = true
                continue
            case .crash where sent.count > 1, .memory where sent.count > 1:
                alone = true
                continue
            case .unavailable, .crash: fragments.append(.parserFailed(.crash))
            case .memory: fragments.append(.parserFailed(.memory))
            // The file overran its own bound, counted from the answer before it.
            case .timeout: fragments.append(.parserFailed(.timeout))
            }
            remaining = remaining.dropFirst()
            (alone, retried) = (false, false)
        }
        return fragments
    }
}
