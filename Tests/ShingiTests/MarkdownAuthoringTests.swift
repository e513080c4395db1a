import ShingiMarkdown
import XCTest

/// Markdown that authors can trust (issue 14): line breaks in cells, URLs, escapes,
/// cross-link edges, autolinks in Japanese text.
final class MarkdownAuthoringTests: XCTestCase {
    /// The fragment HTML with placeholders shown as ⟨L0⟩ / ⟨H0⟩.
    private func visible(_ html: String) -> String {
        Placeholder.tokens(of: html).map { token -> String in
            switch token {
            case .html(let text): return String(text)
            case .crossLink(let i): return "⟨L\(i)⟩"
            case .headingStart(let i): return "⟨H\(i)⟩"
            }
        }.joined()
    }

    private func problems(_ fragment: RenderedFragment) -> [String] {
        fragment.problems.map { "\($0.position.line):\($0.position.column): \($0.isError ? "error" : "warning"): \($0.message) [\($0.code)]" }
    }

    // MARK: <br> in table cells

    func testLineBreakTagsInTableCellsAreKept() {
        let fragment = MarkdownRenderer.render("| a |\n|---|\n| 一<br>二<br/>三<BR />*四<br>五* |\n")
        XCTAssertEqual(visible(fragment.html),
                       "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>一<br>二<br>三<br><em>四<br>五</em></td>\n</tr>\n</tbody>\n</table>\n")
        XCTAssertEqual(fragment.problems, [])
    }

    func testLineBreakTagOutsideATableIsStillDropped() {
        let fragment = MarkdownRenderer.render("一<br>二\n\n| a |\n|---|\n| <b>x</b> |\n")
        XCTAssertEqual(visible(fragment.html),
                       "<p>一<!-- raw HTML omitted -->二</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><!-- raw HTML omitted -->x<!-- raw HTML omitted --></td>\n</tr>\n</tbody>\n</table>\n")
        XCTAssertEqual(fragment.problems.map(\.code), ["raw-html-dropped", "raw-html-dropped", "raw-html-dropped"])
    }
}
