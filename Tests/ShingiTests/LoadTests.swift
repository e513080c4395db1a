import ShingiCore
@testable import ShingiLoad
import ShingiBuild
import ShingiMarkdown
import XCTest

final class LoadTests: XCTestCase {
    func testFrontMatterSplitKeepsLineNumbers() throws {
        let split = try FrontMatterSplit.split(SourceText(path: "a.md", text: "---\ntitle: x\nid: 1\n---\nBody\n")).get()
        XCTAssertEqual(split.yaml, "title: x\nid: 1")
        XCTAssertEqual(split.yamlFirstLine, 2)
        XCTAssertEqual(split.body, "Body\n")
        XCTAssertEqual(split.bodyFirstLine, 5)
    }

    func testUnterminatedFrontMatter() {
        let result = FrontMatterSplit.split(SourceText(path: "a.md", text: "---\ntitle: x\n"))
        XCTAssertEqual(result.failureDescription, "a.md:1:1: error: the front matter is not closed; add a line '---' after the last field [unterminated-front-matter]")
    }

    func testDecodeStripsBOMAndFoldsCRLF() throws {
        let text = try SourceText.decode([0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc".utf8), path: "x").get()
        XCTAssertEqual(text.text, "a\nb\nc")
    }

    func testInvalidUTF8NamesTheByteOffsetAndPosition() {
        let result = SourceText.decode(Array("ok\n政".utf8) + [0xC3, 0x28], path: "x.md")
        XCTAssertEqual(result.failureDescription, "x.md:2:2: error: the file is not valid UTF-8 (byte offset 6); save it as UTF-8 [invalid-utf8]")
    }

    func testAliasScanFindsAnchorsAndAliasesOnly() {
        XCTAssertNil(YAMLAliasScan.firstAnchorOrAlias(in: "title: \"A & B\"\nnote: 50 * 2\nx: a&b"))
        XCTAssertNil(YAMLAliasScan.firstAnchorOrAlias(in: "text: |\n  &x is literal\n  *y too\nnext: 1"))
        XCTAssertNil(YAMLAliasScan.firstAnchorOrAlias(in: "a: 1 # &comment"))
        XCTAssertEqual(YAMLAliasScan.firstAnchorOrAlias(in: "a: &x 1\nb: *x").map { [$0.line, $0.column] }, [1, 4])
        XCTAssertEqual(YAMLAliasScan.firstAnchorOrAlias(in: "list:\n  - *x").map { [$0.line, $0.column] }, [2, 5])
        XCTAssertEqual(YAMLAliasScan.firstAnchorOrAlias(in: "f: [a, *x]").map { [$0.line, $0.column] }, [1, 8])
    }

    func testURLPolicy() {
        for good in ["https://example.org/a", "http://x", "mailto:a@b", "../pages/x/", "#top", "/ja/", "a/b:c", "foo):", "2021-06-02T10:00.html", "_x:y", "a b:c"] {
            XCTAssertTrue(URLPolicy.isAllowed(good), good)
        }
        for bad in ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:x", "\u{1}javascript:x", "data:text/html,x", "vbscript:x", "file:///etc/passwd", "ftp://x", "a+b.c-d:x"] {
            XCTAssertFalse(URLPolicy.isAllowed(bad), bad)
        }
    }

    func testIdentifiersAreURLSafe() {
        XCTAssertTrue(Identifier.isValid("3-2-shimomura_a.1"))
        for bad in ["", "..", "a/b", "a b", "政策", "a%2f"] { XCTAssertFalse(Identifier.isValid(bad), bad) }
    }

    func testLoaderPairsNothingAndKeepsPositions() async throws {
        let root = try MiniSite.make(self)
        let site = await ContentLoader(root: root).load()
        XCTAssertEqual(site.diagnostics, [])
        XCTAssertEqual(site.issues.map(\.source.path).sorted(), ["content/issues/1/index.en.md", "content/issues/1/index.ja.md"])
        let ja = site.issues.first { $0.source.language == .ja }!
        XCTAssertEqual(ja.id.location, SourceLocation(path: "content/issues/1/index.ja.md", line: 2, column: 5))
        XCTAssertEqual(ja.source.location(of: ja.source.fragment.crossLinks[0].position),
                       SourceLocation(path: "content/issues/1/index.ja.md", line: 10, column: 3))
        XCTAssertEqual(site.members.map(\.id), ["goto", "nakanishi"])
        XCTAssertEqual(site.meetings.first?.date, ISODate("2021-01-21"))
        XCTAssertEqual(site.references.first?.number, 1)
    }

    func testWithoutAShortTitleTheTitleIsUsed() throws {
        let root = try temporaryDirectory(self)
        try write(["shingi.yml": "title: {ja: \"専門調査会\", en: \"Expert Panel\"}\n"], to: root)
        var diagnostics: [Diagnostic] = []
        let config = DataFileLoader.loadConfig(root: root, diagnostics: &diagnostics)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(config.shortTitle[.ja], "専門調査会")
        XCTAssertEqual(config.shortTitle[.en], "Expert Panel")
    }

    func testMarkdownCacheReusesFragments() {
        let cache = MarkdownCache()
        let a = cache.fragment(for: "# A\n", using: InProcessMarkdownParser())
        _ = cache.fragment(for: "# A\n", using: InProcessMarkdownParser())
        _ = cache.fragment(for: "# B\n", using: InProcessMarkdownParser())
        XCTAssertEqual(cache.count, 2)
        XCTAssertEqual(a.headings.first?.id, "a")
        cache.retainOnly(["# B\n"])
        XCTAssertEqual(cache.count, 1)
    }
}

extension Result where Failure == Diagnostic {
    var failureDescription: String? {
        if case .failure(let diagnostic) = self { return diagnostic.description }
        return nil
    }
}

final class MarkdownCachePruningTests: XCTestCase {
    func testARebuildDropsBodiesThatNoLongerExist() async throws {
        let root = try MiniSite.make(self)
        let cache = MarkdownCache()
        let builder = SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme), cache: cache)
        _ = await builder.render(pages: false)
        XCTAssertEqual(cache.count, 4)
        try write(["content/comments/14/c1.ja.md": MiniSite.files["content/comments/14/c1.ja.md"]! + "追記。\n"], to: root)
        _ = await builder.render(pages: false)
        XCTAssertEqual(cache.count, 4)
    }
}
