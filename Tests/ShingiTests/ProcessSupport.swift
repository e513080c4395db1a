import Foundation
import XCTest

/// What a finished process printed and how it ended.
struct ProcessResult {
    var status: Int32
    var out: String
    var err: String
}

/// Runs a program and collects its output (a bound of 10 minutes only guards the suite).
func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> ProcessResult {
    let result = try runBounded(executable, arguments, seconds: 600, environment: environment)
    return ProcessResult(status: result.status, out: result.out, err: result.err)
}

/// How a bounded run ended.
struct BoundedResult {
    var status: Int32
    /// The signal that ended the process, if one did.
    var signal: Int32?
    var timedOut: Bool
    var out: String
    var err: String
}

/// Runs a program with a wall-clock bound: past it the process is killed (SIGKILL).
func runBounded(_ executable: URL, _ arguments: [String], seconds: Double, environment: [String: String]) throws -> BoundedResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    // The pipes are drained while the process runs, so a full pipe cannot stall it.
    let outData = DrainedPipe(out), errData = DrainedPipe(err)
    var timedOut = false
    if finished.wait(timeout: .now() + seconds) == .timedOut {
        timedOut = true
        kill(process.processIdentifier, SIGKILL)
        finished.wait()
    }
    let signalled = process.terminationReason == .uncaughtSignal && !timedOut
    return BoundedResult(status: process.terminationStatus, signal: signalled ? process.terminationStatus : nil, timedOut: timedOut,
                         out: String(decoding: outData.wait(), as: UTF8.self), err: String(decoding: errData.wait(), as: UTF8.self))
}

/// Collects what a pipe delivers until its end; `wait` gives up after a few seconds (a
/// killed process may leave children that hold the pipe open).
private final class DrainedPipe: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        pipe.fileHandleForReading.readabilityHandler = { [self] handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
                done.signal()
            } else {
                lock.withLock { data.append(chunk) }
            }
        }
    }

    func wait() -> Data {
        _ = done.wait(timeout: .now() + 5)
        return lock.withLock { data }
    }
}

/// The `shingi` binary built next to the test bundle.
func shingiBinary() throws -> URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<3 {
        let candidate = directory.appendingPathComponent("shingi")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    throw XCTSkip("the shingi binary was not built next to the tests")
}

/// Runs `shingi` as a user would, with the repository's theme as the default theme.
func runShingi(_ arguments: [String]) throws -> ProcessResult {
    try runProcess(try shingiBinary(), arguments, environment: ["SHINGI_THEME": defaultTheme.path, "PATH": "/usr/bin:/bin"])
}

/// Runs git in `directory`; a failure fails the test.
@discardableResult
func runGit(_ arguments: [String], in directory: URL, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let result = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["git", "-C", directory.path] + arguments,
                                environment: ["PATH": "/usr/bin:/bin", "HOME": directory.path])
    XCTAssertEqual(result.status, 0, "git \(arguments.joined(separator: " ")): \(result.err)", file: file, line: line)
    return result.out
}

/// Commits everything in `directory` (a repository made by the test).
func commitAll(in directory: URL, message: String) throws {
    try runGit(["add", "-A"], in: directory)
    try runGit(["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", message], in: directory)
}
