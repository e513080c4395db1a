import Foundation
import ShingiCore
import ShingiDiff
import XCTest

/// What `shingi diff` and `build --changes-since` take from a revision: only what a build
/// reads (`shingi.yml`, `content/`, `templates/`), each file within the size limits
/// (checked in git's listing, never extracted), and nothing left in the temporary folder
/// when the command is stopped.
final class RevisionExportTests: XCTestCase {
    /// The mini site under `committee/` of a new repository, with `extra` files, committed.
    private func repository(_ extra: [String: String]) throws -> (repository: URL, root: URL) {
        let repository = try temporaryDirectory(self)
        let root = repository.appendingPathComponent("committee")
        try write(MiniSite.files.merging(extra) { $1 }, to: root)
        try runGit(["init", "-q", "-b", "main"], in: repository)
        try commitAll(in: repository, message: "first")
        return (repository, root)
    }

    /// Every file below `folder`, relative to it.
    private func files(_ folder: URL) throws -> [String] {
        try tree(folder).keys.sorted()
    }

    func testARevisionIsExportedWithOnlyWhatABuildReads() async throws {
        let (_, root) = try repository(["notes/draft.txt": "private\n", "site/index.html": "old output\n",
                                        "templates/page.mustache": "{{{content}}}\n", "README.md": "readme\n"])
        let scratch = try temporaryDirectory(self)
        let loaded = try await RevisionReader(root: root).load(.revision("HEAD"), name: "old", scratch: scratch)
        XCTAssertEqual(loaded.root.path, scratch.appendingPathComponent("old/committee").path)
        XCTAssertEqual(try files(scratch), (Array(MiniSite.files.keys) + ["templates/page.mustache"]).map { "old/committee/" + $0 }.sorted())
    }

    func testAFileOverTheLimitIsRefusedWithoutBeingExtracted() async throws {
        let config = MiniSite.files["shingi.yml"]! + "\nlimits:\n  max_file_size: 1000\n"
        let big = "---\ntitle: \"大\"\n---\n" + String(repeating: "あ", count: 1000) + "\n"
        let (_, root) = try repository(["shingi.yml": config, "content/pages/big.ja.md": big])
        let scratch = try temporaryDirectory(self)
        do {
            _ = try await RevisionReader(root: root).read(.revision("HEAD"), name: "old", scratch: scratch)
            XCTFail("a file over the limit was read")
        } catch let error as DiffError {
            XCTAssertEqual(error.labelledDiagnostics, [
                "old: content/pages/big.ja.md:1:1: error: the file is \(big.utf8.count) bytes, more than the limit of 1000 bytes; split it, or raise 'limits: max_file_size:' (in bytes) in shingi.yml [file-too-large]",
            ])
        }
        XCTAssertEqual(try files(scratch), ["old/committee/shingi.yml"])
    }

    func testMissingTemplatesAndContentAreTolerated() async throws {
        let repository = try temporaryDirectory(self)
        try write(["shingi.yml": MiniSite.files["shingi.yml"]!, "notes.txt": "x\n"], to: repository)
        try runGit(["init", "-q", "-b", "main"], in: repository)
        try commitAll(in: repository, message: "first")
        let scratch = try temporaryDirectory(self)
        let loaded = try await RevisionReader(root: repository).load(.revision("HEAD"), name: "old", scratch: scratch)
        XCTAssertEqual(loaded.site.issues.count, 0)
        XCTAssertEqual(try files(scratch), ["old/shingi.yml"])
    }

    /// SIGINT while a revision is being exported (a `git` that pauses after `archive`):
    /// the command ends by that signal and its temporary folder is gone.
    func testAnInterruptedDiffRemovesItsTemporaryFolder() throws {
        try interrupt(with: SIGINT)
    }

    func testATerminatedDiffRemovesItsTemporaryFolder() throws {
        try interrupt(with: SIGTERM)
    }

    private func interrupt(with signalNumber: Int32) throws {
        let (_, root) = try repository([:])
        let bin = try temporaryDirectory(self)
        let realGit = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["sh", "-c", "command -v git"], environment: ["PATH": "/usr/bin:/bin"])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        let wrapper = bin.appendingPathComponent("git")
        try Data("#!/bin/sh\nfor a in \"$@\"; do [ \"$a\" = archive ] && { \(realGit) \"$@\"; touch \"$TMPDIR/exported\"; exec sleep 10; }; done\nexec \(realGit) \"$@\"\n".utf8)
            .write(to: wrapper)
        XCTAssertEqual(chmod(wrapper.path, 0o755), 0)
        let temporary = try temporaryDirectory(self)
        let process = Process()
        process.executableURL = try shingiBinary()
        process.arguments = ["diff", "--root", root.path, "HEAD"]
        process.environment = ["PATH": "\(bin.path):/usr/bin:/bin", "TMPDIR": temporary.path, "HOME": temporary.path,
                               "SHINGI_THEME": defaultTheme.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let exported = temporary.appendingPathComponent("exported")
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: exported.path) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let during = try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter { $0.hasPrefix("shingi-diff-") }
        XCTAssertEqual(during.count, 1, "the export did not start")
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(process.terminationStatus, signalNumber)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary.path), ["exported"])
    }
}
