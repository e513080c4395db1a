import Foundation
import ShingiBuild
import ShingiCore
import XCTest

@testable import ShingiRender

/// What a build keeps of the previous one besides the parsed Markdown: the keys of its
/// pages (`PageCache`, the pages themselves are the previous site) and the comments it
/// rendered (`CommentCache`). Whatever the caches hold, the output is the output of a
/// build without them.
final class PageCacheTests: XCTestCase {
    private struct Site {
        var root: URL
        var work: URL
        var out: URL { work.appendingPathComponent("site") }
        var cache: URL { work.appendingPathComponent("cache") }
    }

    private func site() throws -> Site {
        let work = try temporaryDirectory(self)
        let root = work.appendingPathComponent("root")
        try FileManager.default.copyItem(at: fixturesRoot.appendingPathComponent("sites/basic"), to: root)
        return Site(root: root, work: work)
    }

    private func options(_ site: Site, out: URL? = nil, caches: Bool = true) -> BuildOptions {
        let out = out ?? site.out
        var options = BuildOptions(root: site.root, output: out, defaultTheme: defaultTheme)
        if caches {
            options.pageCache = PageCache.file(output: out, in: site.cache)
            options.commentCache = CommentCache.file(root: site.root, in: site.cache)
        }
        return options
    }

    @discardableResult
    private func build(_ site: Site, out: URL? = nil, caches: Bool = true, theme: URL? = nil) async throws -> BuildResult {
        var options = options(site, out: out, caches: caches)
        if let theme { options.defaultTheme = theme }
        let result = await SiteBuilder(options: options).run(write: true)
        XCTAssertFalse(result.diagnostics.hasErrors, "\(result.diagnostics)")
        return result
    }

    /// The site as a build without any cache writes it.
    private func fresh(_ site: Site, theme: URL? = nil) async throws -> [String: Data] {
        let out = site.work.appendingPathComponent("fresh-\(UUID().uuidString)")
        try await build(site, out: out, caches: false, theme: theme)
        return try tree(out)
    }

    private func pageCount(_ result: BuildResult) -> Int { result.pagesPerLanguage.values.reduce(0, +) }

    func testASecondBuildTakesEveryLanguagePageFromTheFirst() async throws {
        let site = try site()
        let first = try await build(site)
        XCTAssertEqual(first.reusedPages, 0)
        XCTAssertGreaterThan(first.renderedComments, 0)
        let second = try await build(site)
        // The file of every page job: the pages, feeds, CSV files and sitemap.
        XCTAssertEqual(second.reusedPages, second.pageReads.count)
        XCTAssertGreaterThan(second.pageReads.count, pageCount(second))
        XCTAssertEqual(second.renderedComments, 0)
        let expected = try await fresh(site)
        XCTAssertEqual(try tree(site.out), expected)
    }

    func testAnEditedCommentRendersOnlyThePagesThatShowIt() async throws {
        let site = try site()
        let before = try await build(site)
        try edit(site.root.appendingPathComponent("content/comments/14/c-nakanishi.en.md")) {
            $0.replacingOccurrences(of: "made to function", with: "made to work at once")
        }

        let result = try await build(site)
        // The edited comment only (in both languages: it is one job).
        XCTAssertEqual(result.renderedComments, 1)
        let rendered = Set(result.pageReads.keys).subtracting(result.keptPages.keys)
        XCTAssertEqual(Set(before.pageReads.keys), Set(result.pageReads.keys))
        XCTAssertEqual(result.reusedPages, result.pageReads.count - rendered.count)
        // Exactly the English files that show the comment's text; no Japanese one.
        XCTAssertEqual(rendered.sorted(), ["en/comments/index.html", "en/feed.xml", "en/issues/1/feed.xml", "en/issues/1/index.html",
                                           "en/meetings/14/index.html", "en/meetings/14/responses/index.html",
                                           "en/meetings/14/responses/responses.csv", "en/members/nakanishi/index.html",
                                           "en/responses/index.html", "en/responses/responses.csv"])
        let page = String(decoding: try tree(site.out)["en/issues/1/index.html"] ?? Data(), as: UTF8.self)
        XCTAssertTrue(page.contains("made to work at once"))
        let expected = try await fresh(site)
        XCTAssertEqual(try tree(site.out), expected)
    }

    /// The site and a copy of the default theme to edit, built once with both.
    private func builtWithOwnTheme() async throws -> (Site, URL) {
        let site = try site()
        let theme = site.work.appendingPathComponent("theme")
        try FileManager.default.copyItem(at: defaultTheme, to: theme)
        try await build(site, theme: theme)
        return (site, theme)
    }

    private func edit(_ file: URL, _ change: (String) throws -> String) throws {
        try Data(change(String(contentsOf: file, encoding: .utf8)).utf8).write(to: file)
    }

    func testATemplateChangeRendersEveryPage() async throws {
        let (site, theme) = try await builtWithOwnTheme()
        try edit(theme.appendingPathComponent("layout.mustache")) {
            $0.replacingOccurrences(of: "<footer class=\"site-footer\">", with: "<footer class=\"site-footer\" data-edited>")
        }

        let result = try await build(site, theme: theme)
        XCTAssertEqual(result.reusedPages, 0)
        let page = try XCTUnwrap(String(data: tree(site.out)["ja/index.html"] ?? Data(), encoding: .utf8))
        XCTAssertTrue(page.contains("data-edited"))
        let expected = try await fresh(site, theme: theme)
        XCTAssertEqual(try tree(site.out), expected)
    }

    func testAUIStringChangeRendersThePagesAndCommentsAgain() async throws {
        let (site, theme) = try await builtWithOwnTheme()
        try edit(theme.appendingPathComponent("i18n/en.yml")) { text in
            let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("permalink:") })
            return text.replacingOccurrences(of: String(line), with: "permalink: \"Link to this remark\"")
        }

        let result = try await build(site, theme: theme)
        XCTAssertEqual(result.reusedPages, 0)
        XCTAssertGreaterThan(result.renderedComments, 0)
        XCTAssertTrue(String(decoding: try tree(site.out)["en/comments/index.html"] ?? Data(), as: UTF8.self).contains("Link to this remark"))
        let expected = try await fresh(site, theme: theme)
        XCTAssertEqual(try tree(site.out), expected)
    }

    func testAPageChangedOrRemovedInTheOutputFolderIsRenderedAgain() async throws {
        let site = try site()
        try await build(site)
        let expected = try tree(site.out)
        let edited = site.out.appendingPathComponent("en/index.html")
        var bytes = [UInt8](try Data(contentsOf: edited))
        // Same size, one byte different: only the content tells.
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: edited)
        try FileManager.default.removeItem(at: site.out.appendingPathComponent("ja/members/index.html"))

        let result = try await build(site)
        XCTAssertEqual(result.reusedPages, result.pageReads.count - 2)
        XCTAssertEqual(try tree(site.out), expected)
    }

    func testADamagedOrForeignCacheIsIgnored() async throws {
        let site = try site()
        try await build(site)
        let expected = try tree(site.out)
        let pages = PageCache.file(output: site.out, in: site.cache)
        let partials = CommentCache.file(root: site.root, in: site.cache)
        let goodPages = try Data(contentsOf: pages)
        let goodPartials = try Data(contentsOf: partials)
        var flipped = [UInt8](goodPages)
        flipped[flipped.count / 2] ^= 0x01
        let damaged: [(String, Data, Data)] = [
            ("truncated", goodPages.prefix(goodPages.count / 2), goodPartials.prefix(goodPartials.count / 2)),
            ("extended", goodPages + Data([0]), goodPartials + Data([0])),
            ("one bit flipped", Data(flipped), goodPartials),
            ("not a cache", Data("hello".utf8), Data("hello".utf8)),
            ("empty", Data(), Data()),
        ]
        for (name, pageBytes, partialBytes) in damaged {
            try pageBytes.write(to: pages)
            try partialBytes.write(to: partials)
            let result = try await build(site)
            XCTAssertEqual(result.reusedPages, 0, name)
            XCTAssertEqual(try tree(site.out), expected, name)
        }
    }

    func testACacheOfAnotherProgramIsNotUsed() async throws {
        let site = try site()
        try await build(site)
        let file = PageCache.file(output: site.out, in: site.cache)
        let result = await PageCache.read(file, stamp: "another build of shingi", site: site.out)
        XCTAssertTrue(result.entries.isEmpty)
        let own = await PageCache.read(file, stamp: PageCache.stamp(), site: site.out)
        XCTAssertFalse(own.entries.isEmpty)
    }

    func testWithoutCachesNothingIsKeyedOrKept() async throws {
        let site = try site()
        let result = try await build(site, caches: false)
        XCTAssertTrue(result.pageReads.isEmpty)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.cache.path))
    }

    func testBuildsIntoAnotherFolderDoNotShareThePages() async throws {
        let site = try site()
        try await build(site)
        let other = site.work.appendingPathComponent("other")
        let result = try await build(site, out: other)
        XCTAssertEqual(result.reusedPages, 0)
        // The comments do not depend on the output folder.
        XCTAssertEqual(result.renderedComments, 0)
        XCTAssertEqual(try tree(other), try tree(site.out))
    }
}
