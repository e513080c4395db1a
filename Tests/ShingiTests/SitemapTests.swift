import Foundation
@testable import ShingiBuild
import ShingiCore
import ShingiLoad
@testable import ShingiRender
import XCTest

/// `sitemap:` in shingi.yml, and the warning for a sitemap whose `<loc>`s would be
/// relative (the sitemap protocol allows only absolute URLs).
final class SitemapTests: XCTestCase {
    private func site(base: String, sitemap: String?) throws -> URL {
        var config = MiniSite.files["shingi.yml"]!
            .replacingOccurrences(of: "base_url: \"/\"", with: "base_url: \"\(base)\"")
            .replacingOccurrences(of: "\nsitemap: false", with: "")
        if let sitemap { config += "\nsitemap: \(sitemap)\n" }
        return try MiniSite.make(self, ["shingi.yml": config])
    }

    private static let relativeAdvice = "is relative, so every <loc> of sitemap.xml would be relative, which the sitemap protocol does not allow (it needs absolute URLs); set base_url in shingi.yml (or pass --base-url) to the site's published https:// address, or set sitemap: false in shingi.yml to build without a sitemap [sitemap-relative]"

    func testARelativeBaseURLWithTheSitemapOnIsAWarningAtBaseURL() async throws {
        for sitemap in [nil, "true"] {
            let result = await build(try site(base: "/panel/", sitemap: sitemap))
            XCTAssertEqual(result.diagnostics.map(\.description), ["shingi.yml:2:11: warning: base_url '/panel/' " + Self.relativeAdvice], sitemap ?? "default")
            XCTAssertTrue(result.files.contains { $0.path == "sitemap.xml" })
        }
    }

    func testARelativeBaseURLOptionIsAWarningToo() async throws {
        let result = await build(try site(base: "https://example.go.jp/panel/", sitemap: nil), baseURL: "/preview/")
        XCTAssertEqual(result.diagnostics.map(\.description), ["shingi.yml:2:11: warning: --base-url '/preview/' " + Self.relativeAdvice])
    }

    func testAnAbsoluteBaseURLOrNoSitemapIsNoWarning() async throws {
        let absolute = await build(try site(base: "https://example.go.jp/panel/", sitemap: nil))
        XCTAssertEqual(absolute.diagnostics, [])
        let sitemap = try XCTUnwrap(absolute.files.first { $0.path == "sitemap.xml" })
        XCTAssertTrue(String(decoding: sitemap.bytes, as: UTF8.self).contains("<loc>https://example.go.jp/panel/ja/</loc>"))
        let option = await build(try site(base: "/", sitemap: nil), baseURL: "http://example.go.jp/panel/")
        XCTAssertEqual(option.diagnostics, [])
        let off = await build(try site(base: "/", sitemap: "false"))
        XCTAssertEqual(off.diagnostics, [])
        XCTAssertFalse(off.files.contains { $0.path == "sitemap.xml" })
    }

    /// The sitemap lists the pages the build makes (one list, `PageJob.all`): every page
    /// of a language but the search page and drafts, each with its alternates; and the
    /// preview renders it again when a page is added.
    func testTheSitemapListsThePagesOfTheBuildAndFollowsANewPage() async throws {
        let root = try site(base: "https://example.go.jp/", sitemap: nil)
        let builder = SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme), cache: MarkdownCache())
        let first = await builder.rebuild(previous: nil, changedPaths: [])
        func locs(_ files: [OutputFile]) throws -> [String] {
            let xml = String(decoding: try XCTUnwrap(files.first { $0.path == "sitemap.xml" }).bytes, as: UTF8.self)
            return xml.split(separator: "\n").filter { $0.hasPrefix("    <loc>") }.map { String($0.dropFirst(9).dropLast(6)) }
        }
        let pages = ["", "issues/", "members/", "meetings/", "comments/", "references/", "issues/1/", "members/goto/", "members/nakanishi/",
                     "meetings/14/", "responses/", "meetings/14/responses/"]
        let expected = pages.flatMap { page in ["ja", "en"].map { "https://example.go.jp/\($0)/\(page)" } }
        XCTAssertEqual(try locs(first.result.files), expected)
        try write(["content/pages/glossary.ja.md": "---\ntitle: \"用語集\"\n---\n本文。\n",
                   "content/pages/glossary.en.md": "---\ntitle: \"Glossary\"\n---\nText.\n",
                   "content/pages/plan.ja.md": "---\ntitle: \"計画\"\ndraft: true\n---\n本文。\n"], to: root)
        let paths: Set<String> = ["content/pages/glossary.ja.md", "content/pages/glossary.en.md", "content/pages/plan.ja.md"]
        let second = await builder.rebuild(previous: first.next, changedPaths: paths)
        XCTAssertTrue(second.renderedJobs.contains(.sitemap))
        let glossary = ["https://example.go.jp/ja/pages/glossary/", "https://example.go.jp/en/pages/glossary/"]
        XCTAssertEqual(try locs(second.result.files), expected + glossary)
    }

    func testSitemapFalseWritesNoSitemap() async throws {
        let root = try site(base: "/", sitemap: "false")
        let out = root.appendingPathComponent("site")
        let result = await build(root, out: out, write: true)
        XCTAssertTrue(result.succeeded)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("ja/index.html").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("sitemap.xml").path))
    }

    func testSitemapIsTrueOrFalse() throws {
        let (config, diagnostics) = SiteConfig.load(root: try site(base: "/", sitemap: "yes"))
        XCTAssertTrue(config.sitemap)
        XCTAssertEqual(diagnostics.map(\.description), ["shingi.yml:5:10: error: 'sitemap' in shingi.yml must be true or false [wrong-type]"])
    }

    func testABrokenShingiYMLGetsItsOwnErrorsOnly() async throws {
        let result = await build(try site(base: "//evil.example/", sitemap: nil))
        XCTAssertEqual(result.diagnostics.map(\.code), ["unsafe-url"])
    }
}
