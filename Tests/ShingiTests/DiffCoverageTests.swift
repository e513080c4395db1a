import Foundation
import ShingiCore
import ShingiDiff
import XCTest

/// `shingi diff` compares everything a build publishes: front matter of issues, comments
/// and pages, an issue's text before its first section, the home and free pages, and
/// each field (per language) of members, meetings and references.
final class DiffCoverageTests: XCTestCase {
    /// The mini site with a home page and two free pages, before the edits.
    static let oldFiles: [String: String?] = [
        "content/index.ja.md": "---\ntitle: \"ホーム\"\n---\nようこそ。\n",
        "content/index.en.md": "---\ntitle: \"Home\"\n---\nWelcome.\n",
        "content/pages/about.ja.md": "---\ntitle: \"この会について\"\norder: 1\n---\n本会の紹介。\n",
        "content/pages/about.en.md": "---\ntitle: \"About\"\norder: 1\n---\nAbout the panel.\n",
        "content/pages/gone.ja.md": "---\ntitle: \"旧ページ\"\n---\n古い。\n",
        "content/pages/gone.en.md": "---\ntitle: \"Old page\"\n---\nOld.\n",
    ]

    /// Every kind of edit outside comments and sections, plus one of each of those.
    static let newFiles: [String: String?] = {
        var files = oldFiles
        files["content/index.en.md"] = "---\ntitle: \"Home\"\n---\nWelcome.\n\nA second paragraph.\n"
        files["content/pages/about.ja.md"] = "---\ntitle: \"この会について\"\norder: 2\n---\n本会の紹介。\n"
        files["content/pages/about.en.md"] = "---\ntitle: \"About us\"\norder: 2\n---\nAbout the panel.\n"
        files["content/pages/gone.ja.md"] = nil
        files["content/pages/gone.en.md"] = nil
        files["content/pages/new.ja.md"] = "---\ntitle: \"新ページ\"\n---\n新しい。\n"
        files["content/pages/new.en.md"] = "---\ntitle: \"New page\"\n---\nNew.\n"
        files["content/issues/1/index.ja.md"] = MiniSite.files["content/issues/1/index.ja.md"]!
            .replacingOccurrences(of: "title: \"体制の構築\"", with: "title: \"体制の構築と運用\"")
            .replacingOccurrences(of: "advisors: [nakanishi]", with: "advisors: [nakanishi, goto]")
            .replacingOccurrences(of: "---\n## １．１", with: "---\n前文を追加。\n\n## １．１")
            .replacingOccurrences(of: "本文[[ref:tebiki]]。", with: "本文を修正[[ref:tebiki]]。")
        files["content/issues/1/index.en.md"] = MiniSite.files["content/issues/1/index.en.md"]!
            .replacingOccurrences(of: "advisors: [nakanishi]", with: "advisors: [nakanishi, goto]")
            .replacingOccurrences(of: "meeting: \"14\"\n---", with: "meeting: \"14\"\nsummary: \"How the structures are built.\"\n---")
        files["content/comments/14/c1.ja.md"] = "---\nmember: nakanishi\ntarget: \"1#1.1\"\nmeeting: \"14\"\ndate: \"2021-01-22\"\nstatus: reflected\n---\n機能するようにすべき。\n"
        files["content/comments/14/c1.en.md"] = "---\nmember: nakanishi\ntarget: \"1#1.1\"\nmeeting: \"14\"\ndate: \"2021-01-22\"\n---\nIt should function.\n"
        files["content/members.yml"] = """
        - id: goto
          name: {ja: "後藤", en: "Gotō"}
          role: chair
        - id: nakanishi
          name: {ja: "中西", en: "Nakanishi"}
          role: advisor
          affiliation: {ja: "大学"}
        """
        files["content/meetings.yml"] = """
        - id: "14"
          number: 14
          date: "2021-01-22"
          title: {ja: "第14回会合", en: "14th Meeting"}
        - id: "15"
          number: null
          date: "2021-03-01"
        """
        files["content/references.yml"] = """
        - id: tebiki
          title: {ja: "手引き", en: "The Guide"}
          publisher: {ja: "内閣官房"}
          url: "https://example.org/tebiki-v2.pdf"
        """
        return files
    }()

    private func sides() throws -> (old: URL, new: URL) {
        (try MiniSite.make(self, Self.oldFiles), try MiniSite.make(self, Self.newFiles))
    }

    private func report(_ old: URL, _ new: URL) async throws -> DiffReport {
        let scratch = try temporaryDirectory(self)
        let reader = RevisionReader(root: old)
        let oldSite = try await reader.read(.directory(old.path), name: "old", scratch: scratch)
        let newSite = try await reader.read(.directory(new.path), name: "new", scratch: scratch)
        return SiteDiff().compare(oldSite, newSite, oldLabel: "old", newLabel: "new")
    }

    func testJSONReportCoversEveryKindOfChange() async throws {
        let (old, new) = try sides()
        try assertDiffGolden(DiffFormatter.json(try await report(old, new)), "every-change.json")
    }

    func testTextReportShowsEveryKindOfChange() async throws {
        let (old, new) = try sides()
        try assertDiffGolden(DiffFormatter.text(try await report(old, new)), "every-change.txt")
    }

    func testLanguageFilterKeepsFieldsOfThatLanguageAndOfBoth() async throws {
        let (old, new) = try sides()
        let english = try await report(old, new).filtered(language: .en)
        XCTAssertEqual(english.issues.map { $0.fields.map(\.label) }, [["summary [en]", "advisors"]])
        XCTAssertEqual(english.pages.map { "\($0.id) \($0.change.rawValue)" }, ["index edited", "pages/about edited", "pages/gone removed", "pages/new added"])
        XCTAssertEqual(english.members.map { "\($0.id) " + $0.fields.map(\.label).joined(separator: ",") }, ["goto name [en]", "nakanishi role"])
        XCTAssertEqual(english.comments.map { "\($0.id) " + $0.fields.map(\.label).joined(separator: ",") }, ["c1 date,status"])
        let japanese = try await report(old, new).filtered(language: .ja)
        XCTAssertEqual(japanese.pages.map { "\($0.id) \($0.change.rawValue)" }, ["pages/about edited", "pages/gone removed", "pages/new added"])
        XCTAssertEqual(japanese.pages.first?.fields.map(\.label), ["order"])
    }

    func testExitCodeCountsPageOnlyChanges() async throws {
        let old = try MiniSite.make(self, Self.oldFiles)
        var appended = Self.oldFiles
        appended["content/pages/about.ja.md"] = "---\ntitle: \"この会について\"\norder: 1\n---\n本会の紹介。追記。\n"
        let new = try MiniSite.make(self, appended)
        let result = try runShingi(["diff", "--dirs", old.path, new.path, "--exit-code"])
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertEqual(result.out, """
        shingi diff \(old.path) → \(new.path)
        pages: 1 edited

        pages
          pages/about edited: text [ja]
              ja: 本会の紹介。{+追記。+}

        """)
    }

    func testChangeMarksCoverPagesAndDataEntries() async throws {
        let (old, new) = try sides()
        let marks = try await report(old, new).changeMarks()
        XCTAssertEqual(marks.label, [:])
        XCTAssertEqual(marks.pages[.en], ["index", "issues/1", "pages/about", "pages/new", "members/goto", "members/nakanishi",
                                         "meetings/14", "meetings/15", "references"])
        XCTAssertEqual(marks.pages[.ja], ["issues/1", "pages/about", "pages/new", "members/nakanishi", "meetings/14", "meetings/15", "references"])
        XCTAssertEqual(marks.comments[.ja], ["c1"])
        XCTAssertEqual(marks.count, 11)
    }

    /// The HTML report lists issue, page and data-entry changes with their fields and texts.
    func testHTMLReportShowsIssuesPagesAndFields() throws {
        let (old, new) = try sides()
        let out = try temporaryDirectory(self).appendingPathComponent("report")
        let result = try runShingi(["diff", "--dirs", old.path, new.path, "--format", "html", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.err)
        let en = try String(contentsOf: out.appendingPathComponent("en/index.html"), encoding: .utf8)
        let data = en.components(separatedBy: "<section class=\"diff-data\" id=\"data-changes\" data-group>")[1]
        let headings = data.components(separatedBy: "<h3>").dropFirst().map { $0.components(separatedBy: "</h3>")[0] }
        XCTAssertEqual(headings, ["Policy issues (title, summary, lead text…)", "Home page and other pages", "References and Sources", "Members", "Meetings"])
        XCTAssertTrue(data.contains("<tr><th scope=\"row\">Title (Japanese)</th><td><del><span lang=\"ja\">体制の構築</span></del></td><td><ins><span lang=\"ja\">体制の構築と運用</span></ins></td></tr>"), data)
        XCTAssertTrue(data.contains("<tr><th scope=\"row\">Name (English)</th><td><del>Goto</del></td><td><ins>Gotō</ins></td></tr>"), data)
        XCTAssertTrue(data.contains("<p class=\"diff-line diff-changed\"><ins>A second paragraph.</ins></p>"), data)
        XCTAssertTrue(data.contains("<ins>前文を追加。</ins>"), data)
    }

    func testUnknownFilterIdIsAnErrorWithASuggestion() throws {
        let (old, new) = try sides()
        for (option, value, message) in [
            ("--member", "gotoo", "error: --member gotoo: there is no member 'gotoo' in either version; did you mean 'goto'?\n"),
            ("--meeting", "99", "error: --meeting 99: there is no meeting '99' in either version\n"),
            ("--issue", "7", "error: --issue 7: there is no policy issue '7' in either version\n"),
        ] {
            let result = try runShingi(["diff", "--dirs", old.path, new.path, option, value])
            XCTAssertEqual(result.status, 1, option)
            XCTAssertEqual(result.out, "", option)
            XCTAssertEqual(result.err, message)
        }
        // An id that exists on one side only is a real filter.
        let removed = try runShingi(["diff", "--dirs", old.path, new.path, "--meeting", "15", "--exit-code"])
        XCTAssertEqual(removed.status, 0, removed.err)
    }
}
