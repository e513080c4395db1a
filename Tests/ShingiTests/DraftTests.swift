import Foundation
import ShingiBuild
import ShingiCore
@testable import ShingiServe
import XCTest

/// `draft: true`: left out of a published build, shown (marked) with `--drafts` and in
/// the preview; a published link to a draft is refused.
final class DraftTests: XCTestCase {
    /// MiniSite with a draft page and a draft comment on issue 1, and a sitemap.
    private func siteWithDrafts(_ changes: [String: String?] = [:]) throws -> URL {
        var files: [String: String?] = [
            "shingi.yml": MiniSite.files["shingi.yml"]!.replacingOccurrences(of: "base_url: \"/\"", with: "base_url: \"https://example.go.jp/panel/\"")
                .replacingOccurrences(of: "sitemap: false", with: "sitemap: true"),
            "content/pages/plan.ja.md": "---\ntitle: \"計画\"\ndraft: true\n---\n案。\n",
            "content/pages/plan.en.md": "---\ntitle: \"Plan\"\n---\nDraft plan.\n",
            "content/comments/14/c2.ja.md": "---\nmember: goto\ntarget: \"1#1.2\"\nmeeting: \"14\"\ndraft: true\n---\n検討中の意見。\n",
            "content/comments/14/c2.en.md": "---\nmember: goto\ntarget: \"1#1.2\"\nmeeting: \"14\"\ndraft: true\n---\nA comment under review.\n",
        ]
        for (path, text) in changes { files[path] = text }
        return try MiniSite.make(self, files)
    }

    private func page(_ result: BuildResult, _ path: String) -> String? {
        result.files.first { $0.path == path }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    private func build(_ root: URL, drafts: Bool) async -> BuildResult {
        var options = BuildOptions(root: root, defaultTheme: defaultTheme)
        options.drafts = drafts
        return await SiteBuilder(options: options).render()
    }

    func testDraftsAreLeftOutOfAPublishedBuild() async throws {
        let result = await build(try siteWithDrafts(), drafts: false)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.files.filter { $0.path.contains("plan") }.map(\.path), [])
        let issue = try XCTUnwrap(page(result, "ja/issues/1/index.html"))
        XCTAssertFalse(issue.contains("検討中の意見"))
        XCTAssertFalse(try XCTUnwrap(page(result, "sitemap.xml")).contains("plan"))
        XCTAssertFalse(try XCTUnwrap(page(result, "ja/index.html")).contains("計画"))
    }

    func testDraftsBuildAndThePreviewShowThemMarked() async throws {
        let root = try siteWithDrafts()
        let result = await build(root, drafts: true)
        XCTAssertEqual(result.diagnostics, [])
        let plan = try XCTUnwrap(page(result, "ja/pages/plan/index.html"))
        XCTAssertTrue(plan.contains("<p class=\"draft-notice\" role=\"note\"><strong>下書き</strong> これは下書きです。公開用のサイトには含まれません。</p>"), plan)
        XCTAssertTrue(try XCTUnwrap(page(result, "en/pages/plan/index.html")).contains("<strong>Draft</strong>"))
        let issue = try XCTUnwrap(page(result, "ja/issues/1/index.html"))
        XCTAssertTrue(issue.contains("検討中の意見"))
        XCTAssertTrue(issue.contains("<span class=\"badge draft-badge\">下書き</span>"))
        // Even then the sitemap lists only what will be published.
        XCTAssertFalse(try XCTUnwrap(page(result, "sitemap.xml")).contains("plan"))
        // The preview builds with the same option.
        let preview = ServeOptions(root: root, defaultTheme: defaultTheme).buildOptions
        XCTAssertTrue(preview.drafts)
        let served = await SiteBuilder(options: preview).render()
        XCTAssertNotNil(page(served, "ja/pages/plan/index.html"))
    }

    func testAPublishedLinkToADraftIsRefusedNamingBothFiles() async throws {
        let root = try siteWithDrafts([
            "content/issues/1/index.en.md": MiniSite.files["content/issues/1/index.en.md"]! + "\n\nSee [[comment:c2]].\n",
        ])
        let refused = await build(root, drafts: false)
        XCTAssertEqual(refused.diagnostics.map(\.description), [
            "content/issues/1/index.en.md:16:5: error: '[[comment:c2]]' links to comment 'c2', a draft (draft: true in content/comments/14/c2.en.md), which a published build leaves out; publish it, remove the link, or build with --drafts [link-to-draft]",
        ])
        let withDrafts = await build(root, drafts: true)
        XCTAssertEqual(withDrafts.diagnostics, [])
    }

    func testAPublishedCommentOnADraftIssueIsRefused() async throws {
        let ja = MiniSite.files["content/issues/1/index.ja.md"]!.replacingOccurrences(of: "meeting: \"14\"\n", with: "meeting: \"14\"\ndraft: true\n")
        let root = try MiniSite.make(self, ["content/issues/1/index.ja.md": ja])
        let refused = await build(root, drafts: false)
        XCTAssertEqual(refused.diagnostics.map(\.code), ["link-to-draft", "link-to-draft"])
        XCTAssertEqual(refused.diagnostics.first?.description,
                       "content/comments/14/c1.en.md:3:9: error: this comment is on issue '1', a draft (draft: true in content/issues/1/index.ja.md), which a published build leaves out; publish the issue, mark the comment draft: true too, or build with --drafts [link-to-draft]")
    }

    func testDraftMustBeTrueOrFalse() async throws {
        let root = try siteWithDrafts(["content/pages/plan.ja.md": "---\ntitle: \"計画\"\ndraft: yes\n---\n案。\n"])
        let result = await build(root, drafts: false)
        XCTAssertEqual(result.diagnostics.map(\.description),
                       ["content/pages/plan.ja.md:3:8: error: 'draft' in the front matter must be true or false [wrong-type]"])
    }

    func testThePreviewServesADraftThatABuildLeavesOut() async throws {
        let root = try siteWithDrafts()
        let server = try await ServeHarness.start(self, root: root)
        let served = try await ServeTestClient(port: server.port).request("/ja/pages/plan/")
        XCTAssertEqual(served.status, 200)
        XCTAssertTrue(served.text.contains("<strong>下書き</strong>"))
        let published = await build(root, drafts: false)
        XCTAssertNil(page(published, "ja/pages/plan/index.html"))
    }
}
