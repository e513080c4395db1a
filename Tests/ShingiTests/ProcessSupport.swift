import Foundation
import XCTest

/// What a finished process printed and how it ended.
struct ProcessResult {
    var status: Int32
    var out: String
    var err: String
}

/// Runs a program and collects its output (both pipes read to the end before waiting).
func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                         err: String(decoding: errData, as: UTF8.self))
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
