import Foundation
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
            .html("<h1 id=\"t-h0\">\nT \u{FFFD}H0\u{FFFD}\n<a class=\"heading-anchor\" href=\"#t-h0\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h1>\n<p>"),
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
            &lt;<a href="http://h%EF%BF%BD%3E">http://h\u{FFFD}&gt;</a></p>
            <pre><code class="language-\u{FFFD}js">x
            </code></pre>

            """)
        XCTAssertFalse(fragment.html.unicodeScalars.contains("\u{1}"))
        XCTAssertEqual(fragment.problems, [])
    }

    /// Escapes and references were once left as written after `[^` (a footnote label is
    /// an id): a reference to U+0001 there, in an image's alt text, reached the HTML. A
    /// label's hidden escapes reach the ids only percent-encoded, the same in both.
    func testReferenceToTheDelimiterAfterAFootnoteLabelOpening() {
        let fragment = MarkdownRenderer.render("[^x ![b&#1;](/i.png) [^y\\[]\n\n[^y\\[]: n\n")
        XCTAssertEqual(visiblePlaceholders(fragment.html), """
            <p>[^x <img src="/i.png" alt="b\u{FFFD}" /> <sup class="footnote-ref"><a href="#fn-⟨N⟩y%01%02" id="fnref-⟨N⟩y%01%02" data-footnote-ref>1</a></sup></p>
            <section class="footnotes" data-footnotes>
            <ol>
            <li id="fn-⟨N⟩y%01%02">
            <p>n <a href="#fnref-⟨N⟩y%01%02" class="footnote-backref" data-footnote-backref aria-label="Back to content">↩</a></p>
            </li>
            </ol>
            </section>

            """)
    }

    /// The autolink extension took the digit of an escape's sentinel (U+0001 `3` for `\}`)
    /// into an e-mail address and left U+0001 alone in the text before it; and it trims a
    /// `;` off a URL's end, which ended an entity's. Sentinels are now control characters
    /// only, and a delimiter that is no sentinel or placeholder becomes U+FFFD.
    func testAutolinksDoNotSplitTheSentinelOfAnEscape() {
        let fragment = MarkdownRenderer.render("a \\}0nr@example.org and https://e.org/x&#91;\n")
        XCTAssertEqual(fragment.html, "<p>a }<a href=\"mailto:0nr@example.org\">0nr@example.org</a> and <a href=\"https://e.org/x%5B\">https://e.org/x[</a></p>\n")
    }

    /// Inside a cross-link the reference is replaced before the link is read.
    func testCharacterReferenceInsideACrossLink() {
        let fragment = MarkdownRenderer.render("[[issue:1#&#1;|&#1;]]\n")
        XCTAssertEqual(fragment.crossLinks, [CrossLinkReference(
            kind: "issue", target: "1", anchor: "\u{FFFD}", label: "\u{FFFD}", source: "[[issue:1#\u{FFFD}|\u{FFFD}]]",
            position: BodyPosition(line: 1, column: 1))])
        XCTAssertEqual(Placeholder.tokens(of: fragment.html),
                       [.html("<p>"), .crossLinkOpen(0), .html("\u{FFFD}"), .crossLinkClose(0), .html("</p>\n")])
    }

    /// The heading text was gathered by recursion over the inline tree, one frame per level
    /// of nesting: `# ***…a…***` (40 kB) overflowed the stack of a build worker thread and
    /// `shingi build` died with SIGSEGV. Rendered here on a 512 kB stack.
    func testDeeplyNestedHeadingDoesNotOverflowTheStack() {
        let depth = 10_000
        let stars = String(repeating: "**", count: depth)
        let fragment = onThread(stackSize: 512 * 1024) { MarkdownRenderer.render("# \(stars)a\(stars)\n") }
        XCTAssertEqual(fragment.headings, [Heading(level: 1, id: "a", text: "a", isExplicitID: false,
                                                   position: BodyPosition(line: 1, column: 1))])
        XCTAssertEqual(Placeholder.tokens(of: fragment.html), [
            .headingStart(0),
            .html(Substring("<h1 id=\"a\">\n" + String(repeating: "<strong>", count: depth) + "a"
                            + String(repeating: "</strong>", count: depth)
                            + "\n<a class=\"heading-anchor\" href=\"#a\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h1>\n")),
        ])
    }

    /// Cross-links in a deeply nested heading are shown by label, in one pass.
    func testCrossLinksInNestedHeadingText() {
        let fragment = MarkdownRenderer.render("## *[[issue:1|One]] and **[[ref:r]]*** {#x}\n")
        XCTAssertEqual(fragment.headings.map(\.text), ["One and r"])
        XCTAssertEqual(fragment.crossLinks.map(\.source), ["[[issue:1|One]]", "[[ref:r]]"])
    }

    /// Each automatic id tried every `-N` from 2 on: `#\n` × 4,000 (8 kB) took seconds and
    /// 20,000 headings minutes. The next suffix per base is remembered.
    func testManyEqualHeadingsGetTheirSuffixesInLinearTime() {
        let count = 20_000
        let started = Date()
        let fragment = MarkdownRenderer.render(String(repeating: "#\n", count: count))
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
        XCTAssertEqual(fragment.headings.map(\.id), ["section"] + (2...count).map { "section-\($0)" })
        XCTAssertEqual(fragment.headings.last?.position, BodyPosition(line: count, column: 1))
    }

    /// Suffixes still skip the ids that are taken, explicit ones included.
    func testRememberedSuffixesSkipTakenIDs() {
        let fragment = MarkdownRenderer.render("## a {#a-2}\n\n## a\n\n## a\n\n## a-3\n\n## a\n")
        XCTAssertEqual(fragment.headings.map(\.id), ["a-2", "a", "a-3", "a-3-2", "a-4"])
    }

    /// Every position on a line decoded the line up to it again: 40,000 cross-links on one
    /// line (320 kB) took a minute. Character offsets are computed once per line.
    func testLongLineOfCrossLinksHasExactColumnsInLinearTime() {
        let count = 40_000
        let line = String(repeating: "[[ref:b]] ", count: count - 1) + "[[ref:é]]"
        let started = Date()
        let fragment = MarkdownRenderer.render("é " + line + "\n")
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        XCTAssertEqual(fragment.crossLinks.count, count)
        XCTAssertEqual(fragment.crossLinks.map(\.position.column), (0..<count).map { 3 + 10 * $0 })
        XCTAssertEqual(fragment.crossLinks.last, CrossLinkReference(
            kind: "ref", target: "é", anchor: nil, label: nil, source: "[[ref:é]]",
            position: BodyPosition(line: 1, column: 3 + 10 * (count - 1))))
    }

    /// A cross-link after an entity is found by searching the line from cmark's guess on.
    func testCrossLinkAfterEntitiesIsFoundFromTheGuessOn() {
        let fragment = MarkdownRenderer.render("&amp;[[ref:b]] [[ref:c]]\n\n&amp;&amp; x\n[[ref:d]]\n")
        XCTAssertEqual(fragment.crossLinks.map(\.position), [
            BodyPosition(line: 1, column: 6), BodyPosition(line: 1, column: 16), BodyPosition(line: 4, column: 1),
        ])
    }

    private final class Box<T>: @unchecked Sendable { var value: T? }

    private func onThread<T>(stackSize: Int, _ body: @escaping @Sendable () -> T) -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        return box.value!
    }
}
