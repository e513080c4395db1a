import Foundation
import ShingiBuild
import ShingiCore
import ShingiLoad
import XCTest

/// `search:` in shingi.yml: the search page and markup, the records of the comments, and
/// Pagefind's index written with the site (or one line saying it was skipped).
final class SearchTests: XCTestCase {
    private static let searchOn = MiniSite.files["shingi.yml"]! + "\nsearch: true\n"

    /// The Pagefind that scripts/bootstrap installs into the repository; tests that need
    /// it are skipped without it (CI runs bootstrap first).
    private func pagefind() throws -> SearchIndexer {
        let found = SearchIndexer.locate(root: repositoryRoot, environment: ["PATH": ""])
        return try XCTUnwrap(found, "Pagefind is not installed in .venv-search/; run scripts/bootstrap")
    }

    func testSearchIsTrueOrFalseAndOffByDefault() throws {
        let off = try MiniSite.make(self)
        XCTAssertFalse(SiteConfig.load(root: off).config.search)
        let on = try MiniSite.make(self, ["shingi.yml": Self.searchOn])
        XCTAssertTrue(SiteConfig.load(root: on).config.search)
        let wrong = try MiniSite.make(self, ["shingi.yml": MiniSite.files["shingi.yml"]! + "\nsearch: yes\n"])
        let (config, diagnostics) = SiteConfig.load(root: wrong)
        XCTAssertFalse(config.search)
        XCTAssertEqual(diagnostics.map(\.description), ["shingi.yml:6:9: error: 'search' in shingi.yml must be true or false [wrong-type]"])
    }

    func testWithSearchOffThereIsNoSearchPageFieldScriptOrRecord() async throws {
        let result = await build(try MiniSite.make(self))
        let paths = result.files.map(\.path)
        XCTAssertFalse(paths.contains("ja/search/index.html"))
        XCTAssertFalse(paths.contains("assets/search.js"))
        XCTAssertEqual(result.searchRecords, [])
        let issue = try XCTUnwrap(result.files.first { $0.path == "ja/issues/1/index.html" })
        XCTAssertFalse(String(decoding: issue.bytes, as: UTF8.self).contains("role=\"search\""))
    }

    func testWithSearchOnEachLanguageHasASearchPageAndEachCommentARecordLinkingToIt() async throws {
        let result = await build(try MiniSite.make(self, ["shingi.yml": Self.searchOn]))
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let page = { (path: String) in String(decoding: result.files.first { $0.path == path }?.bytes ?? [], as: UTF8.self) }
        XCTAssertTrue(page("ja/search/index.html").contains("検索にはJavaScriptが必要です。"))
        XCTAssertTrue(page("ja/search/index.html").contains("<a href=\"/ja/comments/\">委員コメント</a> · <a href=\"/ja/references/\">参考資料・出典</a>"))
        XCTAssertTrue(page("en/search/index.html").contains("Search needs JavaScript."))
        XCTAssertTrue(page("en/issues/1/index.html").contains("<form class=\"site-search\" role=\"search\" action=\"/en/search/\" method=\"get\">"))
        XCTAssertTrue(page("ja/issues/1/index.html").contains("data-pagefind-body data-pagefind-filter=\"kind:政策課題\""))
        XCTAssertTrue(page("ja/issues/1/index.html").contains("<aside class=\"section-aside\" data-pagefind-ignore>"))
        XCTAssertTrue(result.files.contains { $0.path == "assets/search.js" })
        XCTAssertEqual(result.searchRecords.map(\.path), ["_search-records/en/c1.html", "_search-records/ja/c1.html"])
        let record = String(decoding: result.searchRecords[1].bytes, as: UTF8.self)
        XCTAssertTrue(record.contains("<html lang=\"ja\">"))
        XCTAssertTrue(record.contains("<main data-pagefind-body data-pagefind-meta=\"url:/ja/issues/1/#comment-c1\">"))
        XCTAssertTrue(record.contains("<span data-pagefind-filter=\"kind\">委員コメント</span><span data-pagefind-filter=\"member\">中西委員</span><span data-pagefind-filter=\"meeting\">第14回会合</span><span data-pagefind-filter=\"issue\">政策課題１</span>"), record)
        XCTAssertTrue(record.contains("機能するようにすべき。"))
        // The records are for the index only: never among the site's files.
        XCTAssertFalse(result.files.contains { $0.path.hasPrefix("_search-records/") })
    }

    func testABuildWithoutPagefindSaysOnceHowToInstallItAndBuildsTheSite() throws {
        let root = try MiniSite.make(self, ["shingi.yml": Self.searchOn])
        let built = try runProcess(try shingiBinary(), ["build", "--root", root.path],
                                   environment: ["SHINGI_THEME": defaultTheme.path, "PATH": "/usr/bin:/bin", "SHINGI_PAGEFIND": ""])
        XCTAssertEqual(built.status, 0, built.err)
        XCTAssertEqual(built.err, SearchIndexer.notInstalledNote + "\n")
        XCTAssertTrue(built.out.hasPrefix("built 13 ja, 13 en pages into "), built.out)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("site/ja/search/index.html").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("site/pagefind").path))
    }

    func testAPagefindThatFailsFailsTheBuildAndWritesNothing() async throws {
        let root = try MiniSite.make(self, ["shingi.yml": Self.searchOn])
        let out = try temporaryDirectory(self).appendingPathComponent("site")
        var options = BuildOptions(root: root, output: out, defaultTheme: defaultTheme)
        options.searchIndexer = SearchIndexer(executable: URL(fileURLWithPath: "/bin/false"))
        let result = await SiteBuilder(options: options).run(write: true)
        XCTAssertEqual(result.diagnostics.map(\.description), ["shingi.yml:1:1: error: pagefind_extended failed (exit status 1) while indexing the site for search; nothing was written (set search: false in shingi.yml to build without the index) [search-index-failed]"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    func testTheIndexIsWrittenWithTheSiteAndARebuildIsByteIdentical() async throws {
        let indexer = try pagefind()
        let root = try MiniSite.make(self, ["shingi.yml": Self.searchOn])
        let out = try temporaryDirectory(self).appendingPathComponent("site")
        var options = BuildOptions(root: root, output: out, defaultTheme: defaultTheme)
        options.searchIndexer = indexer
        options.searchCache = try temporaryDirectory(self).appendingPathComponent("search-cache")
        let first = await SiteBuilder(options: options).run(write: true)
        XCTAssertEqual(first.diagnostics.map(\.description), [])
        let index = try XCTUnwrap(first.searchIndex)
        let written = try tree(out)
        XCTAssertNotNil(written["pagefind/pagefind.js"])
        XCTAssertEqual(written.keys.filter { $0.hasPrefix("pagefind/") }.count, index.files)
        XCTAssertFalse(written.keys.contains { $0.contains("_search-records") })
        // The manifest lists the index, so a build without it removes it.
        let manifest = try Data(contentsOf: out.deletingLastPathComponent().appendingPathComponent(".site.manifest"))
        XCTAssertNotNil(manifest.range(of: Data("pagefind/pagefind.js".utf8)))
        // Pagefind itself orders the values of its filter files differently from run to
        // run; with the cache a rebuild of the same pages keeps the index's bytes.
        _ = await SiteBuilder(options: options).run(write: true)
        XCTAssertEqual(try tree(out), written)
        var uncached = options
        uncached.searchCache = nil
        _ = await SiteBuilder(options: uncached).run(write: true)
        let fresh = try tree(out)
        XCTAssertEqual(fresh.filter { !$0.key.hasPrefix("pagefind/") }, written.filter { !$0.key.hasPrefix("pagefind/") })
        XCTAssertEqual(Set(fresh.keys.filter { $0.hasPrefix("pagefind/fragment/") || $0.hasPrefix("pagefind/index/") }),
                       Set(written.keys.filter { $0.hasPrefix("pagefind/fragment/") || $0.hasPrefix("pagefind/index/") }))
        // Apart from the index, the site is the one built without Pagefind.
        var without = options
        without.searchIndexer = nil
        let other = try temporaryDirectory(self).appendingPathComponent("site")
        without.output = other
        let skipped = await SiteBuilder(options: without).run(write: true)
        if skipped.searchNote != nil {
            XCTAssertEqual(try tree(other), written.filter { !$0.key.hasPrefix("pagefind/") })
        }
    }
}
