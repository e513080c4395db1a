import Foundation
import ShingiBuild
import ShingiCore
import ShingiLoad
import ShingiMarkdown
import Synchronization
import XCTest

/// The parsed Markdown kept between builds (`FragmentStore`, `BuildOptions.fragmentCache`):
/// a build parses only the bodies that changed, and the cache never changes the output.
final class FragmentCacheTests: XCTestCase {
    /// Parses in-process and counts the bodies it was asked for.
    final class CountingParser: MarkdownParsing {
        let parsed = Mutex<[String]>([])
        let failing: String?

        init(failing: String? = nil) { self.failing = failing }

        func parse(_ markdown: String) -> RenderedFragment {
            parsed.withLock { $0.append(markdown) }
            if let failing, markdown.contains(failing) { return .parserFailed(.timeout) }
            return MarkdownRenderer.render(markdown)
        }

        var count: Int { parsed.withLock { $0.count } }
    }

    private func options(_ root: URL, out: URL, cache: URL?, parser: any MarkdownParsing) -> BuildOptions {
        var options = BuildOptions(root: root, output: out, defaultTheme: defaultTheme)
        options.fragmentCache = cache
        options.markdownParser = parser
        return options
    }

    private func site() throws -> (root: URL, work: URL) {
        let work = try temporaryDirectory(self)
        let root = work.appendingPathComponent("root")
        try FileManager.default.copyItem(at: fixturesRoot.appendingPathComponent("sites/basic"), to: root)
        return (root, work)
    }

    /// The Markdown texts of the site: each file's body and each comment's `response:`.
    private func markdownCount(_ root: URL) -> Int {
        let content = root.appendingPathComponent("content")
        let files = FileManager.default.enumerator(atPath: content.path)!.allObjects.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }
        let responses = files.filter { path in
            ((try? String(contentsOf: content.appendingPathComponent(path), encoding: .utf8)) ?? "").contains("\nresponse:")
        }
        return files.count + responses.count
    }

    /// Builds `root` and returns the written tree.
    private func built(_ root: URL, _ out: URL, cache: URL?, parser: any MarkdownParsing) async throws -> [String: Data] {
        let result = await SiteBuilder(options: options(root, out: out, cache: cache, parser: parser)).run(write: true)
        XCTAssertFalse(result.diagnostics.hasErrors, "\(result.diagnostics)")
        return try tree(out)
    }

    func testASecondBuildParsesNothingAndWritesTheSameSite() async throws {
        let (root, work) = try site()
        let cache = work.appendingPathComponent("cache/fragments")
        let reference = try await built(root, work.appendingPathComponent("reference"), cache: nil, parser: InProcessMarkdownParser())

        let first = CountingParser()
        let cold = try await built(root, work.appendingPathComponent("a"), cache: cache, parser: first)
        XCTAssertEqual(first.count, markdownCount(root))
        XCTAssertTrue(FileManager.default.fileExists(atPath: cache.path))

        let second = CountingParser()
        let warm = try await built(root, work.appendingPathComponent("b"), cache: cache, parser: second)
        XCTAssertEqual(second.count, 0)
        XCTAssertEqual(cold, reference)
        XCTAssertEqual(warm, reference)
    }

    func testOnlyTheChangedBodyIsParsedAgain() async throws {
        let (root, work) = try site()
        let cache = work.appendingPathComponent("cache/fragments")
        _ = try await built(root, work.appendingPathComponent("a"), cache: cache, parser: InProcessMarkdownParser())
        let path = root.appendingPathComponent("content/issues/1/index.en.md")
        let text = try String(contentsOf: path, encoding: .utf8) + "\nA sentence added after the last build.\n"
        try Data(text.utf8).write(to: path)

        let parser = CountingParser()
        let warm = try await built(root, work.appendingPathComponent("b"), cache: cache, parser: parser)
        XCTAssertEqual(parser.count, 1)
        XCTAssertTrue(parser.parsed.withLock { $0 }.first?.hasSuffix("A sentence added after the last build.\n") ?? false)
        let fresh = try await built(root, work.appendingPathComponent("c"), cache: nil, parser: InProcessMarkdownParser())
        XCTAssertEqual(warm, fresh)
        // The cache now holds the edited body, not the old one.
        let again = CountingParser()
        _ = try await built(root, work.appendingPathComponent("d"), cache: cache, parser: again)
        XCTAssertEqual(again.count, 0)
    }

    func testADamagedOrForeignCacheFileIsIgnored() async throws {
        let (root, work) = try site()
        let cache = work.appendingPathComponent("cache/fragments")
        let reference = try await built(root, work.appendingPathComponent("reference"), cache: nil, parser: InProcessMarkdownParser())
        _ = try await built(root, work.appendingPathComponent("a"), cache: cache, parser: InProcessMarkdownParser())
        let good = try Data(contentsOf: cache)
        var flipped = [UInt8](good)
        // One bit in the middle of the file, inside some page's HTML: the entry still
        // decodes, but the file's checksum no longer matches.
        flipped[flipped.count / 2] ^= 0x01
        let damaged: [(String, Data)] = [
            ("truncated", good.prefix(good.count / 2)),
            ("extended", good + Data([0])),
            ("one bit flipped", Data(flipped)),
            ("another version", Data(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "cmark-gfm ", with: "cmark-gfm 9").utf8)),
            ("not a cache", Data("hello".utf8)),
            ("empty", Data()),
        ]
        for (name, bytes) in damaged {
            try bytes.write(to: cache)
            let parser = CountingParser()
            let result = try await built(root, work.appendingPathComponent("out-\(name)"), cache: cache, parser: parser)
            XCTAssertEqual(result, reference, name)
            // Any damage and the file is not trusted as a whole.
            XCTAssertEqual(parser.count, markdownCount(root), name)
        }
    }

    func testAParserFailureIsNotKeptForTheNextBuild() async throws {
        let (root, work) = try site()
        let cache = work.appendingPathComponent("cache/fragments")
        let path = root.appendingPathComponent("content/issues/1/index.en.md")
        let text = try String(contentsOf: path, encoding: .utf8) + "\nslow-to-parse marker\n"
        try Data(text.utf8).write(to: path)
        let failing = CountingParser(failing: "slow-to-parse marker")
        let result = await SiteBuilder(options: options(root, out: work.appendingPathComponent("a"), cache: cache, parser: failing)).run(write: true)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.code), ["markdown-parser-failed"])

        let retry = CountingParser()
        _ = try await built(root, work.appendingPathComponent("b"), cache: cache, parser: retry)
        XCTAssertEqual(retry.count, 1, "only the file the parser failed on is parsed again")
    }

    func testTheStoreRoundTripsFragmentsExactly() async throws {
        let work = try temporaryDirectory(self)
        let file = work.appendingPathComponent("fragments")
        let bodies = ["# 見出し {#a}\n\n本文 [[ref:x]] と **強調**。\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "", "plain\u{0}text"]
        let entries = bodies.map { (markdown: $0, fragment: MarkdownRenderer.render($0)) }
        try await FragmentStore.write(entries, to: file, stamp: "test 1")
        let read = await FragmentStore.read(file, stamp: "test 1")
        XCTAssertEqual(read.count, bodies.count)
        let byBody = Dictionary(uniqueKeysWithValues: read.map { (Array($0.markdown.utf8), $0.fragment) })
        for entry in entries { XCTAssertEqual(byBody[Array(entry.markdown.utf8)], entry.fragment) }
        let other = await FragmentStore.read(file, stamp: "test 2")
        XCTAssertTrue(other.isEmpty)
        // Written twice, the file is byte-identical (entries in a fixed order).
        let bytes = try Data(contentsOf: file)
        try await FragmentStore.write(entries.reversed(), to: file, stamp: "test 1")
        XCTAssertEqual(try Data(contentsOf: file), bytes)
    }

    func testThePreviewsFirstBuildReadsTheCacheAndLaterRebuildsKeepItInMemory() async throws {
        let (root, work) = try site()
        let cache = work.appendingPathComponent("cache/fragments")
        _ = try await built(root, work.appendingPathComponent("a"), cache: cache, parser: InProcessMarkdownParser())
        let parser = CountingParser()
        // As `serve` makes it: a long-lived in-memory cache, seeded from the file.
        let builder = SiteBuilder(options: options(root, out: work.appendingPathComponent("unused"), cache: cache, parser: parser),
                                  cache: MarkdownCache())
        let first = await builder.rebuild(previous: nil, changedPaths: [])
        XCTAssertFalse(first.result.diagnostics.hasErrors)
        XCTAssertEqual(parser.count, 0)
        let path = root.appendingPathComponent("content/issues/1/index.ja.md")
        try Data((try String(contentsOf: path, encoding: .utf8) + "\n追記。\n").utf8).write(to: path)
        let second = await builder.rebuild(previous: first.next, changedPaths: ["content/issues/1/index.ja.md"])
        XCTAssertFalse(second.result.diagnostics.hasErrors)
        XCTAssertEqual(parser.count, 1)
    }

    func testBodiesThatDifferOnlyInNormalisationAreCachedApart() {
        // Equal as Swift Strings (canonically equivalent), different bytes for cmark-gfm.
        let composed = "caf\u{E9}\n", decomposed = "cafe\u{301}\n"
        XCTAssertEqual(composed, decomposed)
        let cache = MarkdownCache()
        let parser = CountingParser()
        let first = cache.fragment(for: composed, using: parser)
        let second = cache.fragment(for: decomposed, using: parser)
        XCTAssertEqual(parser.count, 2)
        XCTAssertEqual(Array(first.html.utf8), Array("<p>caf\u{E9}</p>\n".utf8))
        XCTAssertEqual(Array(second.html.utf8), Array("<p>cafe\u{301}</p>\n".utf8))
        XCTAssertEqual(Array(cache.fragment(for: decomposed, using: parser).html.utf8), Array(second.html.utf8))
        XCTAssertEqual(parser.count, 2)
    }

    func testACacheFileWrittenPieceByPieceIsReadBackWhole() async throws {
        let folder = try temporaryDirectory(self)
        let url = folder.appendingPathComponent("cache")
        let magic = Array("test cache\n".utf8)
        // Two and a half checksum blocks, in pieces that straddle the blocks' edges.
        let body = (0..<(5 << 19)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 11) }
        let writer = try CacheFile.Writer(url, magic: magic, stamp: "s")
        var start = 0
        for size in [1, 1_000_003, 7, 1 << 20, 999_999] {
            writer.append(body[start..<min(start + size, body.count)])
            start = min(start + size, body.count)
        }
        writer.append(body[start...])
        XCTAssertEqual(writer.size, body.count)
        try writer.finish()
        let read = await CacheFile.read(url, magic: magic, stamp: "s", maxSize: 1 << 30)
        XCTAssertEqual(read.map { Array($0.bytes[$0.body]) }, body)
        // A writer let go before it finished leaves the file as it was, and no temporary file.
        do {
            let abandoned = try CacheFile.Writer(url, magic: magic, stamp: "s")
            abandoned.append([1, 2, 3])
        }
        let again = await CacheFile.read(url, magic: magic, stamp: "s", maxSize: 1 << 30)
        XCTAssertEqual(again.map { Array($0.bytes[$0.body]) }, body)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["cache"])
    }

    func testEachSiteRootHasItsOwnCacheFile() {
        let directory = URL(fileURLWithPath: "/cache/shingi")
        let a = FragmentStore.file(root: URL(fileURLWithPath: "/sites/a"), in: directory)
        XCTAssertEqual(a, FragmentStore.file(root: URL(fileURLWithPath: "/sites/x/../a/"), in: directory))
        XCTAssertNotEqual(a, FragmentStore.file(root: URL(fileURLWithPath: "/sites/b"), in: directory))
        XCTAssertEqual(a.deletingLastPathComponent().path, "/cache/shingi")
    }
}
