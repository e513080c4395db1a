import Foundation
@testable import ShingiBuild
import ShingiCore
import ShingiLoad
@testable import ShingiRender
import ShingiWrite
import Synchronization
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

    func testAFirstBuildWritesEachFileAsItIsRenderedAndARebuildIntoTheKeptSiteWritesTheSameTree() async throws {
        let root = fixturesRoot.appendingPathComponent("sites/basic")
        let out = try temporaryDirectory(self).appendingPathComponent("site")
        let first = await build(root, out: out, write: true)
        XCTAssertFalse(first.diagnostics.hasErrors)
        // Written while rendering: the result holds no file's bytes.
        XCTAssertEqual(first.files, [])
        let streamed = try tree(out)
        XCTAssertGreaterThan(streamed.count, 30)
        XCTAssertEqual(Set(first.writtenPaths), Set(streamed.keys))
        XCTAssertEqual(first.pagesPerLanguage.values.reduce(0, +), streamed.keys.filter { $0.hasPrefix("ja/") || $0.hasPrefix("en/") }.filter { $0.hasSuffix(".html") }.count)
        _ = await build(root, out: out, write: true)
        // The third build writes into the site the second one replaced, once it is all rendered.
        let third = await build(root, out: out, write: true)
        XCTAssertEqual(third.writtenPaths, [])
        XCTAssertEqual(third.files.count, streamed.count)
        XCTAssertEqual(try tree(out), streamed)
    }

    func testARenderThatWritesAsItGoesKeepsTheSearchRecordsOutOfTheSite() async throws {
        let root = try MiniSite.make(self, ["shingi.yml": MiniSite.files["shingi.yml"]! + "\nsearch: true\n"])
        let preview = await SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme), cache: MarkdownCache())
            .rebuild(previous: nil, changedPaths: [])
        let renderer = SiteRenderer(site: try XCTUnwrap(preview.next?.result?.site), theme: try XCTUnwrap(preview.next?.good?.theme))
        let handed = Mutex<[String]>([])
        let rendered = await renderer.render(writingTo: { file in handed.withLock { $0.append(file.path) } })
        let paths = handed.withLock { $0 }
        XCTAssertEqual(Set(paths), Set(rendered.writtenPaths))
        XCTAssertTrue(paths.contains("ja/search/index.html"))
        XCTAssertFalse(paths.contains { $0.hasPrefix(SearchRecords.folder + "/") })
        XCTAssertFalse(rendered.searchRecords.isEmpty)
        XCTAssertEqual(rendered.files, [])
    }

    func testAPageOverTheSizeLimitLeavesNoHalfWrittenSiteAndKeepsThePreviousOnes() async throws {
        let root = try MiniSite.make(self)
        let out = root.appendingPathComponent("site")
        let tooSmall = ["shingi.yml": MiniSite.files["shingi.yml"]! + "\nlimits:\n  max_page_size: 3000\n"]
        func leftovers() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".site.") && !$0.hasSuffix(".manifest") && !$0.hasSuffix(".previous") }
        }
        // A first build, which writes each page as it is rendered.
        try write(tooSmall, to: root)
        let failed = await build(root, out: out, write: true)
        XCTAssertEqual(Set(failed.diagnostics.filter { $0.severity == .error }.map(\.code)), ["page-too-large"])
        XCTAssertTrue(failed.diagnostics.contains { $0.message.hasPrefix("the page ja/issues/1/index.html is ") && $0.location.path == "content/issues/1/index.ja.md" })
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        XCTAssertEqual(try leftovers(), [])
        // A rebuild, which writes into the kept previous site: both sites stay as they were.
        try write(["shingi.yml": MiniSite.files["shingi.yml"]!], to: root)
        for _ in 0..<3 {
            let good = await build(root, out: out, write: true)
            XCTAssertEqual(good.diagnostics, [])
        }
        let live = try tree(out), kept = try tree(root.appendingPathComponent(".site.previous"))
        XCTAssertFalse(kept.isEmpty)
        try write(tooSmall, to: root)
        let failedAgain = await build(root, out: out, write: true)
        XCTAssertTrue(failedAgain.diagnostics.hasErrors)
        XCTAssertEqual(try tree(out), live)
        XCTAssertEqual(try tree(root.appendingPathComponent(".site.previous")), kept)
        XCTAssertEqual(try leftovers(), [])
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
