import Foundation

/// One running worker: a child process with a pipe for requests (its stdin) and one for
/// responses (its stdout). Owned by one caller at a time (the pool hands it out), so it
/// needs no locking of its own.
final class WorkerProcess {
    enum Failure: Error {
        /// The request could not be delivered: the worker was gone before it got the file.
        case unavailable
        /// The worker died (a signal or an exit) while it had the file.
        case crash
        /// The worker did not answer within the file's time bound; it has been killed.
        case timeout
        /// The worker ran out of the memory it may use for the file.
        case memory
    }

    let pid: pid_t
    private let requests: Int32
    private let responses: Int32
    private var exited = false
    /// Answer bytes read but not yet taken by `receive`, from `unreadStart` on.
    private var unread: [UInt8] = []
    private var unreadStart = 0
    private var scratch = [UInt8](repeating: 0, count: 1 << 16)

    /// Starts `executable arguments…`; its stderr goes to /dev/null so that whatever a
    /// dying cmark-gfm prints does not interleave with the build's diagnostics.
    init(executable: String, arguments: [String]) throws {
        // Pipes and spawn under one lock: a pipe end leaking into another worker started
        // at the same moment would keep our pipe open after our worker dies, and its
        // crash would look like a timeout.
        Self.spawnLock.lock()
        defer { Self.spawnLock.unlock() }
        let requestPipe = try Self.closeOnExecPipe()
        let responsePipe: [Int32]
        do { responsePipe = try Self.closeOnExecPipe() } catch {
            close(requestPipe[0]); close(requestPipe[1])
            throw error
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the copies, so only these three reach the worker.
        posix_spawn_file_actions_adddup2(&actions, requestPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, responsePipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        close(requestPipe[0])
        close(responsePipe[1])
        guard status == 0 else {
            close(requestPipe[1]); close(responsePipe[0])
            throw StartFailure(code: status)
        }
        self.pid = pid
        requests = requestPipe[1]
        responses = responsePipe[0]
        // Non-blocking on our side, so every wait is a poll() with the file's deadline.
        _ = fcntl(requests, F_SETFL, fcntl(requests, F_GETFL) | O_NONBLOCK)
        _ = fcntl(responses, F_SETFL, fcntl(responses, F_GETFL) | O_NONBLOCK)
    }

    struct StartFailure: Error {
        var code: Int32
    }

    private static let spawnLock = NSLock()

    private static func closeOnExecPipe() throws -> [Int32] {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw StartFailure(code: errno) }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return fds
    }

    deinit {
        close(requests)
        close(responses)
        if !exited {
            // Closing the request pipe makes an idle worker exit; a busy one is killed.
            kill(pid, SIGKILL)
            reap()
        }
    }

    /// What a batch exchange got: the payloads of the files answered, in order, and why
    /// the rest were not (nil: all were). After a failure the worker is dead and reaped.
    struct BatchOutcome {
        var answers: [[UInt8]]
        var failure: Failure?
    }

    /// Sends several requests in one write and reads their responses one by one. Each file
    /// gets its own time bound (`seconds`, in ns), counted from when the answer before it
    /// arrived, so a file that overruns is told apart from the ones before it; the files
    /// after a failure were never started. The requests must fit in the pipe together
    /// (`Batch.capacity`) unless there is only one: the worker reads a whole request
    /// before it answers.
    func exchange(_ requests: [[UInt8]], bounds: [UInt64]) -> BatchOutcome {
        var message: [UInt8] = []
        message.reserveCapacity(requests.reduce(0) { $0 + 4 + $1.count })
        for request in requests {
            message += Frame.header(request.count)
            message += request
        }
        var deadline = SystemCalls.now() + bounds[0]
        guard send(message, deadline: deadline) else {
            return BatchOutcome(answers: [], failure: reapedFailure(whileSending: true, deadline: deadline))
        }
        var answers: [[UInt8]] = []
        answers.reserveCapacity(requests.count)
        for index in requests.indices {
            if index > 0 { deadline = SystemCalls.now() + bounds[index] }
            guard let header = receive(4, deadline: deadline) else { break }
            let length = Frame.length(header)
            guard length <= Frame.maximumLength, let payload = receive(length, deadline: deadline) else { break }
            answers.append(payload)
        }
        if answers.count == requests.count { return BatchOutcome(answers: answers, failure: nil) }
        return BatchOutcome(answers: answers, failure: reapedFailure(whileSending: false, deadline: deadline))
    }

    /// After a failed exchange: a worker past its deadline is killed (timeout); one that
    /// closed its pipes has died (crash, or unavailable if it never had the request).
    private func reapedFailure(whileSending: Bool, deadline: UInt64) -> Failure {
        let timedOut = SystemCalls.now() >= deadline
        kill(pid, SIGKILL)
        let status = reap()
        if timedOut { return .timeout }
        // Exited (not signalled) with the worker's out-of-memory status.
        if status & 0x7F == 0 && (status >> 8) & 0xFF == MarkdownWorker.outOfMemoryStatus { return .memory }
        return whileSending ? .unavailable : .crash
    }

    /// Waits for the worker to end; its wait status.
    @discardableResult
    private func reap() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        exited = true
        return status
    }

    private func send(_ bytes: [UInt8], deadline: UInt64) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { SystemCalls.write(requests, $0.baseAddress! + done, bytes.count - done) }
            if n > 0 { done += n; continue }
            if n < 0 && errno == EINTR { continue }
            guard n < 0, errno == EAGAIN, wait(for: requests, events: Int16(POLLOUT), deadline: deadline) else { return false }
        }
        return true
    }

    /// `count` bytes of the answers, read as they come in pieces of up to 64 KiB: one
    /// read usually brings a header with its payload, or several answers.
    private func receive(_ count: Int, deadline: UInt64) -> [UInt8]? {
        while unread.count - unreadStart < count {
            if unreadStart == unread.count {
                // A large answer's buffer is not kept past it.
                unread.removeAll(keepingCapacity: unread.capacity <= 1 << 20)
                unreadStart = 0
            }
            let n = scratch.withUnsafeMutableBytes { SystemCalls.read(responses, $0.baseAddress!, $0.count) }
            if n > 0 { unread += scratch[..<n]; continue }
            if n == 0 { return nil }  // end of file: the worker is gone
            if errno == EINTR { continue }
            guard errno == EAGAIN, wait(for: responses, events: Int16(POLLIN), deadline: deadline) else { return nil }
        }
        let bytes = Array(unread[unreadStart..<unreadStart + count])
        unreadStart += count
        return bytes
    }

    /// Waits until `fd` is ready; false when the deadline passes first.
    private func wait(for fd: Int32, events: Int16, deadline: UInt64) -> Bool {
        while true {
            let now = SystemCalls.now()
            guard now < deadline else { return false }
            let milliseconds = Int32(min((deadline - now) / 1_000_000 + 1, UInt64(Int32.max)))
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready > 0 { return true }  // readable, writable, or hung up: the read/write tells
            if ready < 0 && errno != EINTR { return false }
        }
    }
}
