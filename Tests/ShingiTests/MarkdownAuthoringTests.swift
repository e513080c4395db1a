import ShingiMarkdown
import XCTest

/// Markdown that authors can trust (issue 14): line breaks in cells, URLs, escapes,
/// cross-link edges, autolinks in Japanese text.
final class MarkdownAuthoringTests: XCTestCase {
    private func problems(_ fragment: RenderedFragment) -> [String] {
        fragment.problems.map { "\($0.position.line):\($0.position.column): \($0.isError ? "error" : "warning"): \($0.message) [\($0.code)]" }
    }

    // MARK: <br> in table cells

    func testLineBreakTagsInTableCellsAreKept() {
        let fragment = MarkdownRenderer.render("| a |\n|---|\n| 一<br>二<br/>三<BR />*四<br>五* |\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html),
                       "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>一<br>二<br>三<br><em>四<br>五</em></td>\n</tr>\n</tbody>\n</table>\n")
        XCTAssertEqual(fragment.problems, [])
    }

    func testLineBreakTagOutsideATableIsStillDropped() {
        let fragment = MarkdownRenderer.render("一<br>二\n\n| a |\n|---|\n| <b>x</b> |\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html),
                       "<p>一<!-- raw HTML omitted -->二</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><!-- raw HTML omitted -->x<!-- raw HTML omitted --></td>\n</tr>\n</tbody>\n</table>\n")
        XCTAssertEqual(fragment.problems.map(\.code), ["raw-html-dropped", "raw-html-dropped", "raw-html-dropped"])
    }

    // MARK: URLs

    func testURLsWithoutASchemeAreRelative() {
        let fragment = MarkdownRenderer.render("[link](foo\\)\\:) [minutes](2021-06-02T10:00.html) [x](javascript:alert(1))\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html), "<p><a href=\"foo):\">link</a> <a href=\"2021-06-02T10:00.html\">minutes</a> <a href=\"\">x</a></p>\n")
        XCTAssertEqual(problems(fragment), [
            "1:50: error: the link URL 'javascript:alert(1)' is not an http(s), mailto or relative URL; only those are published [unsafe-url]",
        ])
    }

    func testAURLInProseWithAnUnpublishedSchemeIsTextWithItsPosition() {
        let fragment = MarkdownRenderer.render("Title\n\nline one\nthe archive ftp://foo.bar.baz and ftp://foo.bar.baz again\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html), "<p>Title</p>\n<p>line one\nthe archive ftp://foo.bar.baz and ftp://foo.bar.baz again</p>\n")
        XCTAssertEqual(problems(fragment), [
            "4:13: warning: 'ftp://foo.bar.baz' is shown as text, not as a link: only http(s) and mailto URLs are linked; put it in backticks to say it is meant as text [unlinked-url]",
            "4:35: warning: 'ftp://foo.bar.baz' is shown as text, not as a link: only http(s) and mailto URLs are linked; put it in backticks to say it is meant as text [unlinked-url]",
        ])
    }

    func testAURLInJapaneseTextEndsBeforeFullWidthPunctuation() {
        let fragment = MarkdownRenderer.render("（Statistics Canada http://www.statcan.gc.ca）のデータを基に作成。\n「https://example.jp/a」と www.example.jp/b。\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html),
                       "<p>（Statistics Canada <a href=\"http://www.statcan.gc.ca\">http://www.statcan.gc.ca</a>）のデータを基に作成。\n「<a href=\"https://example.jp/a\">https://example.jp/a</a>」と <a href=\"http://www.example.jp/b\">www.example.jp/b</a>。</p>\n")
        XCTAssertEqual(fragment.problems, [])
    }

    func testABareURLFollowedByJapaneseLettersIsWarnedAbout() {
        let fragment = MarkdownRenderer.render("資料は https://example.jp/資料 と <https://example.jp/資料> と [資料](https://example.jp/資料)\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html),
                       "<p>資料は <a href=\"https://example.jp/\">https://example.jp/</a>資料 と <a href=\"https://example.jp/%E8%B3%87%E6%96%99\">https://example.jp/資料</a> と <a href=\"https://example.jp/%E8%B3%87%E6%96%99\">資料</a></p>\n")
        XCTAssertEqual(problems(fragment), [
            "1:5: warning: the URL 'https://example.jp/' is directly followed by '資料', so the link ends before it; put a space after the URL, or write <https://example.jp/資料> if that text belongs to the address [url-end-unclear]",
        ])
    }

    // MARK: Cross-links and double brackets

    func testDoubleBracketedProseIsTextWithAWarning() {
        let fragment = MarkdownRenderer.render("a [[TODO: check the figures]] b\n[[Note:see below]] [[http://example.com]]\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html), "<p>a [[TODO: check the figures]] b\n[[Note:see below]] [[http://example.com]]</p>\n")
        XCTAssertEqual(fragment.crossLinks, [])
        let advice = "is not a link kind (issue, ref, member, meeting, comment); write \\[\\[ to show double brackets without this warning [not-a-cross-link]"
        XCTAssertEqual(problems(fragment), [
            "1:3: warning: '[[TODO: check the figures]]' is left as text: 'TODO' \(advice)",
            "2:1: warning: '[[Note:see below]]' is left as text: 'Note' \(advice)",
            "2:20: warning: '[[http://example.com]]' is left as text: 'http' \(advice)",
        ])
    }

    func testCrossLinkLabelsMayHoldMarkdownAndWrap() {
        let fragment = MarkdownRenderer.render("見よ [[issue:1|a *b* `c`]] と [[issue:1#1.1|政策\n課題]]。\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html), "<p>見よ ⟨O0⟩a <em>b</em> <code>c</code>⟨C0⟩ と ⟨O1⟩政策\n課題⟨C1⟩。</p>\n")
        XCTAssertEqual(fragment.crossLinks, [
            CrossLinkReference(kind: "issue", target: "1", anchor: nil, label: "a b c", source: "[[issue:1|a b c]]",
                               position: BodyPosition(line: 1, column: 4)),
            CrossLinkReference(kind: "issue", target: "1", anchor: "1.1", label: "政策 課題", source: "[[issue:1#1.1|政策 課題]]",
                               position: BodyPosition(line: 1, column: 28)),
        ])
        XCTAssertEqual(fragment.problems, [])
    }

    func testCrossLinksAreNumberedInReadingOrder() {
        let fragment = MarkdownRenderer.render("[[ref:a]] *[[ref:b]] **[[ref:c|x]]*** [[ref:d]]\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html), "<p>⟨L0⟩ <em>⟨L1⟩ <strong>⟨O2⟩x⟨C2⟩</strong></em> ⟨L3⟩</p>\n")
        XCTAssertEqual(fragment.crossLinks.map(\.target), ["a", "b", "c", "d"])
    }

    func testACrossLinkInTheEmphasisOfALabelMakesTheOuterOneAnError() {
        let fragment = MarkdownRenderer.render("[[issue:1|*see [[ref:a]]*]]\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html), "<p>[[issue:1|<em>see ⟨L0⟩</em>]]</p>\n")
        XCTAssertEqual(fragment.crossLinks.map(\.source), ["[[ref:a]]"])
        XCTAssertEqual(problems(fragment), [
            "1:1: error: cross-link '[[issue:1|see [[ref:a]]]]' has a link, image, footnote, raw HTML or another cross-link in its label; a label may hold emphasis, code and line breaks only [invalid-cross-link]",
        ])
    }

    /// The inner link wraps a line inside the emphasis, so no single text node holds it.
    func testAWrappedCrossLinkInTheEmphasisOfALabelMakesTheOuterOneAnError() {
        let fragment = MarkdownRenderer.render("[[issue:1|*x [[issue:2|y\nz]]* w]]\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html), "<p>[[issue:1|<em>x ⟨O0⟩y\nz⟨C0⟩</em> w]]</p>\n")
        XCTAssertEqual(fragment.problems.map(\.code), ["invalid-cross-link"])
    }

    func testCrossLinksThatCannotBeLinksAreErrorsWithPositions() {
        let fragment = MarkdownRenderer.render("x\n\nsee [[issue:1|[a](https://e.org)]] and [[issue:*1*]]\nand [[member:goto unclosed\n")
        XCTAssertEqual(fragment.crossLinks, [])
        XCTAssertEqual(problems(fragment), [
            "3:5: error: cross-link '[[issue:1|a]]' has a link, image, footnote, raw HTML or another cross-link in its label; a label may hold emphasis, code and line breaks only [invalid-cross-link]",
            "3:40: error: cross-link '[[issue:1]]' has emphasis, code or a link in its target; only the label (after '|') may hold them [invalid-cross-link]",
            "4:5: error: cross-link '[[member:goto unclosed' has no closing ']]' in the same paragraph (or emphasis); close it as [[member:id]] or [[member:id|label]] [invalid-cross-link]",
        ])
    }

    func testACrossLinkInsideALinkIsAnError() {
        let fragment = MarkdownRenderer.render("[see [[issue:1]] here](https://e.org) [[[ref:a]]](u)\n")
        XCTAssertEqual(fragment.crossLinks, [])
        XCTAssertEqual(problems(fragment), [
            "1:6: error: cross-link '[[issue:1]]' is inside the text of a link, and a link cannot hold another; take it out of the [text](url) [invalid-cross-link]",
            "1:40: error: cross-link '[[ref:a]]' is inside the text of a link, and a link cannot hold another; take it out of the [text](url) [invalid-cross-link]",
        ])
    }

    // MARK: Escapes

    func testEscapesAndEntitiesKeepShingiSyntaxLiteral() {
        let fragment = MarkdownRenderer.render("\\[\\[issue:1]] &#91;&#91;issue:1]] &lbrack;[issue:1]] [[issue:1|a\\|b]] `\\[\\[x]] &#91;`\n\n# a \\{#b}\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html), "<p>[[issue:1]] [[issue:1]] [[issue:1]] ⟨O0⟩a|b⟨C0⟩ <code>\\[\\[x]] &amp;#91;</code></p>\n⟨H0⟩<h1 id=\"a-b\">\na {#b}\n<a class=\"heading-anchor\" href=\"#a-b\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h1>\n")
        XCTAssertEqual(fragment.crossLinks.map(\.source), ["[[issue:1|a|b]]"])
        XCTAssertEqual(fragment.headings.map(\.text), ["a {#b}"])
        XCTAssertEqual(fragment.problems, [])
    }

    func testACharacterReferenceToTheDelimiterIsReplaced() {
        let fragment = MarkdownRenderer.render("x &#1;L0&#1; [t](u \"&#x1;\")\n")
        XCTAssertEqual(Placeholder.tokens(of: fragment.html), [.html("<p>x \u{FFFD}L0\u{FFFD} <a href=\"u\" title=\"\u{FFFD}\">t</a></p>\n")])
    }

    // MARK: Ids

    func testHeadingIDsAvoidTheLayoutsAndFootnotesIDs() {
        let fragment = MarkdownRenderer.render("# Main\n\n# fn 1\n\n# Comment 1\n\n## x {#main}\n\n## y {#fn-2}\n\n# fn\n\n# fn\n")
        XCTAssertEqual(fragment.headings.map(\.id), ["main-2", "section-fn-1", "section-comment-1", "x", "y", "section-fn", "section-fn-2"])
        XCTAssertEqual(problems(fragment), [
            "7:1: error: heading id 'main' is taken by the page around the text (layout, comments or footnotes); choose another id [reserved-heading-id]",
            "9:1: error: heading id 'fn-2' is taken by the page around the text (layout, comments or footnotes); choose another id [reserved-heading-id]",
        ])
    }

    func testFootnoteIDsCarryTheFragmentsNamespace() {
        let fragment = MarkdownRenderer.render("a[^1]\n\n[^1]: n\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html), "<p>a<sup class=\"footnote-ref\"><a href=\"#fn-⟨N⟩1\" id=\"fnref-⟨N⟩1\" data-footnote-ref>1</a></sup></p>\n<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-⟨N⟩1\">\n<p>n <a href=\"#fnref-⟨N⟩1\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Back to content\">↩</a></p>\n</li>\n</ol>\n</section>\n")
    }
}
