import Foundation
import ShingiCore
import XCTest

/// One test per bad input: each asserts the exact diagnostic lines a user sees.
final class BadInputTests: XCTestCase {
    private func diagnostics(_ changes: [String: String?]) async throws -> [String] {
        let root = try MiniSite.make(self, changes)
        return await build(root).diagnostics.map(\.description)
    }

    private func errors(_ changes: [String: String?]) async throws -> [String] {
        let root = try MiniSite.make(self, changes)
        return await build(root).diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    private let issueJA = MiniSite.files["content/issues/1/index.ja.md"]!
    private let commentJA = MiniSite.files["content/comments/14/c1.ja.md"]!

    func testTheMiniSiteIsClean() async throws {
        let diagnostics = try await diagnostics([:])
        XCTAssertEqual(diagnostics, [])
    }

    func testBrokenCrossLinkTarget() async throws {
        let text = issueJA.replacingOccurrences(of: "本文[[ref:tebiki]]。", with: "本文は[[ref:nothing]]。")
        let diagnostics = try await diagnostics(["content/issues/1/index.ja.md": text])
        XCTAssertEqual(diagnostics, [
            "content/issues/1/index.ja.md:10:4: error: '[[ref:nothing]]' links to reference 'nothing', which does not exist in content/references.yml [broken-link]",
        ])
    }

    func testBrokenCrossLinkAnchor() async throws {
        let text = issueJA + "\n見よ [[issue:1#9.9]]\n"
        let diagnostics = try await diagnostics(["content/issues/1/index.ja.md": text])
        XCTAssertEqual(diagnostics, [
            "content/issues/1/index.ja.md:15:4: error: '[[issue:1#9.9]]' links to section '9.9' of issue '1', which has no such section; known sections: 1.1, 1.2 [broken-anchor]",
        ])
    }

    /// `[[word: …]]` with no link kind is prose (`[[TODO: …]]`): text and a warning, which
    /// `--strict` makes fatal.
    func testDoubleBracketsWithAWordThatIsNoLinkKindAreText() async throws {
        let text = issueJA + "\n[[page:about]]\n"
        let diagnostics = try await diagnostics(["content/issues/1/index.ja.md": text])
        XCTAssertEqual(diagnostics, [
            "content/issues/1/index.ja.md:15:1: warning: '[[page:about]]' is left as text: 'page' is not a link kind (issue, ref, member, meeting, comment); write \\[\\[ to show double brackets without this warning [not-a-cross-link]",
        ])
    }

    func testCommentTargetingUnknownIssueAndSection() async throws {
        let unknownIssue = commentJA.replacingOccurrences(of: "target: \"1#1.1\"", with: "target: \"7#1.1\"")
        var diagnostics = try await self.diagnostics(["content/comments/14/c1.ja.md": unknownIssue])
        XCTAssertEqual(diagnostics, [
            "content/comments/14/c1.ja.md:3:9: error: target issue '7' does not exist; known issues: 1 [unknown-issue]",
            "content/comments/14/c1.en.md:3:9: error: this translation has target '1#1.1' but content/comments/14/c1.ja.md has '7#1.1'; the languages of one comment must agree [translation-mismatch]",
        ].sorted())
        let unknownSection = commentJA.replacingOccurrences(of: "target: \"1#1.1\"", with: "target: \"1#1.9\"")
        diagnostics = try await self.diagnostics(["content/comments/14/c1.ja.md": unknownSection, "content/comments/14/c1.en.md": nil])
        XCTAssertEqual(diagnostics, [
            "content/comments/14/c1.ja.md:1:1: warning: comment 'c1' has no English translation (content/comments/14/c1.en.md); its page is built from the other language with a notice [missing-translation]",
            "content/comments/14/c1.ja.md:3:9: error: issue '1' has no section '1.9'; known sections: 1.1, 1.2 [unknown-section]",
        ])
    }

    func testUnknownMemberAndMeeting() async throws {
        let text = commentJA.replacingOccurrences(of: "member: nakanishi", with: "member: nobody")
            .replacingOccurrences(of: "meeting: \"14\"", with: "meeting: \"99\"")
        let diagnostics = try await diagnostics(["content/comments/14/c1.ja.md": text, "content/comments/14/c1.en.md": nil])
        XCTAssertEqual(diagnostics, [
            "content/comments/14/c1.ja.md:1:1: warning: comment 'c1' has no English translation (content/comments/14/c1.en.md); its page is built from the other language with a notice [missing-translation]",
            "content/comments/14/c1.ja.md:2:9: error: member 'nobody' is not in content/members.yml; add it there or fix the id [unknown-member]",
            "content/comments/14/c1.ja.md:4:10: error: meeting '99' is not in content/meetings.yml; add it there or fix the id [unknown-meeting]",
            "content/comments/14/c1.ja.md:4:10: warning: the comment says meeting '99' but is in the folder comments/14/; move it to comments/99/ [meeting-folder-mismatch]",
        ])
    }

    func testDuplicateIDs() async throws {
        let members = MiniSite.files["content/members.yml"]! + "\n- id: goto\n  name: {ja: \"後藤\", en: \"Goto\"}\n  role: member\n"
        let diagnostics = try await diagnostics(["content/members.yml": members])
        XCTAssertEqual(diagnostics, [
            "content/members.yml:7:3: error: member id 'goto' is already used at content/members.yml:1:3; ids must be unique [duplicate-id]",
        ])
    }

    func testDuplicateCommentIDAcrossMeetings() async throws {
        let meetings = MiniSite.files["content/meetings.yml"]! + "\n- id: \"13\"\n  number: 13\n  date: \"2020-07-31\"\n  title: {ja: \"第13回\", en: \"13th\"}\n"
        let moved = commentJA.replacingOccurrences(of: "meeting: \"14\"", with: "meeting: \"13\"")
        let diagnostics = try await diagnostics(["content/comments/13/c1.ja.md": moved, "content/meetings.yml": meetings])
        XCTAssertEqual(diagnostics, [
            "content/comments/13/c1.ja.md:1:1: warning: comment 'c1' has no English translation (content/comments/13/c1.en.md); its page is built from the other language with a notice [missing-translation]",
            "content/comments/14/c1.ja.md:1:1: error: comment id 'c1' is already used by content/comments/13/c1.ja.md; a comment's file name is its identity and must be unique across meetings [duplicate-id]",
            "content/comments/14/c1.en.md:1:1: error: comment id 'c1' is already used by content/comments/13/c1.ja.md; a comment's file name is its identity and must be unique across meetings [duplicate-id]",
        ].sorted())
    }

    func testMissingRequiredFrontMatter() async throws {
        let text = issueJA.replacingOccurrences(of: "title: \"体制の構築\"\n", with: "")
        let diagnostics = try await diagnostics(["content/issues/1/index.ja.md": text])
        XCTAssertEqual(diagnostics, [
            "content/issues/1/index.ja.md:2:1: error: the front matter is missing the required field 'title' (e.g. title: \"…\") [missing-field]",
        ].sorted())
    }

    func testMissingFrontMatterBlock() async throws {
        let diagnostics = try await diagnostics(["content/pages/about.ja.md": "# About\n", "content/pages/about.en.md": "---\ntitle: About\n---\nText.\n"])
        XCTAssertEqual(diagnostics, [
            "content/pages/about.ja.md:1:1: error: the file does not start with YAML front matter; add a block between '---' lines at the top [missing-front-matter]",
        ].sorted())
    }

    func testMalformedYAMLInFrontMatterGivesItsLine() async throws {
        let text = issueJA.replacingOccurrences(of: "number: 1\n", with: "number: 1\nsummary: \"unclosed\n")
        let diagnostics = try await errors(["content/issues/1/index.ja.md": text])
        XCTAssertEqual(diagnostics.first, "content/issues/1/index.ja.md:5:9: error: malformed YAML: while parsing a block mapping (line 2), did not find expected key; check indentation, quotes and ':' [malformed-yaml]")
    }

    func testMalformedYAMLDataFile() async throws {
        let diagnostics = try await errors(["content/meetings.yml": "- id: \"14\"\n  number: [1\n"])
        XCTAssertEqual(diagnostics.first { $0.hasPrefix("content/meetings.yml") }, "content/meetings.yml:3:1: error: malformed YAML: while parsing a flow sequence (line 2), did not find expected ',' or ']'; check indentation, quotes and ':' [malformed-yaml]")
    }

    func testInvalidUTF8() async throws {
        let root = try MiniSite.make(self)
        var bytes = Array("---\ntitle: x\n---\n本文\n".utf8)
        bytes.insert(0xFF, at: bytes.count - 1)
        try writeBytes(bytes, to: root.appendingPathComponent("content/pages/bad.ja.md"))
        try write(["content/pages/bad.en.md": "---\ntitle: x\n---\nText\n"], to: root)
        let diagnostics = await build(root).diagnostics.map(\.description)
        XCTAssertEqual(diagnostics, [
            "content/pages/bad.ja.md:4:3: error: the file is not valid UTF-8 (byte offset 23); save it as UTF-8 [invalid-utf8]",
        ])
    }

    func testYAMLAliasBombIsRejected() async throws {
        let bomb = """
        - id: goto
          name: &a {ja: "後藤", en: "Goto"}
          role: chair
          affiliation: {ja: [*a, *a, *a, *a, *a, *a, *a, *a, *a]}
        """
        let diagnostics = try await errors(["content/members.yml": bomb])
        XCTAssertEqual(diagnostics.first { $0.hasPrefix("content/members.yml") }, "content/members.yml:2:9: error: YAML anchors and aliases ('&name', '*name') are not allowed; write the value out [yaml-alias]")
    }

    func testDuplicateYAMLKey() async throws {
        let text = issueJA.replacingOccurrences(of: "number: 1\n", with: "number: 1\nnumber: 2\n")
        let diagnostics = try await errors(["content/issues/1/index.ja.md": text])
        XCTAssertEqual(diagnostics.first, "content/issues/1/index.ja.md:4:1: error: duplicate key 'number' in one mapping; keep one [duplicate-key]")
    }

    func testScalarsStayAsWrittenWhereTextIsExpected() async throws {
        let members = MiniSite.files["content/members.yml"]! + "\n- id: no\n  name: {ja: \"012\", en: 2021-06-02}\n  role: member\n"
        let result = await build(try MiniSite.make(self, ["content/members.yml": members]))
        XCTAssertEqual(result.diagnostics, [])
        let member = result.site?.member("no")
        XCTAssertEqual(member?.name[.ja], "012")
        XCTAssertEqual(member?.name[.en], "2021-06-02")
    }

    func testUnknownFieldIsAWarning() async throws {
        let text = issueJA.replacingOccurrences(of: "number: 1\n", with: "number: 1\ntitel: x\n")
        let diagnostics = try await diagnostics(["content/issues/1/index.ja.md": text])
        XCTAssertEqual(diagnostics, ["content/issues/1/index.ja.md:4:1: warning: the front matter has an unknown field 'titel'; did you mean 'title'? [unknown-field]"])
    }

    func testUnknownFieldFarFromAnyPointsToTheFormatReference() async throws {
        let text = issueJA.replacingOccurrences(of: "number: 1\n", with: "number: 1\ncolour: x\n")
        let diagnostics = try await diagnostics(["content/issues/1/index.ja.md": text])
        XCTAssertEqual(diagnostics, ["content/issues/1/index.ja.md:4:1: warning: the front matter has an unknown field 'colour'; check its spelling against docs/content-format.md [unknown-field]"])
    }

    func testUnsafeReferenceURL() async throws {
        let references = "- id: tebiki\n  title: {ja: \"手引き\"}\n  url: \"javascript:alert(1)\"\n"
        let diagnostics = try await diagnostics(["content/references.yml": references])
        XCTAssertEqual(diagnostics, [
            "content/references.yml:1:3: warning: the title of reference 'tebiki' has no English text; it is shown in the other language, marked as untranslated [missing-translation]",
            "content/references.yml:3:8: error: url 'javascript:alert(1)' is not an http(s), mailto or relative URL [unsafe-url]",
        ])
    }

    func testInvalidHeadingIDInABody() async throws {
        let text = issueJA + "\n### x {#a b}\n"
        let diagnostics = try await diagnostics(["content/issues/1/index.ja.md": text])
        XCTAssertEqual(diagnostics, ["content/issues/1/index.ja.md:15:1: error: heading id '{#a b}' is not usable as an HTML id; use letters, digits, '.', '-' or '_' without spaces [invalid-heading-id]"])
    }

    // MARK: Hostile input that must come out harmless

    func testRawScriptIsDroppedWithAWarning() async throws {
        let text = issueJA + "\n<script>alert(1)</script>\n\n本文<img src=x onerror=alert(1)>。\n"
        let root = try MiniSite.make(self, ["content/issues/1/index.ja.md": text])
        let out = root.appendingPathComponent("site")
        let result = await build(root, out: out, write: true)
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "content/issues/1/index.ja.md:15:1: warning: raw HTML is not published (safe mode); write it as Markdown [raw-html-dropped]",
            "content/issues/1/index.ja.md:17:3: warning: raw HTML is not published (safe mode); write it as Markdown [raw-html-dropped]",
        ])
        let html = try String(contentsOf: out.appendingPathComponent("ja/issues/1/index.html"), encoding: .utf8)
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertFalse(html.contains("onerror"))
        XCTAssertTrue(html.contains("<p>本文<!-- raw HTML omitted -->。</p>"))
    }

    func testHostileLinkURLsAreErrors() async throws {
        let text = issueJA + "\n[x](javascript:alert(1)) と ![y](data:image/svg+xml,x) と [ok](https://example.org/) と [rel](../pages/x/)\n"
        let diagnostics = try await diagnostics(["content/issues/1/index.ja.md": text])
        XCTAssertEqual(diagnostics, [
            "content/issues/1/index.ja.md:15:1: error: the link URL 'javascript:alert(1)' is not an http(s), mailto or relative URL; only those are published [unsafe-url]",
            "content/issues/1/index.ja.md:15:28: error: the image URL 'data:image/svg+xml,x' is not an http(s), mailto or relative URL; only those are published [unsafe-url]",
        ])
    }

    func testScriptInTitleAndMemberNameIsEscaped() async throws {
        let members = MiniSite.files["content/members.yml"]!.replacingOccurrences(of: "en: \"Goto\"", with: "en: \"<script>alert('m')</script>\"")
        let issue = MiniSite.files["content/issues/1/index.en.md"]!.replacingOccurrences(of: "title: \"Building structures\"", with: "title: \"<script>alert(\\\"t\\\")</script>\"")
        let root = try MiniSite.make(self, ["content/members.yml": members, "content/issues/1/index.en.md": issue])
        let out = root.appendingPathComponent("site")
        let result = await build(root, out: out, write: true)
        XCTAssertEqual(result.diagnostics, [])
        for page in ["en/issues/1/index.html", "en/members/goto/index.html", "en/index.html"] {
            let html = try String(contentsOf: out.appendingPathComponent(page), encoding: .utf8)
            XCTAssertFalse(html.contains("<script>alert"), page)
        }
        let issueHTML = try String(contentsOf: out.appendingPathComponent("en/issues/1/index.html"), encoding: .utf8)
        XCTAssertTrue(issueHTML.contains("<h1 data-pagefind-meta=\"title\">&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;</h1>"))
    }

    func testFiveMegabyteParagraphBuilds() async throws {
        let paragraph = String(repeating: "政策課題の検討を進める。", count: 5_000_000 / 36 + 1)
        let text = issueJA + "\n" + paragraph + "\n"
        // Over the default limit of 4 MiB, so the site raises it.
        let config = MiniSite.files["shingi.yml"]! + "\nlimits: {max_file_size: 6000000}\n"
        let root = try MiniSite.make(self, ["content/issues/1/index.ja.md": text, "shingi.yml": config])
        let out = root.appendingPathComponent("site")
        let result = await build(root, out: out, write: true)
        XCTAssertEqual(result.diagnostics, [])
        let size = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("ja/issues/1/index.html").path)[.size] as? Int
        XCTAssertGreaterThan(size ?? 0, 5_000_000)
    }

    func testBOMAndCRLFWork() async throws {
        let root = try MiniSite.make(self)
        let crlf = issueJA.replacingOccurrences(of: "\n", with: "\r\n")
        try writeBytes([0xEF, 0xBB, 0xBF] + Array(crlf.utf8), to: root.appendingPathComponent("content/issues/1/index.ja.md"))
        let members = MiniSite.files["content/members.yml"]!.replacingOccurrences(of: "\n", with: "\r\n")
        try writeBytes([0xEF, 0xBB, 0xBF] + Array(members.utf8), to: root.appendingPathComponent("content/members.yml"))
        let result = await build(root)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.site?.issue("1")?.sections.map(\.id), ["1.1", "1.2"])
        XCTAssertEqual(result.site?.member("goto")?.name[.ja], "後藤")
    }
}
