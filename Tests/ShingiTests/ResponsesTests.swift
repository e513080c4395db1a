import Foundation
import ShingiBuild
import ShingiCore
import ShingiDiff
import XCTest

/// Responses to comments (意見対応表): `status`, `response` and `reflected_in` on a
/// comment, shown with it, on the table pages and in `responses.csv`.
final class ResponsesTests: XCTestCase {
    /// Every status once, in the order the table lists them (c1 on 1.1, the rest on 1.2).
    static let statuses: [(id: String, status: String, ja: String, en: String)] = [
        ("c1", "reflected", "反映済", "Reflected"),
        ("c2", "open", "検討中", "Under consideration"),
        ("c3", "partly", "一部反映", "Partly reflected"),
        ("c4", "not-adopted", "反映せず", "Not adopted"),
        ("c5", "noted", "参考", "Noted"),
    ]

    /// MiniSite with c1 reflected in 1.2 and four comments by goto on 1.2, one per other
    /// status; c4's response needs CSV quoting (a comma, quotes, two paragraphs).
    private func siteWithResponses(_ changes: [String: String?] = [:]) throws -> URL {
        var files: [String: String?] = [:]
        for (index, entry) in Self.statuses.enumerated() {
            let target = index == 0 ? "1#1.1" : "1#1.2"
            let member = index == 0 ? "nakanishi" : "goto"
            let reflected = index == 0 ? "reflected_in: \"1#1.2\"\n" : ""
            let responses = index == 3
                ? (ja: "response: |\n  理由は「a, b」と\"c\"。\n\n  第二段落。\n", en: "response: |\n  Because of \"a, b\".\n\n  Second paragraph.\n")
                : (ja: "response: \"\(entry.ja)とした。\"\n", en: "response: \"Marked \(entry.status).\"\n")
            files["content/comments/14/\(entry.id).ja.md"] = "---\nmember: \(member)\ntarget: \"\(target)\"\nmeeting: \"14\"\nstatus: \(entry.status)\n\(reflected)\(responses.ja)---\n意見\(index + 1)。\n"
            files["content/comments/14/\(entry.id).en.md"] = "---\nmember: \(member)\ntarget: \"\(target)\"\nmeeting: \"14\"\nstatus: \(entry.status)\n\(reflected)\(responses.en)---\nComment \(index + 1).\n"
        }
        for (path, text) in changes { files[path] = text }
        return try MiniSite.make(self, files)
    }

    private func text(_ result: BuildResult, _ path: String) throws -> String {
        String(decoding: try XCTUnwrap(result.files.first { $0.path == path }, path).bytes, as: UTF8.self)
    }

    private func bytes(_ result: BuildResult, _ path: String) throws -> [UInt8] {
        try XCTUnwrap(result.files.first { $0.path == path }, path).bytes
    }

    func testEveryStatusIsShownWithItsCommentOnTheIssuePageAndInTheTable() async throws {
        let result = await build(try siteWithResponses())
        XCTAssertEqual(result.diagnostics, [])
        for language in Language.allCases {
            let issue = try text(result, "\(language.rawValue)/issues/1/index.html")
            let table = try text(result, "\(language.rawValue)/responses/index.html")
            let meetingTable = try text(result, "\(language.rawValue)/meetings/14/responses/index.html")
            for entry in Self.statuses {
                let label = language == .ja ? entry.ja : entry.en
                let badge = "<span class=\"badge status-badge status-\(entry.status)\">\(label)</span>"
                // The badge is inside the comment's own item on the issue page.
                let item = try XCTUnwrap(issue.range(of: "<li class=\"comment\" id=\"comment-\(entry.id)\">"), entry.id)
                let end = try XCTUnwrap(issue[item.upperBound...].range(of: "</li>"))
                XCTAssertTrue(issue[item.upperBound..<end.lowerBound].contains(badge), "\(language) \(entry.id)")
                // In the table, the status is the row's last cell.
                let row = try XCTUnwrap(table.range(of: "<tr id=\"response-\(entry.id)\">"), entry.id)
                let rowEnd = try XCTUnwrap(table[row.upperBound...].range(of: "</tr>"))
                XCTAssertTrue(table[row.upperBound..<rowEnd.lowerBound].hasSuffix("<td data-label=\"\(language == .ja ? "対応状況" : "Status")\">\(badge)</td>\n      "), "\(language) \(entry.id)")
                XCTAssertTrue(meetingTable.contains(badge), "\(language) \(entry.id)")
            }
        }
        // One whole row: number linked to the comment, member, target, comment, response, status.
        let ja = try text(result, "ja/responses/index.html")
        let row = try XCTUnwrap(ja.range(of: "<tr id=\"response-c1\">"))
        let rowEnd = try XCTUnwrap(ja[row.lowerBound...].range(of: "</tr>"))
        assertSameText(String(ja[row.lowerBound..<rowEnd.upperBound]), """
        <tr id="response-c1">
                <th scope="row"><a href="/ja/issues/1/#comment-c1">1</a></th>
                <td data-label="委員"><a class="member-link" href="/ja/members/nakanishi/">中西委員</a></td>
                <td data-label="対象箇所"><a class="issue-link" href="/ja/issues/1/">政策課題１　体制の構築</a> › <a class="issue-link" href="/ja/issues/1/#1.1">１．１ 機能</a></td>
                <td data-label="コメント" lang="ja">
        <p>意見1。</p>

                </td>
                <td data-label="対応"><div lang="ja">
        <p>反映済とした。</p>

                </div><p class="comment-reflected">反映箇所：<span class="meta-item"><a class="issue-link" href="/ja/issues/1/#1.2">１．２ 実践</a></span></p></td>
                <td data-label="対応状況"><span class="badge status-badge status-reflected">反映済</span></td>
              </tr>
        """, "the first row of the 意見対応表")
    }

    func testTheCommentShowsItsResponseAndTheSectionLinksBack() async throws {
        let result = await build(try siteWithResponses())
        let issue = try text(result, "en/issues/1/index.html")
        XCTAssertTrue(issue.contains("""
          <div class="comment-response">
            <p class="response-label">Secretariat&#39;s response</p>
            <div class="response-body" lang="en">
        <p>Marked reflected.</p>

            </div>
          </div>
          <p class="comment-reflected">Reflected in: <span class="meta-item"><a class="issue-link" href="/en/issues/1/#1.2">1.2 Practice</a></span></p>
        """), issue)
        // Section 1.2, where c1 is reflected, links back to it.
        XCTAssertTrue(issue.contains("""
          <p class="reflected-label">Members&#39; comments reflected here</p>
          <ul class="reflected-comments"><li><a href="/en/issues/1/#comment-c1">Comment by Nakanishi</a></li></ul>
        """), issue)
        XCTAssertEqual(issue.components(separatedBy: "reflected-comments").count - 1, 1)
        // The feed entry carries the response after the comment.
        let feed = try text(result, "ja/feed.xml")
        XCTAssertTrue(feed.contains("&lt;p&gt;意見1。&lt;/p&gt;\n\n&lt;p&gt;&lt;strong&gt;事務局の対応：反映済&lt;/strong&gt;&lt;/p&gt;\n&lt;div&gt;\n&lt;p&gt;反映済とした。&lt;/p&gt;\n&lt;/div&gt;\n</content>"), feed)
    }

    func testCSVHasTheTableRowsWithBOMAndCRLFAndIsTheSameFromBuildToBuild() async throws {
        let root = try siteWithResponses()
        let first = await build(root)
        let csv = try bytes(first, "ja/responses/responses.csv")
        XCTAssertEqual(Array(csv.prefix(3)), [0xEF, 0xBB, 0xBF])
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasSuffix("\r\n"))
        XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line break is CRLF")
        XCTAssertEqual(try CSVReader.parse(text), [
            ["No.", "委員", "対象箇所", "コメント", "対応", "対応状況"],
            ["1", "中西委員", "政策課題１　１．１ 機能", "意見1。", "反映済とした。", "反映済"],
            ["2", "後藤会長", "政策課題１　１．２ 実践", "意見2。", "検討中とした。", "検討中"],
            ["3", "後藤会長", "政策課題１　１．２ 実践", "意見3。", "一部反映とした。", "一部反映"],
            ["4", "後藤会長", "政策課題１　１．２ 実践", "意見4。", "理由は「a, b」と\"c\"。\r\n第二段落。", "反映せず"],
            ["5", "後藤会長", "政策課題１　１．２ 実践", "意見5。", "参考とした。", "参考"],
        ])
        XCTAssertEqual(try CSVReader.parse(String(decoding: try bytes(first, "en/meetings/14/responses/responses.csv").dropFirst(3), as: UTF8.self)), [
            ["No.", "Member", "Section", "Comment", "Response", "Status"],
            ["1", "Nakanishi", "Policy Issue 1: 1.1 Functions", "Comment 1.", "Marked reflected.", "Reflected"],
            ["2", "Chair Goto", "Policy Issue 1: 1.2 Practice", "Comment 2.", "Marked open.", "Under consideration"],
            ["3", "Chair Goto", "Policy Issue 1: 1.2 Practice", "Comment 3.", "Marked partly.", "Partly reflected"],
            ["4", "Chair Goto", "Policy Issue 1: 1.2 Practice", "Comment 4.", "Because of \"a, b\".\r\nSecond paragraph.", "Not adopted"],
            ["5", "Chair Goto", "Policy Issue 1: 1.2 Practice", "Comment 5.", "Marked noted.", "Noted"],
        ])
        // The fields are quoted as RFC 4180 says: the comma and quotes of row 4.
        XCTAssertTrue(text.contains("4,後藤会長,政策課題１　１．２ 実践,意見4。,\"理由は「a, b」と\"\"c\"\"。\r\n第二段落。\",反映せず\r\n"), text)
        let second = await build(root)
        for path in ["ja/responses/responses.csv", "en/responses/responses.csv", "ja/meetings/14/responses/responses.csv"] {
            XCTAssertEqual(try bytes(second, path), try bytes(first, path), path)
        }
    }

    func testUnknownStatusIsAnErrorAtTheValueWithTheAllowedValues() async throws {
        let root = try siteWithResponses(["content/comments/14/c2.en.md": "---\nmember: goto\ntarget: \"1#1.2\"\nmeeting: \"14\"\nstatus: reflectd\n---\nComment 2.\n"])
        let result = await build(root)
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "content/comments/14/c2.en.md:5:9: error: status 'reflectd' is not one of open, reflected, partly, not-adopted, noted; did you mean 'reflected'? [unknown-status]",
        ])
    }

    func testBrokenReflectedInIsAnErrorAtTheTarget() async throws {
        let root = try siteWithResponses([
            "content/comments/14/c1.ja.md": "---\nmember: nakanishi\ntarget: \"1#1.1\"\nmeeting: \"14\"\nreflected_in: [\"1#1.3\", \"9#1.1\", \"1\"]\n---\n意見1。\n",
            "content/comments/14/c1.en.md": nil,
        ])
        let result = await build(root)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.description), [
            "content/comments/14/c1.ja.md:5:16: error: reflected_in '1#1.3' names section '1.3' of issue '1', which has no such section; known sections: 1.1, 1.2 [broken-reflected-in]",
            "content/comments/14/c1.ja.md:5:25: error: reflected_in '9#1.1' names issue '9', which does not exist in content/issues/ [broken-reflected-in]",
            "content/comments/14/c1.ja.md:5:34: error: reflected_in '1' must be 'issue-id#section-id', e.g. \"2#2.3\" [broken-reflected-in]",
        ])
    }

    func testReflectedInADraftIssueIsRefusedInAPublishedBuild() async throws {
        let issue = "---\nid: \"2\"\nnumber: 2\ntitle: \"案\"\ndraft: true\n---\n## ２．１ 案 {#2.1}\n\n本文。\n"
        let root = try siteWithResponses([
            "content/issues/2/index.ja.md": issue, "content/issues/2/index.en.md": nil,
            "content/comments/14/c1.en.md": nil,
            "content/comments/14/c1.ja.md": "---\nmember: nakanishi\ntarget: \"1#1.1\"\nmeeting: \"14\"\nstatus: reflected\nreflected_in: \"2#2.1\"\n---\n意見1。\n",
        ])
        var options = BuildOptions(root: root, defaultTheme: defaultTheme)
        options.drafts = false
        let result = await SiteBuilder(options: options).render()
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.description), [
            "content/comments/14/c1.ja.md:6:15: error: reflected_in '2#2.1' names issue '2', a draft (draft: true in content/issues/2/index.ja.md), which a published build leaves out; publish it, remove the link, or build with --drafts [link-to-draft]",
        ])
        options.drafts = true
        let preview = await SiteBuilder(options: options).render()
        XCTAssertEqual(preview.diagnostics.filter { $0.severity == .error }, [])
    }

    func testTheLanguagesMustAgreeOnTheStatus() async throws {
        let root = try siteWithResponses(["content/comments/14/c2.en.md": "---\nmember: goto\ntarget: \"1#1.2\"\nmeeting: \"14\"\nstatus: noted\n---\nComment 2.\n"])
        let result = await build(root)
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "content/comments/14/c2.en.md:5:9: error: this translation has status 'noted' but content/comments/14/c2.ja.md has 'open'; the languages of one comment must agree [translation-mismatch]",
        ])
    }

    func testDiffReportsStatusResponseAndReflectedInChanges() async throws {
        let old = try siteWithResponses()
        let new = try siteWithResponses([
            "content/comments/14/c2.ja.md": "---\nmember: goto\ntarget: \"1#1.2\"\nmeeting: \"14\"\nstatus: reflected\nreflected_in: \"1#1.1\"\nresponse: \"１．１に反映した。\"\n---\n意見2。\n",
            "content/comments/14/c2.en.md": "---\nmember: goto\ntarget: \"1#1.2\"\nmeeting: \"14\"\nstatus: reflected\nreflected_in: \"1#1.1\"\nresponse: \"Reflected in 1.1.\"\n---\nComment 2.\n",
        ])
        let scratch = try temporaryDirectory(self)
        let reader = RevisionReader(root: old)
        let report = SiteDiff().compare(try await reader.read(.directory(old.path), name: "old", scratch: scratch),
                                        try await reader.read(.directory(new.path), name: "new", scratch: scratch),
                                        oldLabel: "old", newLabel: "new")
        XCTAssertEqual(DiffFormatter.text(report), """
        shingi diff old → new
        comments: 1 edited

        issue 1: 体制の構築 / Building structures
          #1.2 １．２ 実践 / 1.2 Practice
            comment c2 edited — goto, meeting 14; status open → reflected; response [ja] 検討中とした。 → １．１に反映した。; response [en] Marked open. → Reflected in 1.1.; reflected_in none → 1#1.1

        """)
        let json = DiffFormatter.json(report)
        XCTAssertTrue(json.contains("""
              "fields": [
                {
                  "field": "status",
                  "new": "reflected",
                  "old": "open"
                },
                {
                  "field": "response",
                  "lang": "ja",
                  "new": "１．１に反映した。",
                  "old": "検討中とした。"
                },
                {
                  "field": "response",
                  "lang": "en",
                  "new": "Reflected in 1.1.",
                  "old": "Marked open."
                },
                {
                  "field": "reflected_in",
                  "new": "1#1.1",
                  "old": null
                }
              ],
        """), json)
        // The review report names the fields in its language.
        let folder = try temporaryDirectory(self).appendingPathComponent("report")
        let html = try runShingi(["diff", "--dirs", old.path, new.path, "--format", "html", "--out", folder.path])
        XCTAssertEqual(html.status, 0, html.err)
        let ja = try String(contentsOf: folder.appendingPathComponent("ja/index.html"), encoding: .utf8)
        for label in ["<th scope=\"row\">状態</th>", "<th scope=\"row\">対応 (日本語)</th>", "<th scope=\"row\">反映箇所</th>"] {
            XCTAssertTrue(ja.contains(label), "\(label)\n\(ja)")
        }
    }
}
