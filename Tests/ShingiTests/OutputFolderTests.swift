import Foundation
import ShingiCore
import ShingiWrite
import XCTest

/// The output folder holds the site and whatever else its owner keeps there: shingi
/// replaces or removes only the files it wrote (the manifest beside the folder), and its
/// own bookkeeping never lands inside (an `rsync -a --delete site/` would publish it).
final class OutputFolderTests: XCTestCase {
    private func files(_ texts: [String: String]) -> [OutputFile] {
        texts.keys.sorted().map { OutputFile(path: $0, text: texts[$0]!) }
    }

    private func texts(_ root: URL) throws -> [String: String] {
        try tree(root).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// What the owner keeps: a gh-pages checkout's .git, a security.txt, a CNAME, a file
    /// inside a folder of the site, and a folder the site never had.
    private let kept = [".git/HEAD": "ref: refs/heads/gh-pages\n", ".git/objects/ab/cdef": "blob", ".well-known/security.txt": "Contact: mailto:x@example.go.jp\n",
                        "CNAME": "example.go.jp\n", ".nojekyll": "", "ja/custom.html": "owner's page", "downloads/paper.pdf": "%PDF"]

    func testWhatShingiDidNotWriteStaysInPlaceAcrossBuilds() async throws {
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("site")
        let writer = OutputWriter(output: out)
        try await writer.write(files(["index.html": "1", "ja/index.html": "1", "ja/old/index.html": "1"]))
        try write(kept, to: out)
        var site = ["index.html": "1", "ja/index.html": "1"]
        for build in 2...5 {
            site = ["index.html": "\(build)", "ja/index.html": build % 2 == 0 ? "even" : "odd", "en/index.html": "\(build)"]
            try await writer.write(files(site))
            XCTAssertEqual(try texts(out), site.merging(kept) { a, _ in a }, "build \(build)")
        }
        // The kept previous site holds only what shingi wrote.
        let previous = try texts(dir.appendingPathComponent(".site.previous"))
        XCTAssertTrue(kept.keys.allSatisfy { previous[$0] == nil }, "\(previous.keys.sorted())")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), [".site.manifest", ".site.previous", "site"])
    }

    func testTheOutputFolderHoldsNoBookkeeping() async throws {
        let root = try MiniSite.make(self)
        let out = root.appendingPathComponent("site")
        _ = await build(root, out: out, write: true)
        _ = await build(root, out: out, write: true)
        let hidden = try tree(out).keys.filter { $0.split(separator: "/").contains { $0.hasPrefix(".") } }
        XCTAssertEqual(hidden, [])
    }

    func testAFolderOfOnlyDotEntriesIsNotOurs() async throws {
        let home = try temporaryDirectory(self).appendingPathComponent("home")
        try write([".ssh/id_ed25519": "PRIVATE", ".profile": "x"], to: home)
        do {
            try await OutputWriter(output: home).write(files(["index.html": "1"]))
            XCTFail("expected a refusal")
        } catch {
            XCTAssertTrue("\(error)".hasSuffix("home exists and was not written by shingi; choose another --out, or build into a new folder and move what you keep there (.git, CNAME…) into it: shingi keeps files it did not write"), "\(error)")
        }
        XCTAssertEqual(try texts(home), [".ssh/id_ed25519": "PRIVATE", ".profile": "x"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home.deletingLastPathComponent().path), ["home"])
    }

    func testAFileShingiDidNotWriteIsNeverReplaced() async throws {
        let out = try temporaryDirectory(self).appendingPathComponent("site")
        let writer = OutputWriter(output: out)
        try await writer.write(files(["index.html": "1"]))
        try write(["about/index.html": "owner's about page"], to: out)
        do {
            try await writer.write(files(["index.html": "2", "about/index.html": "shingi's"]))
            XCTFail("expected a refusal")
        } catch {
            XCTAssertEqual("\(error)", "\(out.path)/about was not written by shingi, and the new site has a page or folder there; move it away (shingi never replaces what it did not write)")
        }
        XCTAssertEqual(try texts(out), ["index.html": "1", "about/index.html": "owner's about page"])
    }

    func testARollbackByMoveAndACopiedProjectStayOurs() async throws {
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("site")
        let writer = OutputWriter(output: out)
        try await writer.write(files(["index.html": "1", "one.html": "1"]))
        try await writer.write(files(["index.html": "2", "two.html": "2"]))
        // One-step rollback: the kept site becomes the live one.
        try FileManager.default.removeItem(at: out)
        try FileManager.default.moveItem(at: dir.appendingPathComponent(".site.previous"), to: out)
        try await writer.write(files(["index.html": "3"]))
        XCTAssertEqual(try texts(out), ["index.html": "3"], "one.html was shingi's and goes")
        // The whole project copied elsewhere (new inodes): still recognised.
        let copy = try temporaryDirectory(self).appendingPathComponent("project")
        try FileManager.default.copyItem(at: dir, to: copy)
        try write(["CNAME": "example.go.jp\n"], to: copy.appendingPathComponent("site"))
        try await OutputWriter(output: copy.appendingPathComponent("site")).write(files(["index.html": "4"]))
        XCTAssertEqual(try texts(copy.appendingPathComponent("site")), ["index.html": "4", "CNAME": "example.go.jp\n"])
    }
}
