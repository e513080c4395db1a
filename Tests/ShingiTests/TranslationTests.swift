import Foundation
import ShingiBuild
import ShingiCore
@testable import ShingiLoad
import ShingiMarkdown
import ShingiResolve
import XCTest

/// Translations that record what they were made from (`translation_of`) and say when
/// their source changed: detection, the worklist, `--mark`, the notice on the page.
final class TranslationTests: XCTestCase {
    private let enIssue = "content/issues/1/index.en.md"

    /// MiniSite after `shingi translations --mark` on every English file.
    private func markedSite() async throws -> URL {
        let root = try MiniSite.make(self)
        let built = await build(root)
        let site = try XCTUnwrap(built.site)
        let marker = TranslationMarker(root: root, site: site)
        for path in [enIssue, "content/comments/14/c1.en.md"] { XCTAssertNil(marker.mark(path)) }
        return root
    }

    private func text(_ root: URL, _ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func testPartsAreHashedFromTheNormalisedTextOfEachSection() throws {
        // Hashes from Python's hashlib of the normalised sections of MiniSite's issue.
        let body = "## １．１ 機能 {#1.1}  \n\n\n本文[[ref:tebiki]]。\r\n\n## １．２ 実践 {#1.2}\n\n[[member:goto]]の発言。\n\n"
        let parsed = InProcessMarkdownParser().parse(body)
        let source = MarkdownSource(path: "a.md", language: .ja, fragment: parsed, body: body, bodyFirstLine: 5)
        XCTAssertEqual(SourceParts(source).parts.map { [$0.key, $0.hash, "\($0.line)"] },
                       [["1.1", "f8a0ea34981a", "1"], ["1.2", "f43fce22e3f2", "6"]])
        let whole = MarkdownSource(path: "b.md", language: .ja, fragment: InProcessMarkdownParser().parse("x\n"), body: "x\n", bodyFirstLine: 4)
        XCTAssertEqual(SourceParts(whole).parts.map(\.key), ["_intro"])
        XCTAssertTrue(SourceParts(whole).isWhole)
    }

    func testMarkChangesOnlyTheTranslationOfField() async throws {
        let root = try MiniSite.make(self)
        let before = try text(root, enIssue)
        let built = await build(root)
        let site = try XCTUnwrap(built.site)
        XCTAssertNil(TranslationMarker(root: root, site: site).mark(enIssue))
        let marked = before.replacingOccurrences(of: "meeting: \"14\"\n---\n",
                                                 with: "meeting: \"14\"\ntranslation_of:\n  \"1.1\": \"f8a0ea34981a\"\n  \"1.2\": \"f43fce22e3f2\"\n---\n")
        XCTAssertEqual(try text(root, enIssue), marked)
        // Marking again replaces the field in place, whatever it held, and keeps what follows.
        let edited = marked.replacingOccurrences(of: "\"1.2\": \"f43fce22e3f2\"\n", with: "\"1.2\": \"000000000000\"\n  \"9.9\": \"111111111111\"\nsummary: \"S\"\n")
        try write([enIssue: edited], to: root)
        let rebuilt = await build(root)
        let again = try XCTUnwrap(rebuilt.site)
        XCTAssertNil(TranslationMarker(root: root, site: again).mark(enIssue))
        XCTAssertEqual(try text(root, enIssue), marked.replacingOccurrences(of: "---\n## 1.1", with: "summary: \"S\"\n---\n## 1.1"))
        // A text without sections records one hash; the source itself cannot be marked.
        let comment = "content/comments/14/c1.en.md"
        XCTAssertNil(TranslationMarker(root: root, site: again).mark(comment))
        XCTAssertEqual(try text(root, comment), "---\nmember: nakanishi\ntarget: \"1#1.1\"\nmeeting: \"14\"\ntranslation_of: \"\(SourceParts.hash("機能するようにすべき。"))\"\n---\nIt should function.")
        XCTAssertEqual(TranslationMarker(root: root, site: again).mark("content/issues/1/index.ja.md")?.code, "not-a-translation")
    }

    func testFrontMatterEditKeepsLineEndingsAndOtherBytes() {
        XCTAssertEqual(FrontMatterEdit.replacing("translation_of", with: ["translation_of: \"abc\""], in: "---\r\na: 1\r\ntranslation_of:\r\n  x: y\r\nb: 2\r\n---\r\nBody\r\n"),
                       "---\r\na: 1\r\ntranslation_of: \"abc\"\r\nb: 2\r\n---\r\nBody\r\n")
        XCTAssertNil(FrontMatterEdit.replacing("translation_of", with: ["x"], in: "no front matter\n"))
    }

    func testAChangedSourceSectionMakesItsTranslationStale() async throws {
        let root = try await markedSite()
        let current = await build(root)
        XCTAssertEqual(current.diagnostics, [])
        XCTAssertEqual(current.site!.translationStates().map { "\($0.path) \($0.part) \($0.state)" },
                       ["\(enIssue) 1.1 current", "\(enIssue) 1.2 current", "content/comments/14/c1.en.md _intro current"])
        let ja = try text(root, "content/issues/1/index.ja.md")
        try write(["content/issues/1/index.ja.md": ja.replacingOccurrences(of: "の発言。", with: "の発言（修正）。")], to: root)
        let stale = await build(root)
        XCTAssertEqual(stale.diagnostics.map(\.description), [
            "\(enIssue):9:10: warning: this translation was made from an older text of content/issues/1/index.ja.md: section 1.2 changed since; bring the translation up to date, then run `shingi translations --mark \(enIssue)` [translation-stale]",
        ])
        let report = TranslationReport(stale.site!.translationStates())
        XCTAssertEqual(report.text, """
        \(enIssue)  1.1  current  (from content/issues/1/index.ja.md)
        \(enIssue)  1.2  stale  (from content/issues/1/index.ja.md)
        content/comments/14/c1.en.md  _intro  current  (from content/comments/14/c1.ja.md)
        en: 2 current, 1 stale, 0 missing, 0 unrecorded

        """)
    }

    func testMissingAndUnrecordedTranslationsAreListedNotWarned() async throws {
        let root = try MiniSite.make(self, ["content/comments/14/c1.en.md": nil])
        let result = await build(root)
        XCTAssertFalse(result.diagnostics.contains { $0.code == "translation-stale" })
        let report = TranslationReport(result.site!.translationStates(language: .en))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        XCTAssertEqual(json["counts"] as? [String: [String: Int]], ["en": ["current": 0, "stale": 0, "missing": 1, "unrecorded": 2]])
        XCTAssertEqual((json["parts"] as? [[String: String]])?.last,
                       ["path": "content/comments/14/c1.en.md", "language": "en", "source": "content/comments/14/c1.ja.md", "part": "_intro", "state": "missing"])
    }

    func testAStaleTranslationsPageCarriesANoticeOnTheStaleSection() async throws {
        let root = try await markedSite()
        let ja = try text(root, "content/issues/1/index.ja.md")
        try write(["content/issues/1/index.ja.md": ja.replacingOccurrences(of: "の発言。", with: "の発言（修正）。")], to: root)
        let result = await SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme)).render()
        let page = try XCTUnwrap(result.files.first { $0.path == "en/issues/1/index.html" })
        let html = String(decoding: page.bytes, as: UTF8.self)
        let notice = "<p class=\"translation-stale\" role=\"note\">The original of this section has changed since it was translated; this translation may be out of date. Original: 14th meeting (21 January 2021). <a href=\"/ja/issues/1/#1.2\" hreflang=\"ja\">Read the current original</a></p>\n"
        XCTAssertEqual(html.components(separatedBy: "translation-stale").count, 2, "one notice only")
        // Right after the heading of the stale section.
        XCTAssertTrue(html.contains("<a class=\"heading-anchor\" href=\"#1.2\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>" + notice), html)
        let japanese = String(decoding: try XCTUnwrap(result.files.first { $0.path == "ja/issues/1/index.html" }).bytes, as: UTF8.self)
        XCTAssertFalse(japanese.contains("translation-stale"))
    }

    func testAHashThatIsNoHashIsAnErrorAtItsPlace() async throws {
        let en = MiniSite.files[enIssue]!.replacingOccurrences(of: "meeting: \"14\"\n", with: "meeting: \"14\"\ntranslation_of: {\"1.1\": abc}\n")
        let result = await build(try MiniSite.make(self, [enIssue: en]))
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.description), [
            "\(enIssue):7:25: error: 'abc' in 'translation_of' is not a 12-digit hash; run `shingi translations --mark <this file>` to write the current ones [invalid-translation-hash]",
        ])
    }

    func testThePreviewReportsAndMarksAStaleTranslationAsAFullBuildDoes() async throws {
        let root = try await markedSite()
        let builder = SiteBuilder(options: ServeOptionsBuild.options(root), cache: MarkdownCache())
        let first = await builder.rebuild(previous: nil, changedPaths: [])
        XCTAssertEqual(first.result.diagnostics, [])
        let ja = try text(root, "content/issues/1/index.ja.md")
        try write(["content/issues/1/index.ja.md": ja.replacingOccurrences(of: "の発言。", with: "の発言（修正）。")], to: root)
        let rebuild = await builder.rebuild(previous: first.next, changedPaths: ["content/issues/1/index.ja.md"])
        let fresh = await SiteBuilder(options: ServeOptionsBuild.options(root)).render()
        XCTAssertEqual(rebuild.result.diagnostics.map(\.code), ["translation-stale"])
        XCTAssertEqual(rebuild.result.diagnostics, fresh.diagnostics)
        let served = rebuild.delta?.files ?? rebuild.result.files
        let page = try XCTUnwrap(served.first { $0.path == "en/issues/1/index.html" }, "the English page is rendered again")
        XCTAssertEqual(page.bytes, fresh.files.first { $0.path == "en/issues/1/index.html" }?.bytes)
        XCTAssertTrue(String(decoding: page.bytes, as: UTF8.self).contains("translation-stale"))
    }
}

/// The build options of the preview (drafts included), for a test site.
enum ServeOptionsBuild {
    static func options(_ root: URL) -> BuildOptions {
        var options = BuildOptions(root: root, defaultTheme: defaultTheme)
        options.drafts = true
        return options
    }
}
