import ShingiMarkdown
import XCTest

final class MarkdownTests: XCTestCase {
    func testExplicitHeadingIDIsRemovedFromTheVisibleHeading() {
        let fragment = MarkdownRenderer.render("## １．１ xSIRTごとの特徴 {#1.1}\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html),
                       "⟨H0⟩<h2 id=\"1.1\">\n１．１ xSIRTごとの特徴\n<a class=\"heading-anchor\" href=\"#1.1\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>\n")
        XCTAssertEqual(fragment.headings, [Heading(level: 2, id: "1.1", text: "１．１ xSIRTごとの特徴", isExplicitID: true,
                                                   position: BodyPosition(line: 1, column: 1))])
    }

    func testFullWidthExplicitIDIsNormalised() {
        XCTAssertEqual(MarkdownRenderer.render("## 論点 {#１．２}\n").headings.map(\.id), ["1.2"])
    }

    func testAutomaticIDsAreNFKCSlugsAndUniquePerPage() {
        let fragment = MarkdownRenderer.render("## 重複\n\n## 重複\n\n### Ａｂｃ　ＤＥＦ\n\n## x {#重複-2}\n")
        XCTAssertEqual(fragment.headings.map(\.id), ["重複", "重複-3", "abc-def", "重複-2"])
    }

    func testDuplicateAndInvalidExplicitIDsAreProblems() {
        let fragment = MarkdownRenderer.render("## a {#x}\n\n## b {#x}\n\n## c {#a b}\n")
        XCTAssertEqual(fragment.problems.map(\.code), ["duplicate-heading-id", "invalid-heading-id"])
        XCTAssertEqual(fragment.problems.map(\.position.line), [3, 5])
    }

    func testCrossLinksBecomePlaceholdersWithCharacterColumns() {
        let fragment = MarkdownRenderer.render("本文[[ref:tebiki]]と[[issue:2#2.1|政策課題２]]。\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html), "<p>本文⟨L0⟩と⟨O1⟩政策課題２⟨C1⟩。</p>\n")
        XCTAssertEqual(fragment.crossLinks, [
            CrossLinkReference(kind: "ref", target: "tebiki", anchor: nil, label: nil, source: "[[ref:tebiki]]",
                               position: BodyPosition(line: 1, column: 3)),
            CrossLinkReference(kind: "issue", target: "2", anchor: "2.1", label: "政策課題２", source: "[[issue:2#2.1|政策課題２]]",
                               position: BodyPosition(line: 1, column: 18)),
        ])
    }

    func testCrossLinkPositionOnALaterLineOfAParagraph() {
        let fragment = MarkdownRenderer.render("一行目の文。\n二行目に[[member:goto]]。\n")
        XCTAssertEqual(fragment.crossLinks.map(\.position), [BodyPosition(line: 2, column: 5)])
    }

    func testCodeSpansAndBlocksAreNotTouched() {
        let fragment = MarkdownRenderer.render("`[[ref:a]]`\n\n```\n[[ref:b]]\n```\n")
        XCTAssertEqual(fragment.crossLinks, [])
        XCTAssertEqual(visiblePlaceholders(fragment.html), "<p><code>[[ref:a]]</code></p>\n<pre><code>[[ref:b]]\n</code></pre>\n")
    }

    func testBracketsWithoutKindAreLeftAsText() {
        let fragment = MarkdownRenderer.render("[[note]] and [[ unclosed\n")
        XCTAssertEqual(fragment.crossLinks, [])
        XCTAssertEqual(visiblePlaceholders(fragment.html), "<p>[[note]] and [[ unclosed</p>\n")
    }

    func testCrossLinkInATableCellWithEscapedPipe() {
        let fragment = MarkdownRenderer.render("| a |\n|---|\n| [[issue:1\\|x]] |\n")
        XCTAssertEqual(fragment.crossLinks.map(\.label), ["x"])
        XCTAssertEqual(visiblePlaceholders(fragment.html), "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>⟨O0⟩x⟨C0⟩</td>\n</tr>\n</tbody>\n</table>\n")
    }

    func testSafeModeDropsRawHTMLAndJavascriptURLs() {
        let fragment = MarkdownRenderer.render("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html),
                       "<!-- raw HTML omitted -->\n<p><a href=\"\">x</a> <!-- raw HTML omitted --></p>\n")
    }

    func testRawHTMLAndUnsafeURLsAreReported() {
        let fragment = MarkdownRenderer.render("<div>x</div>\n\na <b>b</b> [x](vbscript:x) [y](https://e.org)\n")
        XCTAssertEqual(fragment.problems.map(\.code), ["raw-html-dropped", "raw-html-dropped", "raw-html-dropped", "unsafe-url"])
    }

    func testPlaceholderDelimiterInInputCannotForgeALink() {
        let fragment = MarkdownRenderer.render("a\u{1}L0\u{1}b\n")
        XCTAssertEqual(Placeholder.tokens(of: fragment.html), [.html("<p>a L0 b</p>\n")])
    }

    func testGFMExtensions() {
        let html = visiblePlaceholders(MarkdownRenderer.render("~~del~~ https://example.org\n\n- [x] done\n\nNote[^1].\n\n[^1]: Footnote.\n").html)
        XCTAssertTrue(html.contains("<del>del</del>"))
        XCTAssertTrue(html.contains("<a href=\"https://example.org\">https://example.org</a>"))
        XCTAssertTrue(html.contains("type=\"checkbox\" checked=\"\" disabled=\"\""))
        XCTAssertTrue(html.contains("class=\"footnotes\""))
    }

    func testFootnoteDefinitionsAreReported() {
        let fragment = MarkdownRenderer.render("Text[^a].\n\n[^a]: Note.\n")
        XCTAssertEqual(fragment.footnotes.count, 1)
        XCTAssertEqual(fragment.footnotes.first?.position.line, 3)
    }

    /// cmark-gfm 0.29.0.gfm.6 corrupts documents parsed concurrently without the parse
    /// lock (lost strikethrough/autolinks); only a large corpus shows it.
    func testParallelRenderingMatchesSerialRendering() async {
        let documents = (0..<3000).map { i in
            "## 見出し\(i) {#s\(i)}\n\n~~取消\(i)~~ https://example.org/\(i) と **強調** [[ref:r\(i % 7)]]\n\n| a | b |\n|---|---|\n| \(i) | ~~x~~ |\n"
        }
        let serial = documents.map(MarkdownRenderer.render)
        let parallel = await documents.parallelMap(MarkdownRenderer.render)
        XCTAssertEqual(parallel.count, serial.count)
        let differing = zip(serial, parallel).filter { $0 != $1 }.count
        XCTAssertEqual(differing, 0, "\(differing) documents rendered differently in parallel")
    }
}
