import Foundation
import Synchronization

/// Temporary folders that must not outlive the command, even when it is stopped: a
/// revision exported by `shingi diff` can be large, and Ctrl-C or a `kill` used to leave
/// it behind. `create` registers a folder and, once per process, installs handlers for
/// SIGINT and SIGTERM that remove every registered folder and then end the process by
/// the same signal (so the caller still sees how it ended).
public enum ScratchFolders {
    private static let registered = Mutex<Set<String>>([])
    private static let installed = Mutex(false)

    /// Makes a new empty folder `<temporary folder>/<prefix>-<UUID>` and registers it.
    public static func create(prefix: String) throws -> URL {
        installHandlers()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        registered.withLock { _ = $0.insert(url.path) }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Removes `url` with everything in it and forgets it.
    public static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
        registered.withLock { _ = $0.remove(url.path) }
    }

    /// A signal handler may only do async-signal-safe things, so it writes the signal's
    /// number to a pipe; a thread of ours reads it, removes the folders and re-raises the
    /// signal with its default action. (A dispatch signal source needs the signal ignored,
    /// and on Linux an ignored signal is never seen.)
    private static func installHandlers() {
        let first = installed.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        signalPipeWriteEnd = ends[1]
        let readEnd = ends[0]
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let n = read(readEnd, &byte, 1)
                if n == 1 { break }
                if n < 0 && errno == EINTR { continue }
                return
            }
            let number = Int32(byte)
            for path in registered.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
            // This thread may have been started from one that blocks signals (a dispatch
            // worker); the signal goes to the process, to a thread that takes it.
            signal(number, SIG_DFL)
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, number)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            kill(getpid(), number)
        }
        thread.start()
        for number in [SIGINT, SIGTERM] { signal(number, forwardSignal) }
    }
}

/// The write end of the pipe `forwardSignal` writes to; set once, before the handlers.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

private func forwardSignal(_ number: Int32) {
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalPipeWriteEnd, &byte, 1)
}
