import Foundation
import ShingiCore
@testable import ShingiLoad
@testable import ShingiRender
import XCTest

/// What the renderer adds for readers: language of parts, tables that read on a phone,
/// page descriptions, the comments of a section under its heading, the source document.
final class ReaderMarkupTests: XCTestCase {
    func testJapaneseRunsOnAnEnglishPageAreTagged() {
        let html = """
        <html lang="en"><head><title>Term 用語</title></head><body>
        <td>CSIRT（組織内CSIRT） means a team</td><p>a “総務書” and 関係 府省 here<br>x</p>
        <p lang="ja">日本語</p><span class="untranslated" lang="ja">未翻訳</span><a title="注意" href="#">ok</a>
        <!-- 注釈 --><script>var s = "日本";</script></body></html>
        """
        XCTAssertEqual(LanguageOfParts.tagJapanese(in: html), """
        <html lang="en"><head><title>Term 用語</title></head><body>
        <td><span lang="ja">CSIRT（組織内CSIRT）</span> means a team</td><p>a <span lang="ja">“総務書”</span> and <span lang="ja">関係 府省</span> here<br>x</p>
        <p lang="ja">日本語</p><span class="untranslated" lang="ja">未翻訳</span><a title="注意" href="#">ok</a>
        <!-- 注釈 --><script>var s = "日本";</script></body></html>
        """)
        let english = "<p lang=\"en\">Only English</p>"
        XCTAssertEqual(LanguageOfParts.tagJapanese(in: english), english)
    }

    /// A long English page with many Japanese runs (a comments index at N = 1,000 is
    /// 6 MB) is tagged whole. (Its speed, once quadratic in the page's length, is measured
    /// by benchmarks/run.sh, not asserted here.)
    func testALongPageWithManyJapaneseRunsIsTaggedWhole() {
        let count = 100_000
        let html = "<p>" + String(repeating: "a <b>用語</b> b", count: count) + "</p>"
        let tagged = LanguageOfParts.tagJapanese(in: html)
        XCTAssertEqual(tagged, "<p>" + String(repeating: "a <b><span lang=\"ja\">用語</span></b> b", count: count) + "</p>")
    }

    func testTablesGetARegionCardLabelsAndNoEmptyHeaderCells() {
        let html = """
        <p>x</p>
        <table>
        <thead>
        <tr>
        <th></th>
        <th align="left">機能 <a href="#r">[1]</a></th>
        <th>&quot;体制&quot;</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>CSIRT</td>
        <td align="left">a</td>
        <td>b</td>
        </tr>
        </tbody>
        </table>
        """
        XCTAssertEqual(TableMarkup.enhance(html, label: "表："), """
        <p>x</p>
        <div class="table-scroll" role="region" tabindex="0" aria-label="表：機能 [1] / &quot;体制&quot;">
        <table class="stack">
        <thead>
        <tr>
        <td></td>
        <th align="left">機能 <a href="#r">[1]</a></th>
        <th>&quot;体制&quot;</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>CSIRT</td>
        <td data-label="機能 [1]" align="left">a</td>
        <td data-label="&quot;体制&quot;">b</td>
        </tr>
        </tbody>
        </table>
        </div>
        """)
        XCTAssertEqual(TableMarkup.enhance("<p>no table</p>", label: "Table: "), "<p>no table</p>")
    }

    func testDescriptionIsTheFirstParagraphClipped() {
        XCTAssertEqual(PageDescription.firstParagraph("<h2>T</h2>\n<p>The <a href=\"x\">first</a>\nparagraph.</p><p>Second</p>"), "The first paragraph.")
        XCTAssertNil(PageDescription.firstParagraph("<h2>No paragraph</h2>"))
        let long = String(repeating: "あ", count: 158) + "&amp;b"
        XCTAssertEqual(PageDescription.clipped(long), String(repeating: "あ", count: 158) + "…")
    }

    func testSourceDocumentInShingiYml() throws {
        let root = try temporaryDirectory(self)
        try write(["shingi.yml": """
        title: {ja: "専門調査会", en: "Expert Panel"}
        source:
          title: {ja: "主な政策課題（案）", en: "Main policy issues (draft)"}
          date: "2021-06-02"
          url: "javascript:alert(1)"
          publisher: "x"
        """], to: root)
        var diagnostics: [Diagnostic] = []
        let config = DataFileLoader.loadConfig(root: root, diagnostics: &diagnostics)
        XCTAssertEqual(config.source, SourceDocument(title: Localized([.ja: "主な政策課題（案）", .en: "Main policy issues (draft)"]), date: ISODate("2021-06-02")))
        XCTAssertEqual(diagnostics.map(\.description), [
            "shingi.yml:5:8: error: source url 'javascript:alert(1)' is not an http(s) address; give where the original document is published, or leave url out [unsafe-url]",
            "shingi.yml:6:3: warning: source in shingi.yml has an unknown field 'publisher'; check its spelling against docs/content-format.md [unknown-field]",
        ])
    }

    /// A section's comments: a count under its heading linking to them, a heading one
    /// level below the section's, and a count in the contents list; a comment on a
    /// sub-section sits right after that sub-section.
    func testCommentsAreFoundFromTheHeadingAndTheContents() async throws {
        let root = try MiniSite.make(self, [
            "content/issues/1/index.ja.md": MiniSite.files["content/issues/1/index.ja.md"]! + "\n\n### 詳細 {#1.2-detail}\n\n詳細。\n",
            "content/comments/14/c2.ja.md": "---\nmember: goto\ntarget: \"1#1.2-detail\"\nmeeting: \"14\"\n---\n詳細について。\n",
        ])
        let out = root.appendingPathComponent("site")
        let result = await build(root, out: out, write: true)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.description), [])
        let page = try String(contentsOf: out.appendingPathComponent("ja/issues/1/index.html"), encoding: .utf8)
        let sections = page.components(separatedBy: "\n").filter {
            $0.contains("<h2 id=") || $0.contains("<h3 id=") || $0.contains("comments-heading") || $0.contains("section-comments-link") || $0.contains("toc-comments")
        }.map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(sections.joined(separator: "\n"), """
        <li><a href="#1.1">１．１ 機能</a> <a class="toc-comments" href="#comments-1.1" aria-label="委員コメント（1件）">1件</a></li>
        <li class="sub"><a href="#1.2-detail">詳細</a> <a class="toc-comments" href="#comments-1.2-detail" aria-label="委員コメント（1件）">1件</a></li>
        <h2 id="1.1">
        <p class="section-comments-link"><a href="#comments-1.1">この節への委員コメント（1件）</a></p>
        <h3 class="comments-heading" id="comments-1.1">委員コメント <span class="count">1件</span></h3>
        <h2 id="1.2">
        <h3 id="1.2-detail">
        <p class="section-comments-link"><a href="#comments-1.2-detail">この節への委員コメント（1件）</a></p>
        <h4 class="comments-heading" id="comments-1.2-detail">委員コメント <span class="count">1件</span></h4>
        <h2 id="cited-references">本ページで引用している資料</h2>
        """)
    }

    /// A citation links to the page's own entry for the reference, which links back.
    func testCitationsLinkToThePagesOwnListAndBack() async throws {
        let root = try MiniSite.make(self)
        let out = root.appendingPathComponent("site")
        _ = await build(root, out: out, write: true)
        let page = try String(contentsOf: out.appendingPathComponent("ja/issues/1/index.html"), encoding: .utf8)
        let lines = page.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(lines.filter { $0.contains("cite-") || $0.contains("cited-tebiki") }, [
            "<p>本文<a class=\"citation\" id=\"cite-tebiki-1\" href=\"#cited-tebiki\" title=\"手引き\">[1]</a>。</p>",
            "<li id=\"cited-tebiki\" class=\"reference\">",
            "<p class=\"backlinks\">本文の引用箇所：<a href=\"#cite-tebiki-1\" aria-label=\"本文の引用箇所1へ戻る\">↩1</a></p>",
        ])
    }
}
