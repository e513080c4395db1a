import Foundation
import ShingiBuild
import ShingiCore
import ShingiLoad
import ShingiResolve
import XCTest

/// An item written first in another language than `default_language`
/// (`source_language:`), and what the notice on a stale translation says it is behind.
final class SourceLanguageTests: XCTestCase {
    private let jaIssue = "content/issues/1/index.ja.md"
    private let enIssue = "content/issues/1/index.en.md"

    /// MiniSite with issue 1 written first in English: its English file says so.
    private func englishFirstSite() throws -> URL {
        let en = MiniSite.files[enIssue]!.replacingOccurrences(of: "meeting: \"14\"\n", with: "meeting: \"14\"\nsource_language: en\n")
        return try MiniSite.make(self, [enIssue: en])
    }

    private func page(_ result: BuildResult, _ path: String) throws -> String {
        String(decoding: try XCTUnwrap(result.files.first { $0.path == path }, path).bytes, as: UTF8.self)
    }

    func testAnItemWrittenFirstInEnglishHasJapaneseAsItsTranslation() async throws {
        let root = try englishFirstSite()
        let built = await build(root)
        XCTAssertEqual(built.diagnostics, [])
        let site = try XCTUnwrap(built.site)
        XCTAssertEqual(site.translationStates().map { "\($0.path) \($0.part) \($0.state) \($0.sourcePath)" }, [
            "\(jaIssue) 1.1 unrecorded \(enIssue)", "\(jaIssue) 1.2 unrecorded \(enIssue)",
            "content/comments/14/c1.en.md _intro unrecorded content/comments/14/c1.ja.md",
        ])
        // --mark writes into the Japanese file the hashes of the English text.
        XCTAssertNil(TranslationMarker(root: root, site: site).mark(jaIssue))
        XCTAssertEqual(TranslationMarker(root: root, site: site).mark(enIssue)?.code, "not-a-translation")
        let marked = try String(contentsOf: root.appendingPathComponent(jaIssue), encoding: .utf8)
        let parts = SourceParts(site.issue("1")!.translations[.en]!.source).parts
        XCTAssertEqual(marked, MiniSite.files[jaIssue]!.replacingOccurrences(
            of: "meeting: \"14\"\n---\n", with: "meeting: \"14\"\ntranslation_of:\n  \"1.1\": \"\(parts[0].hash)\"\n  \"1.2\": \"\(parts[1].hash)\"\n---\n"))
        // A change of the English text makes the Japanese one stale, with a notice in Japanese.
        let en = try String(contentsOf: root.appendingPathComponent(enIssue), encoding: .utf8)
        try write([enIssue: en.replacingOccurrences(of: "Remark by", with: "A remark by")], to: root)
        let stale = await SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme)).render()
        XCTAssertEqual(stale.diagnostics.map(\.description), [
            "\(jaIssue):9:10: warning: this translation was made from an older text of \(enIssue): section 1.2 changed since; bring the translation up to date, then run `shingi translations --mark \(jaIssue)` [translation-stale]",
        ])
        let notice = "<p class=\"translation-stale\" role=\"note\">この節の原文は翻訳後に変更されています。この訳は最新でない可能性があります。原文：第14回会合（令和3年（2021年）1月21日）の資料。 <a href=\"/en/issues/1/#1.2\" hreflang=\"en\">最新の原文を読む</a></p>\n"
        let japanese = try page(stale, "ja/issues/1/index.html")
        XCTAssertEqual(japanese.components(separatedBy: "translation-stale").count, 2, "one notice only")
        XCTAssertTrue(japanese.contains("<a class=\"heading-anchor\" href=\"#1.2\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>" + notice), japanese)
        XCTAssertFalse(try page(stale, "en/issues/1/index.html").contains("translation-stale"))
        let report = TranslationReport(stale.site!.translationStates(language: .ja))
        XCTAssertEqual(report.text, """
        \(jaIssue)  1.1  current  (from \(enIssue))
        \(jaIssue)  1.2  stale  (from \(enIssue))
        ja: 1 current, 1 stale, 0 missing, 0 unrecorded

        """)
    }

    /// Without a meeting, the notice names the version `--changes-since` marks against,
    /// as the legend does (a raw revision is never published).
    func testANoticeWithoutAMeetingNamesTheChangesSinceVersion() async throws {
        let page = "content/pages/about.en.md"
        let root = try MiniSite.make(self, [
            "content/pages/about.ja.md": "---\ntitle: \"概要\"\n---\n本会の概要。\n",
            page: "---\ntitle: \"About\"\ntranslation_of: \"000000000000\"\n---\nAbout the panel.\n",
        ])
        var options = BuildOptions(root: root, defaultTheme: defaultTheme)
        options.changes = ChangeMarks(label: [.ja: "6月案", .en: "the June draft"])
        let result = await SiteBuilder(options: options).render()
        XCTAssertEqual(result.diagnostics.map(\.code), ["translation-stale"])
        XCTAssertTrue(try self.page(result, "en/pages/about/index.html").contains(
            "<p class=\"translation-stale\" role=\"note\">The original of this text has changed since it was translated; this translation may be out of date. The original has changed since the June draft. <a href=\"/ja/pages/about/\" hreflang=\"ja\">Read the current original</a></p>\n"))
        // --changes-meeting names the meeting and its date, as the legend does.
        options.changes?.meeting = "14"
        let byMeeting = await SiteBuilder(options: options).render()
        XCTAssertTrue(try self.page(byMeeting, "en/pages/about/index.html").contains(
            "this translation may be out of date. The original has changed since 14th meeting (21 January 2021). <a href=\"/ja/pages/about/\""))
        // Without --changes-since, nothing is known to name.
        let plain = await SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme)).render()
        XCTAssertTrue(try self.page(plain, "en/pages/about/index.html").contains(
            "<p class=\"translation-stale\" role=\"note\">The original of this text has changed since it was translated; this translation may be out of date. <a href=\"/ja/pages/about/\" hreflang=\"ja\">Read the current original</a></p>\n"))
    }

    func testASourceLanguageTheSiteDoesNotHaveIsAnErrorAtItsValue() async throws {
        let unknown = MiniSite.files[enIssue]!.replacingOccurrences(of: "meeting: \"14\"\n", with: "meeting: \"14\"\nsource_language: fr\n")
        let result = await build(try MiniSite.make(self, [enIssue: unknown]))
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "\(enIssue):7:18: error: 'source_language' in the front matter is 'fr', not a language; use one of the site's languages (ja, en) [unknown-language]",
        ])
        let jaOnly = MiniSite.files["shingi.yml"]!.replacingOccurrences(of: "languages: [ja, en]", with: "languages: [ja]")
        let single = await build(try MiniSite.make(self, ["shingi.yml": jaOnly, enIssue: nil, "content/comments/14/c1.en.md": nil,
                                                         jaIssue: MiniSite.files[jaIssue]!.replacingOccurrences(of: "meeting: \"14\"\n", with: "meeting: \"14\"\nsource_language: en\n")]))
        XCTAssertEqual(single.diagnostics.filter { $0.severity == .error }.map(\.description), [
            "\(jaIssue):7:18: error: 'source_language' in the front matter is 'en', which is not one of this site's languages (ja) in shingi.yml [unknown-language]",
        ])
    }

    func testFilesOfOneItemThatDisagreeOnTheSourceLanguageAreAnError() async throws {
        let ja = MiniSite.files[jaIssue]!.replacingOccurrences(of: "meeting: \"14\"\n", with: "meeting: \"14\"\nsource_language: ja\n")
        let en = MiniSite.files[enIssue]!.replacingOccurrences(of: "meeting: \"14\"\n", with: "meeting: \"14\"\nsource_language: en\n")
        let result = await build(try MiniSite.make(self, [jaIssue: ja, enIssue: en]))
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "\(enIssue):7:18: error: this translation has source_language 'en' but \(jaIssue) has 'ja'; the languages of one item must agree [translation-mismatch]",
        ])
    }

    /// `shingi init`'s starter shows the loop: a translation recorded against its source,
    /// a draft page written first in English (its Japanese text the translation), a
    /// response; the worklist includes the draft.
    func testInitsStarterHasATranslationOfAPageWrittenFirstInEnglish() throws {
        let dir = try temporaryDirectory(self).appendingPathComponent("new-site")
        XCTAssertEqual(try runShingi(["init", dir.path]).status, 0)
        let listed = try runShingi(["translations", "--root", dir.path])
        XCTAssertEqual(listed.status, 0, listed.err)
        XCTAssertEqual(listed.out, """
        content/index.en.md  about  unrecorded  (from content/index.ja.md)
        content/issues/1/index.en.md  1.1  current  (from content/issues/1/index.ja.md)
        content/issues/1/index.en.md  1.2  current  (from content/issues/1/index.ja.md)
        content/pages/plan.ja.md  _intro  current  (from content/pages/plan.en.md)
        content/comments/1/first.en.md  _intro  unrecorded  (from content/comments/1/first.ja.md)
        ja: 1 current, 0 stale, 0 missing, 0 unrecorded
        en: 2 current, 0 stale, 0 missing, 2 unrecorded

        """)
    }
}
