import Foundation
import ShingiCore
import ShingiDiff
import ShingiRender
import XCTest

/// `shingi diff`: the text diff, the semantic comparison of two revisions of a site in a
/// git repository made by the test, and the terminal and JSON reports.
final class DiffTests: XCTestCase {
    // MARK: Text diff

    func testOneJapaneseCharacterChangedIsExactlyThatCharacter() {
        XCTAssertEqual(TextDiff.diff("体制を構築すべき。", "体制を構築すべし。", language: .ja),
                       [.equal("体制を構築すべ"), .deleted("き"), .inserted("し"), .equal("。")])
        XCTAssertEqual(TextDiff.diff("本文。", "本文書。", language: .ja), [.equal("本文"), .inserted("書"), .equal("。")])
    }

    func testJapaneseNeverSplitsACharacter() {
        // か + combining voiced mark is one character (が); changing it replaces the whole cluster.
        XCTAssertEqual(TextDiff.diff("かき", "か\u{3099}き", language: .ja), [.deleted("か"), .inserted("か\u{3099}"), .equal("き")])
    }

    func testJapaneseTinyFragmentsBetweenChangesJoinThePhrase() {
        XCTAssertEqual(TextDiff.diff("人材を確保し育成する", "人材を採用し教育する", language: .ja),
                       [.equal("人材を"), .deleted("確保し育成"), .inserted("採用し教育"), .equal("する")])
    }

    func testEnglishIsComparedByWord() {
        XCTAssertEqual(TextDiff.diff("It should function.", "It must function.", language: .en),
                       [.equal("It "), .deleted("should"), .inserted("must"), .equal(" function.")])
        XCTAssertEqual(TextDiff.diff("The committee should review the plan", "The committee must review the budget", language: .en),
                       [.equal("The committee "), .deleted("should"), .inserted("must"), .equal(" review the "), .deleted("plan"), .inserted("budget")])
        XCTAssertEqual(TextDiff.diff("the cat sat on the mat", "a dog sat by the rug", language: .en),
                       [.deleted("the cat sat on the mat"), .inserted("a dog sat by the rug")])
    }

    func testTextDiffRebuildsBothTexts() {
        let old = "１．１ 機能\n\n本文[[ref:tebiki]]。\n\n| 項目 | 内容 |\n|---|---|\n| 監視 | 常時 |"
        let new = "１．１ 機能の強化\n\n本文[[ref:tebiki]]を参照。\n\n| 項目 | 内容 |\n|---|---|\n| 監視 | 随時 |"
        let segments = TextDiff.diff(old, new, language: .ja)
        XCTAssertEqual(segments.filter { if case .inserted = $0 { return false } else { return true } }.map(\.text).joined(), old)
        XCTAssertEqual(segments.filter { if case .deleted = $0 { return false } else { return true } }.map(\.text).joined(), new)
    }

    // MARK: Two revisions in git

    /// A repository holding the mini site under `committee/`, committed twice: the second
    /// commit adds c4, removes c2, rewords c1 (ja and en), moves c3 from 1#1.1 to 1#1.2,
    /// edits section 1.2 in Japanese and adds a reference.
    private func repository() throws -> (repository: URL, root: URL) {
        let repository = try temporaryDirectory(self)
        let root = repository.appendingPathComponent("committee")
        var files = MiniSite.files
        func comment(_ member: String, _ target: String, _ body: String) -> String {
            "---\nmember: \(member)\ntarget: \"\(target)\"\nmeeting: \"14\"\n---\n\(body)\n"
        }
        files["content/comments/14/c2.ja.md"] = comment("goto", "1#1.2", "実践が大事。")
        files["content/comments/14/c2.en.md"] = comment("goto", "1#1.2", "Practice matters.")
        files["content/comments/14/c3.ja.md"] = comment("goto", "1#1.1", "人材の確保が必要。")
        files["content/comments/14/c3.en.md"] = comment("goto", "1#1.1", "We need to secure talent.")
        try write(files, to: root)
        try git(["init", "-q", "-b", "main"], in: repository)
        try git(["add", "."], in: repository)
        try git(["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "first"], in: repository)

        try FileManager.default.removeItem(at: root.appendingPathComponent("content/comments/14/c2.ja.md"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/comments/14/c2.en.md"))
        var changed: [String: String] = [:]
        changed["content/comments/14/c1.ja.md"] = comment("nakanishi", "1#1.1", "確実に機能するようにすべき。")
        changed["content/comments/14/c1.en.md"] = comment("nakanishi", "1#1.1", "It must function.")
        changed["content/comments/14/c3.ja.md"] = comment("goto", "1#1.2", "人材の確保が必要。")
        changed["content/comments/14/c3.en.md"] = comment("goto", "1#1.2", "We need to secure talent.")
        changed["content/comments/14/c4.ja.md"] = comment("nakanishi", "1#1.2", "育成も重要。")
        changed["content/comments/14/c4.en.md"] = comment("nakanishi", "1#1.2", "Training matters too.")
        changed["content/issues/1/index.ja.md"] = MiniSite.files["content/issues/1/index.ja.md"]!
            .replacingOccurrences(of: "[[member:goto]]の発言。", with: "[[member:goto]]の指摘。")
        changed["content/references.yml"] = MiniSite.files["content/references.yml"]! + """

        - id: hakusho
          title: {ja: "白書", en: "White Paper"}
        """
        try write(changed, to: root)
        try git(["add", "-A"], in: repository)
        try git(["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "second"], in: repository)
        return (repository, root)
    }

    @discardableResult
    private func git(_ arguments: [String], in directory: URL) throws -> String {
        try runGit(arguments, in: directory)
    }

    private func report(root: URL, _ old: DiffSide, _ new: DiffSide) async throws -> DiffReport {
        try await diffReport(self, root: root, old, new)
    }

    func testJSONReportOfTwoRevisions() async throws {
        let (_, root) = try repository()
        let json = DiffFormatter.json(try await report(root: root, .revision("HEAD~1"), .revision("HEAD")))
        try assertDiffGolden(json, "two-revisions.json")
    }

    func testTerminalReportOfTwoRevisions() async throws {
        let (_, root) = try repository()
        let text = DiffFormatter.text(try await report(root: root, .revision("HEAD~1"), .workingTree))
        try assertDiffGolden(text, "two-revisions.txt")
    }

    func testIdenticalRevisionsHaveNoChanges() async throws {
        let (_, root) = try repository()
        let report = try await report(root: root, .revision("HEAD"), .workingTree)
        XCTAssertTrue(report.isEmpty)
        XCTAssertEqual(DiffFormatter.text(report), "shingi diff HEAD → working tree\nno changes\n")
    }

    func testUnknownRevisionIsAnError() async throws {
        let (repository, root) = try repository()
        do {
            _ = try await report(root: root, .revision("nope"), .workingTree)
            XCTFail("an unknown revision was read")
        } catch let error as DiffError {
            XCTAssertEqual(error.description, "old: unknown revision 'nope' in the git repository at \(repository.resolvingSymlinksInPath().path)")
        }
        do {
            _ = try await report(root: root, .revision("--output=x"), .workingTree)
            XCTFail("an option was taken for a revision")
        } catch let error as DiffError {
            XCTAssertEqual(error.description, "old: '--output=x' is not a revision: a revision may not start with '-' (git would read it as an option)")
        }
    }

    func testFolderOutsideGitIsAnError() async throws {
        let root = try MiniSite.make(self)
        do {
            _ = try await report(root: root, .revision("HEAD"), .workingTree)
            XCTFail("a folder outside git was read as a revision")
        } catch let error as DiffError {
            XCTAssertEqual(error.description, "old: '\(root.path)' is not in a git repository, so there is no revision to read")
        }
        let command = try shingi(["diff", "HEAD", "--root", root.path])
        XCTAssertEqual(command.status, 1)
        XCTAssertEqual(command.err, "error: old: '\(root.path)' is not in a git repository; to compare two folders use --dirs\n")
    }

    func testSideWithBrokenLinkPrintsItsDiagnosticsLabelled() async throws {
        let (repository, root) = try repository()
        let broken = MiniSite.files["content/issues/1/index.ja.md"]!.replacingOccurrences(of: "本文[[ref:tebiki]]。", with: "本文[[ref:nope]]。")
        try write(["content/issues/1/index.ja.md": broken], to: root)
        do {
            _ = try await report(root: root, .revision("HEAD"), .workingTree)
            XCTFail("a side with errors was compared")
        } catch let error as DiffError {
            XCTAssertEqual(error.labelledDiagnostics, [
                "new: content/issues/1/index.ja.md:10:3: error: '[[ref:nope]]' links to reference 'nope', which does not exist in content/references.yml [broken-link]",
            ])
            XCTAssertEqual(error.description, "new: the content has 1 error; nothing was compared")
        }
        // Reading revisions touched neither the working tree nor the index.
        XCTAssertEqual(try git(["status", "--porcelain"], in: repository), " M committee/content/issues/1/index.ja.md\n")
    }

    func testFiltersByMemberIssueAndLanguage() async throws {
        let (_, root) = try repository()
        let report = try await report(root: root, .revision("HEAD~1"), .revision("HEAD"))
        let goto = report.filtered(member: "goto")
        XCTAssertEqual(goto.comments.map { "\($0.id) \($0.change.rawValue)" }, ["c2 removed", "c3 moved"])
        XCTAssertEqual(goto.sections, [])
        XCTAssertEqual(goto.references, [])
        let english = report.filtered(language: .en)
        XCTAssertEqual(english.comments.map { "\($0.id) \($0.change.rawValue)" }, ["c1 edited", "c2 removed", "c3 moved", "c4 added"])
        XCTAssertEqual(english.sections, [])
        XCTAssertEqual(english.references.map(\.id), ["hakusho"])
        XCTAssertTrue(report.filtered(issue: "2").isEmpty)
    }

    func testFoldersComparedWithDirs() async throws {
        let old = try MiniSite.make(self)
        let new = try MiniSite.make(self, ["content/comments/14/c1.en.md": "---\nmember: nakanishi\ntarget: \"1#1.1\"\nmeeting: \"14\"\n---\nIt should work.\n"])
        let report = try await report(root: old, .directory(old.path), .directory(new.path))
        XCTAssertEqual(DiffFormatter.text(report), """
        shingi diff \(old.path) → \(new.path)
        comments: 1 edited

        issue 1: 体制の構築 / Building structures
          #1.1 １．１ 機能 / 1.1 Functions
            comment c1 edited — nakanishi, meeting 14 [en]
              en: It should [-function-]{+work+}.

        """)
    }

    func testCommandExitCodeAndErrors() async throws {
        let (_, root) = try repository()
        let same = try shingi(["diff", "HEAD", "--root", root.path, "--exit-code"])
        XCTAssertEqual(same.status, 0, same.err)
        XCTAssertEqual(same.out, "shingi diff HEAD → working tree\nno changes\n")
        let changed = try shingi(["diff", "HEAD~1", "HEAD", "--root", root.path, "--exit-code", "--format", "json"])
        XCTAssertEqual(changed.status, 1, changed.err)
        try assertDiffGolden(changed.out, "two-revisions.json")
        let unknown = try shingi(["diff", "nope", "--root", root.path])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.out, "")
        XCTAssertTrue(unknown.err.hasPrefix("error: old: unknown revision 'nope' in the git repository at "), unknown.err)
    }

    // MARK: JSON writer

    func testJSONWriterEscapesSortsAndIndents() {
        let value: JSONValue = [
            "b": ["x\"y\\z\n\u{1}\u{1F}/é日本", 3, true, nil],
            "a": [], "c": [:], "aa": ["k": "v"],
        ]
        XCTAssertEqual(value.serialized(), """
        {
          "a": [],
          "aa": {
            "k": "v"
          },
          "b": [
            "x\\"y\\\\z\\u000a\\u0001\\u001f/é日本",
            3,
            true,
            null
          ],
          "c": {}
        }
        """)
    }

    // MARK: HTML report

    /// The HTML report of the two revisions, written by the command to a folder.
    private func htmlReport(baseURL: String? = nil, extra: [String: String] = [:]) throws -> (folder: URL, ja: String, en: String) {
        let (repository, root) = try repository()
        if !extra.isEmpty {
            try write(extra, to: root)
            try git(["add", "-A"], in: repository)
            try git(["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "third"], in: repository)
        }
        let folder = try temporaryDirectory(self).appendingPathComponent("report")
        var arguments = ["diff", "HEAD~1", "HEAD", "--root", root.path, "--format", "html", "--out", folder.path]
        if !extra.isEmpty { arguments[1] = "HEAD~2" }
        if let baseURL { arguments += ["--base-url", baseURL] }
        let result = try shingi(arguments)
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(result.out, "wrote the review report to \(folder.path)/index.html (ja, en)\n")
        let ja = try String(contentsOf: folder.appendingPathComponent("ja/index.html"), encoding: .utf8)
        let en = try String(contentsOf: folder.appendingPathComponent("en/index.html"), encoding: .utf8)
        return (folder, ja, en)
    }

    /// The whole report, both languages and the language choice, against golden files:
    /// summary counts, text diffs with insertions and deletions, member and meeting
    /// names, the filters, and links to the published pages.
    func testHTMLReportInBothLanguagesWithTheSiteStylesheet() throws {
        let (folder, ja, en) = try htmlReport()
        let files = try tree(folder).keys.filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertEqual(files, ["assets/style.css", "en/index.html", "index.html", "ja/index.html"])
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("assets/style.css")),
                       try Data(contentsOf: defaultTheme.appendingPathComponent("assets/style.css")))
        try assertDiffGolden(try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8), "report/index.html")
        try assertDiffGolden(ja, "report/ja/index.html")
        try assertDiffGolden(en, "report/en/index.html")
        // Everything is visible without JavaScript: only the filter form waits for it.
        XCTAssertEqual(en.components(separatedBy: " hidden>").count - 1, 2, "the filter form and the no-match notice only")
    }

    func testHTMLReportLinksToThePagesUnderTheBasePath() throws {
        let (_, ja, en) = try htmlReport(baseURL: "/committee/")
        try assertDiffGolden(ja, "report-base-path/ja/index.html")
        try assertDiffGolden(en, "report-base-path/en/index.html")
        XCTAssertFalse(ja.contains("href=\"/ja/"), "a link ignored the base path")
        // An absolute base URL gives absolute links.
        let absolute = try htmlReport(baseURL: "https://example.go.jp/committee")
        try assertDiffGolden(absolute.ja, "report-absolute/ja/index.html")
    }

    func testHTMLReportEscapesEveryValue() throws {
        let body = "<script>alert(\"x\")</script> & <b>bold</b>"
        let (_, ja, en) = try htmlReport(extra: [
            "content/comments/14/c5.ja.md": "---\nmember: goto\ntarget: \"1#1.1\"\nmeeting: \"14\"\n---\n\(body)\n",
            "content/comments/14/c5.en.md": "---\nmember: goto\ntarget: \"1#1.1\"\nmeeting: \"14\"\n---\n\(body)\n",
        ])
        for html in [ja, en] {
            XCTAssertTrue(html.contains("<ins>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</ins>"), html)
            XCTAssertFalse(html.contains("<script>alert"), html)
            XCTAssertFalse(html.contains("<b>bold"), html)
        }
    }

    func testHTMLReportNeedsOut() throws {
        let (_, root) = try repository()
        let result = try shingi(["diff", "HEAD~1", "--root", root.path, "--format", "html"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.err.contains("--format html writes a folder: give it with --out DIR"), result.err)
    }

    func testDefaultThemeWithReportTemplatesChecksClean() throws {
        var diagnostics: [Diagnostic] = []
        let theme = Theme.load(directory: defaultTheme, displayPrefix: "templates/", languages: Language.allCases, diagnostics: &diagnostics)
        XCTAssertEqual(diagnostics.map(\.description), [])
        XCTAssertTrue(theme?.templateNames.isSuperset(of: ["diff/report", "diff/index", "diff/texts", "diff/fields"]) ?? false)
    }

    /// Runs the built `shingi` binary.
    private func shingi(_ arguments: [String]) throws -> ProcessResult { try runShingi(arguments) }
}

extension XCTestCase {
    /// Compares `actual` with `Tests/Fixtures/diff/<name>` (`assertGolden`).
    func assertDiffGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try assertGolden(actual, "diff/" + name, file: file, line: line)
    }
}
