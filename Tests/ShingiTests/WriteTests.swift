import Foundation
import ShingiCore
import ShingiWrite
import XCTest

final class WriteTests: XCTestCase {
    func testAFailedBuildLeavesThePreviousSiteByteIdentical() async throws {
        let root = try MiniSite.make(self)
        let out = root.appendingPathComponent("site")
        let first = await build(root, out: out, write: true)
        XCTAssertEqual(first.diagnostics, [])
        let before = try tree(out)
        XCTAssertFalse(before.isEmpty)
        try write(["content/issues/1/index.ja.md": MiniSite.files["content/issues/1/index.ja.md"]! + "\n[[ref:missing]]\n"], to: root)
        let second = await build(root, out: out, write: true)
        XCTAssertTrue(second.diagnostics.hasErrors)
        XCTAssertEqual(try tree(out), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".site.") && $0 != ".site.manifest" }
        XCTAssertEqual(leftovers, [])
    }

    func testTwoBuildsAreByteIdentical() async throws {
        let root = fixturesRoot.appendingPathComponent("sites/basic")
        let dir = try temporaryDirectory(self)
        _ = await build(root, out: dir.appendingPathComponent("a"), write: true)
        _ = await build(root, out: dir.appendingPathComponent("b"), write: true)
        let a = try tree(dir.appendingPathComponent("a"))
        XCTAssertGreaterThan(a.count, 30)
        XCTAssertEqual(a, try tree(dir.appendingPathComponent("b")))
    }

    func testARebuildReplacesStaleFilesAndKeepsDotfiles() async throws {
        let root = try MiniSite.make(self)
        let out = root.appendingPathComponent("site")
        try write([".gitkeep": "", "stale.html": "old"], to: out)
        try write([".shingi-build": "x"], to: out)  // as shingi wrote before the manifest
        let result = await build(root, out: out, write: true)
        XCTAssertEqual(result.diagnostics, [])
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        XCTAssertTrue(names.contains(".gitkeep"))
        XCTAssertFalse(names.contains("stale.html"))
    }

    func testRefusesToReplaceAFolderShingiDidNotWrite() async throws {
        let root = try MiniSite.make(self)
        let result = await build(root, out: root.appendingPathComponent("content"), write: true)
        XCTAssertEqual(result.diagnostics.map(\.code), ["write-failed"])
        XCTAssertTrue(result.diagnostics[0].message.hasSuffix("content exists and was not written by shingi; choose another --out, or build into a new folder and move what you keep there (.git, CNAME…) into it: shingi keeps files it did not write"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("content/members.yml").path))
    }

    func testOutputPathsCannotLeaveTheOutputFolder() async throws {
        for bad in ["../x.html", "/etc/x", "a/../../x", "a\\..\\x", "a//b", "./x", "a/\u{0}"] {
            XCTAssertFalse(OutputWriter.isContained(bad), bad)
        }
        XCTAssertTrue(OutputWriter.isContained("ja/issues/1/index.html"))
        let out = try temporaryDirectory(self).appendingPathComponent("site")
        do {
            try await OutputWriter(output: out).write([OutputFile(path: "../escape.html", text: "x")])
            XCTFail("expected a refusal")
        } catch {
            XCTAssertEqual("\(error)", "refusing to write '../escape.html': it would land outside the output folder")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.deletingLastPathComponent().appendingPathComponent("escape.html").path))
    }

    func testARebuildLinksUnchangedFilesAndWritesChangedOnes() async throws {
        let out = try temporaryDirectory(self).appendingPathComponent("site")
        let writer = OutputWriter(output: out)
        try await writer.write([OutputFile(path: "a/index.html", text: "same"), OutputFile(path: "b/index.html", text: "old"),
                                OutputFile(path: "c.html", text: "old")])
        let inode = { (path: String) throws -> Int in
            (try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(path).path)[.systemFileNumber] as? Int) ?? -1
        }
        let before = try ["a/index.html", "b/index.html"].map(inode)
        // A symbolic link planted in the old tree is never read through nor kept.
        try FileManager.default.removeItem(at: out.appendingPathComponent("c.html"))
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("c.html").path, withDestinationPath: "/etc/hostname")
        try await writer.write([OutputFile(path: "a/index.html", text: "same"), OutputFile(path: "b/index.html", text: "new"),
                                OutputFile(path: "c.html", text: "old")])
        XCTAssertEqual(try inode("a/index.html"), before[0])
        XCTAssertNotEqual(try inode("b/index.html"), before[1])
        XCTAssertEqual(try tree(out).mapValues { String(decoding: $0, as: UTF8.self) },
                       ["a/index.html": "same", "b/index.html": "new", "c.html": "old"])
        let attributes = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("c.html").path)
        XCTAssertEqual(attributes[.type] as? FileAttributeType, .typeRegular)
    }
}
