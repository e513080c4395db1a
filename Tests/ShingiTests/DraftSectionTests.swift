import Foundation
import ShingiBuild
import ShingiCore
import ShingiLoad
import ShingiMarkdown
import ShingiResolve
import XCTest

/// Draft sections (`## １．３ 促進策 {#1.3 .draft}`): left out of a published build with
/// every line after them where it was, shown (marked) with `--drafts`; a published link
/// to one, or a published comment on one, is refused.
final class DraftSectionTests: XCTestCase {
    /// MiniSite's issue 1 with a draft section 1.3 (with a subsection) between 1.2 and 1.4.
    private static let ja = MiniSite.files["content/issues/1/index.ja.md"]! + """


        ## １．３ 促進策 {#1.3 .draft}

        検討中の促進策[[ref:tebiki]]。

        ### 細目 {#1.3.1}

        細目の案。

        ## １．４ 今後 {#1.4}

        今後の予定。
        """
    private static let en = MiniSite.files["content/issues/1/index.en.md"]! + """


        ## 1.3 Incentives {#1.3 .draft}

        Incentives under review.

        ### Details {#1.3.1}

        Details.

        ## 1.4 Next steps {#1.4}

        Next steps.
        """

    private func site(_ changes: [String: String?] = [:]) throws -> URL {
        var files: [String: String?] = ["content/issues/1/index.ja.md": Self.ja, "content/issues/1/index.en.md": Self.en]
        for (path, text) in changes { files[path] = text }
        return try MiniSite.make(self, files)
    }

    private func build(_ root: URL, drafts: Bool) async -> BuildResult {
        var options = BuildOptions(root: root, defaultTheme: defaultTheme)
        options.drafts = drafts
        return await SiteBuilder(options: options).render()
    }

    private func page(_ result: BuildResult, _ path: String) throws -> String {
        String(decoding: try XCTUnwrap(result.files.first { $0.path == path }).bytes, as: UTF8.self)
    }

    /// The ids of the page's `<h2>`/`<h3>` headings, in order.
    private func headingIDs(_ html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "<h[23] id=\"([^\"]+)\"")
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { String(html[Range($0.range(at: 1), in: html)!]) }
    }

    func testADraftSectionIsLeftOutOfAPublishedBuild() async throws {
        // With search on, so that the comments' search records are made (the pages are indexed as they are).
        let result = await build(try site(["shingi.yml": MiniSite.files["shingi.yml"]! + "\nsearch: true\n"]), drafts: false)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.searchRecords.map(\.path), ["_search-records/en/c1.html", "_search-records/ja/c1.html"])
        let ja = try page(result, "ja/issues/1/index.html")
        XCTAssertEqual(headingIDs(ja), ["1.1", "1.2", "1.4", "cited-references"])
        XCTAssertEqual(headingIDs(try page(result, "en/issues/1/index.html")), ["1.1", "1.2", "1.4", "cited-references"])
        // Nothing of it anywhere: text, contents list, issue list, search records.
        let everything = (result.files + result.searchRecords).map { String(decoding: $0.bytes, as: UTF8.self) }
        XCTAssertEqual(everything.filter { $0.contains("促進策") || $0.contains("細目") || $0.contains("Incentives") || $0.contains("#1.3") }, [])
        // Its citation went with it: the reference is cited once, in 1.1.
        XCTAssertEqual(result.site?.citations["tebiki"]?.map { "\($0)" }.sorted(), ["issue(id: \"1\", section: Optional(\"1.1\"))"])
    }

    func testDraftsBuildShowsADraftSectionMarkedInBothLanguages() async throws {
        let result = await build(try site(), drafts: true)
        XCTAssertEqual(result.diagnostics, [])
        let ja = try page(result, "ja/issues/1/index.html")
        XCTAssertEqual(headingIDs(ja), ["1.1", "1.2", "1.3", "1.3.1", "1.4", "cited-references"])
        let notice = "<p class=\"draft-notice\" role=\"note\"><strong>下書き</strong> この節は下書きです。公開用のサイトには含まれません。</p>"
        XCTAssertEqual(ja.components(separatedBy: notice).count - 1, 1)
        XCTAssertTrue(ja.contains("#</a></h2>" + notice), ja)
        let en = try page(result, "en/issues/1/index.html")
        XCTAssertEqual(en.components(separatedBy: "<p class=\"draft-notice\" role=\"note\"><strong>Draft</strong> This section is a draft: the published site leaves it out.</p>").count - 1, 1)
    }

    func testAPublishedLinkToADraftSectionIsRefusedAtItsOwnLine() async throws {
        // The link is in 1.4, after the cut section: its line is the file's.
        let ja = Self.ja + "\n\n[[issue:1#1.3.1|細目]]を参照。\n"
        let root = try site([
            "content/issues/1/index.ja.md": ja,
            "content/pages/about.ja.md": "---\ntitle: \"概要\"\n---\n促進策は[[issue:1#1.3]]。\n",
            "content/pages/about.en.md": "---\ntitle: \"About\"\n---\nSee [[issue:1#1.4]].\n",
        ])
        XCTAssertEqual(ja.components(separatedBy: "\n").firstIndex { $0.hasPrefix("[[issue:1#1.3.1") }.map { $0 + 1 }, 28)
        let refused = await build(root, drafts: false)
        XCTAssertEqual(refused.diagnostics.map(\.description), [
            "content/issues/1/index.ja.md:28:1: error: '[[issue:1#1.3.1|細目]]' links to section '1.3.1' of issue '1', a draft section ('.draft' at content/issues/1/index.en.md:16:1), which a published build leaves out; publish the section, remove the link, or build with --drafts [link-to-draft]",
            "content/pages/about.ja.md:4:5: error: '[[issue:1#1.3]]' links to section '1.3' of issue '1', a draft section ('.draft' at content/issues/1/index.en.md:16:1), which a published build leaves out; publish the section, remove the link, or build with --drafts [link-to-draft]",
        ])
        let withDrafts = await build(root, drafts: true)
        XCTAssertEqual(withDrafts.diagnostics, [])
    }

    func testACommentOnADraftSectionIsRefusedUnlessItIsADraftToo() async throws {
        let comment = { (lang: String, draft: Bool) in
            "---\nmember: goto\ntarget: \"1#1.3\"\nmeeting: \"14\"\n\(draft ? "draft: true\n" : "")---\n\(lang == "ja" ? "促進策に賛成。" : "I support the incentives.")\n"
        }
        let refused = await build(try site(["content/comments/14/c3.ja.md": comment("ja", false), "content/comments/14/c3.en.md": comment("en", false)]), drafts: false)
        XCTAssertEqual(refused.diagnostics.map(\.description), [
            "content/comments/14/c3.en.md:3:9: error: this comment is on section '1.3' of issue '1', a draft section ('.draft' at content/issues/1/index.en.md:16:1), which a published build leaves out; publish the section, mark the comment draft: true too, or build with --drafts [link-to-draft]",
            "content/comments/14/c3.ja.md:3:9: error: this comment is on section '1.3' of issue '1', a draft section ('.draft' at content/issues/1/index.en.md:16:1), which a published build leaves out; publish the section, mark the comment draft: true too, or build with --drafts [link-to-draft]",
        ])
        // Marked draft, it waits with its section: left out, and shown with --drafts.
        let root = try site(["content/comments/14/c3.ja.md": comment("ja", true), "content/comments/14/c3.en.md": comment("en", true)])
        let published = await build(root, drafts: false)
        XCTAssertEqual(published.diagnostics, [])
        XCTAssertEqual(published.files.filter { String(decoding: $0.bytes, as: UTF8.self).contains("促進策に賛成") }.map(\.path), [])
        let preview = await build(root, drafts: true)
        XCTAssertTrue(try page(preview, "ja/issues/1/index.html").contains("促進策に賛成"))
    }

    func testAReflectedInNamingADraftSectionIsRefused() async throws {
        let c1 = MiniSite.files["content/comments/14/c1.ja.md"]!.replacingOccurrences(of: "meeting: \"14\"\n", with: "meeting: \"14\"\nstatus: reflected\nreflected_in: \"1#1.3\"\n")
        let refused = await build(try site(["content/comments/14/c1.ja.md": c1]), drafts: false)
        XCTAssertEqual(refused.diagnostics.map(\.description), [
            "content/comments/14/c1.ja.md:6:15: error: reflected_in '1#1.3' names section '1.3' of issue '1', a draft section ('.draft' at content/issues/1/index.en.md:16:1), which a published build leaves out; publish the section, remove it from reflected_in, or build with --drafts [link-to-draft]",
        ])
    }

    func testBothLanguagesMustAgreeOnADraftSection() async throws {
        let en = Self.en.replacingOccurrences(of: "{#1.3 .draft}", with: "{#1.3}")
        let root = try site(["content/issues/1/index.en.md": en])
        let message = "section '1.3' is a draft in content/issues/1/index.ja.md:16:1 but not in this translation, which would publish it; mark it {#1.3 .draft} here too, or remove '.draft' there [translation-mismatch]"
        let refused = await build(root, drafts: false)
        XCTAssertEqual(refused.diagnostics.map(\.description), ["content/issues/1/index.en.md:16:1: error: " + message])
        // In the preview a warning, and the section is marked in both languages.
        let preview = await build(root, drafts: true)
        XCTAssertEqual(preview.diagnostics.map(\.description), ["content/issues/1/index.en.md:16:1: warning: " + message])
        XCTAssertTrue(try page(preview, "en/issues/1/index.html").contains("<strong>Draft</strong> This section is a draft"))
    }

    func testATranslationRecordedAgainstTheWholeTextIsCurrentWithoutTheDraftSection() async throws {
        // The hashes of the Japanese text with its draft section, recorded in the English.
        let drafts = await build(try site(), drafts: true)
        let ja = try XCTUnwrap(drafts.site?.issues.first?.translations[.ja]?.source)
        let record = SourceParts(ja).parts.map { "  \"\($0.key)\": \"\($0.hash)\"\n" }.joined()
        XCTAssertEqual(SourceParts(ja).parts.map(\.key), ["1.1", "1.2", "1.3", "1.4"])
        let en = Self.en.replacingOccurrences(of: "meeting: \"14\"\n", with: "meeting: \"14\"\ntranslation_of:\n" + record)
        let result = await build(try site(["content/issues/1/index.en.md": en]), drafts: false)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.site?.translationStates(language: .en).filter { $0.path.hasPrefix("content/issues/") }.map { "\($0.part) \($0.state)" },
                       ["1.1 current", "1.2 current", "1.4 current"])
        XCTAssertFalse(try page(result, "en/issues/1/index.html").contains("translation-stale"))
    }

    func testTheAttributeIsCheckedAndOnlyIssuesHaveDraftSections() async throws {
        let root = try site([
            "content/issues/1/index.en.md": Self.en.replacingOccurrences(of: "{#1.4}", with: "{#1.4 draft}"),
            "content/issues/1/index.ja.md": Self.ja.replacingOccurrences(of: "{#1.4}", with: "{#1.4 .wip}"),
            "content/pages/about.ja.md": "---\ntitle: \"概要\"\n---\n## 案 {#plan .draft}\n",
            "content/pages/about.en.md": "---\ntitle: \"About\"\n---\n## Plan {#plan}\n",
        ])
        let result = await build(root, drafts: false)
        XCTAssertEqual(result.diagnostics.filter { $0.code == "invalid-heading-attribute" }.map(\.description), [
            "content/issues/1/index.en.md:24:1: error: '{#1.4 draft}' has 'draft' without its dot; a draft section is marked {#1.4 .draft} [invalid-heading-attribute]",
            "content/issues/1/index.ja.md:24:1: error: heading attribute '.wip' is not known; the only class a heading takes is '.draft' ({#1.4 .draft} marks a draft section) [invalid-heading-attribute]",
            "content/pages/about.ja.md:4:1: error: '.draft' marks a draft section of a policy issue only; remove it here, or mark the whole file draft: true [invalid-heading-attribute]",
        ])
    }

    func testBlankingKeepsEveryLineInItsPlace() {
        let body = "intro\n\n## A {#a}\n\na\n\n## B {#b .draft}\n\nb\n\n### B1 {#b1}\n\nb1\n\n## C {#c}\n\nc\n"
        let fragment = MarkdownRenderer.render(body)
        let cut = DraftCut.blanking(body, headings: fragment.headings)
        XCTAssertEqual(cut?.body, "intro\n\n## A {#a}\n\na\n\n\n\n\n\n\n\n\n\n## C {#c}\n\nc\n")
        XCTAssertEqual(cut?.ids, ["b": BodyPosition(line: 7, column: 1), "b1": BodyPosition(line: 7, column: 1)])
        XCTAssertEqual(cut.map { MarkdownRenderer.render($0.body).headings.map(\.position.line) }, [3, 15])
    }
}
