import Foundation
import ShingiCore
import ShingiWrite
import XCTest

/// The site a build replaces is kept as `.<output>.previous` and is the folder the next
/// build writes into (`OutputWriter.prepare`): reuse must never change what either the
/// new site or the live one contains, nor follow anything planted in the kept tree.
final class PreviousSiteTests: XCTestCase {
    private func texts(_ root: URL) throws -> [String: String] {
        try tree(root).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    private func files(_ texts: [String: String]) -> [OutputFile] {
        texts.keys.sorted().map { OutputFile(path: $0, text: texts[$0]!) }
    }

    /// Every path below `root` (folders too, names as read from the folder, a name that
    /// is not UTF-8 with U+FFFD), without following links.
    private func entries(_ root: URL) -> Set<String> {
        var result = Set<String>()
        func names(_ path: String) -> [String] {
            guard let dir = opendir(path) else { return [] }
            defer { closedir(dir) }
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != "." && name != ".." { names.append(name) }
            }
            return names
        }
        func walk(_ relative: String) {
            let path = relative.isEmpty ? root.path : root.path + "/" + relative
            for name in names(path) {
                let child = relative.isEmpty ? name : relative + "/" + name
                result.insert(child)
                var info = stat()
                if lstat(root.path + "/" + child, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { walk(child) }
            }
        }
        walk("")
        return result
    }

    func testTheReplacedSiteIsKeptAndTheNextBuildWritesIntoItExactly() async throws {
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("site")
        let previous = dir.appendingPathComponent(".site.previous")
        let writer = OutputWriter(output: out)
        let v1 = ["a/index.html": "a1", "gone/deep/index.html": "g1", "index.html": "i1", "x.html": "x1"]
        let v2 = ["a/index.html": "a1", "b/index.html": "b2", "index.html": "i2"]
        let v3 = ["a/index.html": "a3", "b/c/index.html": "c3", "x.html/index.html": "now a folder"]
        try await writer.write(files(v1))
        XCTAssertFalse(FileManager.default.fileExists(atPath: previous.path), "a first build has nothing to keep")
        try await writer.write(files(v2))
        XCTAssertEqual(try texts(out), v2)
        XCTAssertEqual(try texts(previous), v1)
        // The third build writes into the kept first site: none of v1's files or folders survive.
        try await writer.write(files(v3))
        XCTAssertEqual(try texts(out), v3)
        XCTAssertEqual(entries(out), ["a", "a/index.html", "b", "b/c", "b/c/index.html", "x.html", "x.html/index.html"])
        XCTAssertEqual(try texts(previous), v2)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), [".site.manifest", ".site.previous", "site"])
    }

    func testAFileSharedWithTheLiveSiteIsReplacedNotWrittenInto() async throws {
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("site")
        let writer = OutputWriter(output: out)
        // Unchanged from the first build to the second: both trees hold one inode.
        try await writer.write(files(["a/index.html": "same"]))
        try await writer.write(files(["a/index.html": "same"]))
        let link = { (url: URL) throws -> Int in
            (try FileManager.default.attributesOfItem(atPath: url.appendingPathComponent("a/index.html").path)[.referenceCount] as? Int) ?? 0
        }
        XCTAssertEqual(try link(out), 2)
        // The third build writes into the kept tree; the live site must keep its bytes
        // until the swap, and the site it replaces is kept intact.
        try await writer.write(files(["a/index.html": "changed"]))
        XCTAssertEqual(try texts(out), ["a/index.html": "changed"])
        XCTAssertEqual(try texts(dir.appendingPathComponent(".site.previous")), ["a/index.html": "same"])
    }

    func testLinksPlantedInTheKeptSiteAreRemovedNeverFollowed() async throws {
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("site")
        let previous = dir.appendingPathComponent(".site.previous")
        let outside = dir.appendingPathComponent("outside")
        try write(["keep.txt": "outside the site"], to: outside)
        let writer = OutputWriter(output: out)
        try await writer.write(files(["a/index.html": "1", "b/index.html": "1"]))
        try await writer.write(files(["a/index.html": "2", "b/index.html": "2"]))
        // A folder the next build needs, a folder it does not, and a file: all links to outside.
        let fm = FileManager.default
        try fm.removeItem(at: previous.appendingPathComponent("a"))
        try fm.createSymbolicLink(atPath: previous.appendingPathComponent("a").path, withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: previous.appendingPathComponent("elsewhere").path, withDestinationPath: outside.path)
        try fm.removeItem(at: previous.appendingPathComponent("b/index.html"))
        try fm.createSymbolicLink(atPath: previous.appendingPathComponent("b/index.html").path, withDestinationPath: outside.appendingPathComponent("keep.txt").path)
        // A file and a folder whose names are not UTF-8 must go too, or they would be published.
        for (name, isFolder) in [([0x62, 0x2F, 0xFF, 0x2E, 0x68, 0x74, 0x6D, 0x6C], false), ([0xFE, 0x78], true)] as [([UInt8], Bool)] {
            let path = Array(previous.path.utf8) + [0x2F] + name + [0]
            path.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { raw in
                    if isFolder { XCTAssertEqual(mkdir(raw.baseAddress!, 0o755), 0) } else {
                        let fd = open(raw.baseAddress!, O_WRONLY | O_CREAT, 0o644)
                        XCTAssertGreaterThanOrEqual(fd, 0)
                        close(fd)
                    }
                }
            }
        }
        try await writer.write(files(["a/index.html": "3", "b/index.html": "3"]))
        XCTAssertEqual(try texts(out), ["a/index.html": "3", "b/index.html": "3"])
        XCTAssertEqual(entries(out), ["a", "a/index.html", "b", "b/index.html"])
        XCTAssertEqual(try texts(outside), ["keep.txt": "outside the site"])
        let type = try fm.attributesOfItem(atPath: out.appendingPathComponent("a").path)[.type] as? FileAttributeType
        XCTAssertEqual(type, .typeDirectory)
    }

    func testAFolderThatIsNotOursIsNeverReusedNorDeleted() async throws {
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("site")
        let previous = dir.appendingPathComponent(".site.previous")
        try write(["notes.txt": "mine"], to: previous)
        let writer = OutputWriter(output: out)
        try await writer.write(files(["index.html": "1"]))
        try await writer.write(files(["index.html": "2"]))
        try await writer.write(files(["index.html": "3"]))
        XCTAssertEqual(try texts(out), ["index.html": "3"])
        XCTAssertEqual(try texts(previous), ["notes.txt": "mine"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), [".site.manifest", ".site.previous", "site"])
    }
}
