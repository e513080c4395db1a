import Foundation
import ShingiCore
import ShingiDiff
import XCTest

/// `shingi diff` names the translations that became stale between two revisions: the
/// source changed, the translation did not follow (`translation_of`).
final class DiffTranslationTests: XCTestCase {
    private let enIssue = "content/issues/1/index.en.md"
    private let jaIssue = "content/issues/1/index.ja.md"

    /// MiniSite with the English issue marked as translated from the Japanese text,
    /// committed; then section 1.2 of the Japanese text edited and committed, and, in the
    /// working tree, section 1.1 too.
    private func repository() throws -> (repository: URL, root: URL) {
        let repository = try temporaryDirectory(self)
        let root = repository.appendingPathComponent("committee")
        var files = MiniSite.files
        files[enIssue] = files[enIssue]!.replacingOccurrences(
            of: "meeting: \"14\"\n---\n", with: "meeting: \"14\"\ntranslation_of:\n  \"1.1\": \"f8a0ea34981a\"\n  \"1.2\": \"f43fce22e3f2\"\n---\n")
        try write(files, to: root)
        _ = try runGit(["init", "-q", "-b", "main"], in: repository)
        try commitAll(in: repository, message: "first")
        let edited = MiniSite.files[jaIssue]!.replacingOccurrences(of: "の発言。", with: "の発言（修正）。")
        try write([jaIssue: edited], to: root)
        try commitAll(in: repository, message: "second")
        try write([jaIssue: edited.replacingOccurrences(of: "本文", with: "本文（改）")], to: root)
        return (repository, root)
    }

    private func report(root: URL, _ old: DiffSide, _ new: DiffSide) async throws -> DiffReport {
        try await diffReport(self, root: root, old, new)
    }

    func testASectionWhoseTranslationBecameStaleIsReported() async throws {
        let (_, root) = try repository()
        let report = try await report(root: root, .revision("HEAD~1"), .revision("HEAD"))
        XCTAssertEqual(report.translations, [TranslationChange(path: enIssue, language: .en, source: jaIssue, part: "1.2", issue: "1")])
        XCTAssertEqual(DiffFormatter.text(report), """
        shingi diff HEAD~1 → HEAD
        sections: 1 edited; translations: 1 stale

        issue 1: 体制の構築 / Building structures
          #1.2 １．２ 実践 / 1.2 Practice
            section edited [ja]
              ja: [[member:goto]]の発言{+（修正）+}。

        translations now stale
          \(enIssue) section 1.2 [en]: \(jaIssue) changed

        """)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(DiffFormatter.json(report).utf8)) as? [String: Any])
        XCTAssertEqual(json["translations"] as? [[String: String]], [
            ["path": enIssue, "lang": "en", "source": jaIssue, "part": "1.2", "issue": "1", "change": "stale"],
        ])
        // Only what became stale since the old side: 1.2 was stale already at HEAD.
        let since = try await self.report(root: root, .revision("HEAD"), .workingTree)
        XCTAssertEqual(since.translations.map(\.part), ["1.1"])
        // The filters: a language or issue keeps it, a member or meeting does not.
        XCTAssertEqual(report.filtered(language: .en).translations.count, 1)
        XCTAssertEqual(report.filtered(language: .ja).translations, [])
        XCTAssertEqual(report.filtered(issue: "1").translations.count, 1)
        XCTAssertEqual(report.filtered(member: "goto").translations, [])
        // Nothing stale when nothing changed.
        let none = try await self.report(root: root, .revision("HEAD~1"), .revision("HEAD~1"))
        XCTAssertTrue(none.isEmpty)
    }

    func testTheHTMLReportListsTheStaleTranslationInBothLanguages() throws {
        let (_, root) = try repository()
        let folder = try temporaryDirectory(self).appendingPathComponent("report")
        let result = try runShingi(["diff", "HEAD~1", "HEAD", "--root", root.path, "--format", "html", "--out", folder.path])
        XCTAssertEqual(result.status, 0, result.err)
        let en = try String(contentsOf: folder.appendingPathComponent("en/index.html"), encoding: .utf8)
        let ja = try String(contentsOf: folder.appendingPathComponent("ja/index.html"), encoding: .utf8)
        XCTAssertTrue(en.contains("""
                <h3>Translations now out of date</h3>
                <ul class="diff-list">
                  <li class="diff-item diff-stale" data-member="" data-meeting="" data-issue="1">
                    <p class="comment-meta"><span class="badge diff-badge diff-badge-stale">stale</span> <span><a href="/en/issues/1/#1.2">Policy Issue 1: Building structures › 1.2 Practice (English)</a></span> <code class="diff-id">\(enIssue)</code></p>
        """), en)
        XCTAssertTrue(ja.contains("""
                <h3>翻訳が古くなった箇所</h3>
                <ul class="diff-list">
                  <li class="diff-item diff-stale" data-member="" data-meeting="" data-issue="1">
                    <p class="comment-meta"><span class="badge diff-badge diff-badge-stale">要更新</span> <span><a href="/en/issues/1/#1.2">政策課題１　体制の構築 › １．２ 実践（英語）</a></span> <code class="diff-id">\(enIssue)</code></p>
        """), ja)
    }
}
