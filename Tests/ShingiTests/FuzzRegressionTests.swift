import ShingiMarkdown
import XCTest

/// Inputs found by fuzzing the Markdown stage (`scripts/fuzz`, Fuzz/README.md), each with
/// the exact output it must give now.
final class FuzzRegressionTests: XCTestCase {
    /// Numeric character references are decoded by cmark after the input's U+0001 were
    /// replaced, so `&#1;L5&#1;` used to reach the HTML as a cross-link placeholder with no
    /// cross-link behind it (the render stage then indexed past `crossLinks`).
    func testCharacterReferenceCannotForgeACrossLinkPlaceholder() {
        let fragment = MarkdownRenderer.render("x &#1;L5&#1;\n")
        XCTAssertEqual(fragment.html, "<p>x \u{FFFD}L5\u{FFFD}</p>\n")
        XCTAssertEqual(fragment.crossLinks, [])
        XCTAssertEqual(Placeholder.tokens(of: fragment.html), [.html("<p>x \u{FFFD}L5\u{FFFD}</p>\n")])
    }

    /// A forged placeholder beside a real one would have printed cross-link 0 twice, and a
    /// forged heading start would have opened a second section for heading 0.
    func testCharacterReferenceCannotDuplicateRealPlaceholders() {
        let fragment = MarkdownRenderer.render("# T &#x01;H0&#x01;\n\n[[ref:a]] &#1;L0&#1;\n")
        XCTAssertEqual(Placeholder.tokens(of: fragment.html), [
            .headingStart(0),
            .html("<h1 id=\"t-h0\">\nT \u{FFFD}H0\u{FFFD}\n<a class=\"heading-anchor\" href=\"#t-h0\" aria-hidden=\"true\">#</a></h1>\n<p>"),
            .crossLink(0),
            .html(" \u{FFFD}L0\u{FFFD}</p>\n"),
        ])
        XCTAssertEqual(fragment.headings.map(\.text), ["T \u{FFFD}H0\u{FFFD}"])
        XCTAssertEqual(fragment.crossLinks.map(\.source), ["[[ref:a]]"])
    }

    /// The other places where cmark prints decoded references as they are: link and image
    /// titles, image alt text (text nodes inside a link), autolink text, code block info.
    func testCharacterReferencesInTitlesAltTextAutolinksAndInfoStrings() {
        let fragment = MarkdownRenderer.render(
            "[a](/u \"t&#1;\") ![b&#1;](/i.png \"&#1;\") <http://h&#1;>\n\n```&#1;js\nx\n```\n")
        XCTAssertEqual(fragment.html, """
            <p><a href="/u" title="t\u{FFFD}">a</a> <img src="/i.png" alt="b\u{FFFD}" title="\u{FFFD}" /> \
            <a href="http://h%01">http://h\u{FFFD}</a></p>
            <pre><code class="language-\u{FFFD}js">x
            </code></pre>

            """)
        XCTAssertFalse(fragment.html.unicodeScalars.contains("\u{1}"))
        XCTAssertEqual(fragment.problems, [])
    }

    /// Inside a cross-link the reference is replaced before the link is read.
    func testCharacterReferenceInsideACrossLink() {
        let fragment = MarkdownRenderer.render("[[issue:1#&#1;|&#1;]]\n")
        XCTAssertEqual(fragment.crossLinks, [CrossLinkReference(
            kind: "issue", target: "1", anchor: "\u{FFFD}", label: "\u{FFFD}", source: "[[issue:1#\u{FFFD}|\u{FFFD}]]",
            position: BodyPosition(line: 1, column: 1))])
        XCTAssertEqual(Placeholder.tokens(of: fragment.html), [.html("<p>"), .crossLink(0), .html("</p>\n")])
    }
}
