import Foundation
import Mustache
import ShingiCore
import XCTest

@testable import ShingiRender

/// Typed template contexts: what a template reads of them (`TemplateTree`).
final class TemplateContextTests: XCTestCase {
    private struct Item: Encodable, Equatable {
        var url: String
        var current: Bool
    }

    private struct Page: TemplateContext {
        var title = "政策課題"
        var count = 3
        var flag = true
        var items = [Item(url: "/a/", current: true), Item(url: "/b/", current: false)]
        var tags = ["x", "y"]
        var noteHTML: String? = "<p>注</p>"
        var t = UIStringTable(language: .ja, strings: ["k": "v"])
    }

    // MARK: The tree a template reads

    /// The dictionary swift-mustache reads for a context.
    private func object(_ context: some Encodable) throws -> [String: Any] {
        try XCTUnwrap(TemplateTree.of(context) as? [String: Any])
    }

    func testATemplateReadsEachPropertyByItsNameInSnakeCase() throws {
        let tree = try object(Page())
        XCTAssertEqual(Set(tree.keys), ["title", "count", "flag", "items", "tags", "note_html", "t"])
        XCTAssertEqual(tree["title"] as? String, "政策課題")
        XCTAssertEqual(tree["count"] as? Int, 3)
        XCTAssertEqual(tree["flag"] as? Bool, true)
        XCTAssertEqual(tree["note_html"] as? String, "<p>注</p>")
        XCTAssertEqual((tree["tags"] as? [Any])?.compactMap { $0 as? String }, ["x", "y"])
        let items = try XCTUnwrap(tree["items"] as? [Any]).compactMap { $0 as? [String: Any] }
        XCTAssertEqual(items.map { $0["url"] as? String }, ["/a/", "/b/"])
        XCTAssertEqual(items.map { $0["current"] as? Bool }, [true, false])
        // The UI strings are the dictionary itself.
        XCTAssertEqual(tree["t"] as? [String: String], ["k": "v"])
    }

    func testANilOptionalIsAbsentAndOrFalseIsFalse() throws {
        var page = Page()
        page.noteHTML = nil
        XCTAssertFalse(try object(page).keys.contains("note_html"))

        struct Link: TemplateContext { let url: OrFalse<String> }
        XCTAssertEqual(try object(Link(url: OrFalse(nil)))["url"] as? Bool, false)
        XCTAssertEqual(try object(Link(url: OrFalse("/a/")))["url"] as? String, "/a/")
    }

    func testMergedContextsAreOneDictionaryWhereTheFirstWins() throws {
        struct A: TemplateContext { let shared = "a", onlyA = 1 }
        struct B: TemplateContext { let shared = "b", onlyB = true }
        let tree = try object(Merged(A(), B()))
        XCTAssertEqual(tree["shared"] as? String, "a")
        XCTAssertEqual(tree["only_a"] as? Int, 1)
        XCTAssertEqual(tree["only_b"] as? Bool, true)
    }

    func testATemplateRendersATypedContext() throws {
        struct Row: Encodable { let nameHTML: String, hasNote: Bool }
        struct List: TemplateContext { let rows: [Row], title: String, missing: String? }
        let template = try MustacheTemplate(string: "{{title}}:{{#rows}}[{{{name_html}}}{{#has_note}}*{{/has_note}}{{title}}]{{/rows}}{{^missing}}-{{/missing}}")
        let html = template.render(TemplateTree.of(List(rows: [Row(nameHTML: "<b>A</b>", hasNote: true), Row(nameHTML: "B&", hasNote: false)],
                                                       title: "T", missing: nil)))
        // An inner context's missing name is looked up in the outer one (`title`).
        XCTAssertEqual(html, "T:[<b>A</b>*T][B&T]-")
    }

    func testTemplateKeysKeepAnAcronymAsOneWord() {
        let cases = ["url": "url", "t": "t", "nameHTML": "name_html", "sourceISODate": "source_iso_date", "hasTOC": "has_toc",
                     "csvURL": "csv_url", "languageChoiceAbsoluteURL": "language_choice_absolute_url", "statusID": "status_id",
                     "targetLineHTML": "target_line_html", "pageFeedURL": "page_feed_url", "n": "n", "gapBefore": "gap_before"]
        for (property, name) in cases { XCTAssertEqual(TemplateKey.name(property), name, property) }
    }

    /// The bundled templates read the names the contexts give (a few spot checks of
    /// names that an acronym makes; the fixture sites' expected pages check the rest).
    func testThePageShellsKeysAreThoseTheLayoutReads() throws {
        let layout = try String(contentsOf: defaultTheme.appendingPathComponent("layout.mustache"), encoding: .utf8)
        for name in ["language_choice_absolute_url", "canonical_url", "has_page_feed", "page_feed_url", "show_short_title", "css_url"] {
            XCTAssertTrue(layout.contains("{{\(name)}}") || layout.contains("{{#\(name)}}") || layout.contains("{{^\(name)}}"), name)
        }
    }

    func testANumberOfAnotherTypeIsReadByItsValue() throws {
        struct Ratio: TemplateContext { let ratio: Double, small: UInt8 }
        XCTAssertEqual(try object(Ratio(ratio: 0.5, small: 7))["ratio"] as? Double, 0.5)
        XCTAssertEqual(try object(Ratio(ratio: 0.5, small: 7))["small"] as? UInt8, 7)
    }
}
