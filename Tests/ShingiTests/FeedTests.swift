import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ShingiBuild
import ShingiCore
import XCTest

/// The Atom feeds of comments: parsed as XML, every element Atom requires present, dates
/// from the content, the same bytes from build to build, drafts never listed.
final class FeedTests: XCTestCase {
    /// The elements of an Atom document as paths (`feed/entry/title`) with their text.
    private final class Collector: NSObject, XMLParserDelegate {
        var stack: [String] = []
        var elements: [(path: String, attributes: [String: String], text: String)] = []
        var texts: [String] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            stack.append(name)
            elements.append((stack.joined(separator: "/"), attributes, ""))
            texts.append("")
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !texts.isEmpty { texts[texts.count - 1] += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let path = stack.joined(separator: "/")
            if let index = elements.lastIndex(where: { $0.path == path }) { elements[index].text = texts.last ?? "" }
            texts.removeLast()
            stack.removeLast()
        }
    }

    private func parse(_ bytes: [UInt8]) throws -> Collector {
        let parser = XMLParser(data: Data(bytes))
        let collector = Collector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "\(String(describing: parser.parserError))")
        return collector
    }

    private func file(_ result: BuildResult, _ path: String) throws -> [UInt8] {
        try XCTUnwrap(result.files.first { $0.path == path }).bytes
    }

    func testEachLanguageHasAValidAtomFeedOfItsComments() async throws {
        let dated = "---\nmember: goto\ntarget: \"1#1.2\"\nmeeting: \"14\"\ndate: \"2021-02-03\"\n---\n"
        let root = try MiniSite.make(self, [
            "content/comments/14/c2.ja.md": dated + "後日の意見。\n",
            "content/comments/14/c2.en.md": dated + "A later comment.\n",
            "content/comments/14/c3.ja.md": dated.replacingOccurrences(of: "date: \"2021-02-03\"\n", with: "date: \"2021-02-03\"\ndraft: true\n") + "下書き。\n",
        ])
        var options = BuildOptions(root: root, defaultTheme: defaultTheme)
        options.drafts = true
        let result = await SiteBuilder(options: options).render()
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }, [])
        for language in ["ja", "en"] {
            let feed = try parse(try file(result, "\(language)/feed.xml"))
            let paths = feed.elements.map(\.path)
            for required in ["feed/title", "feed/id", "feed/updated", "feed/author/name"] {
                XCTAssertEqual(paths.filter { $0 == required }.count, 1, required)
            }
            XCTAssertEqual(feed.elements.first { $0.path == "feed/link" && $0.attributes["rel"] == "self" }?.attributes["href"], "/\(language)/feed.xml")
            // Newest first; the undated comment takes its meeting's date; the draft is left out.
            XCTAssertEqual(paths.filter { $0 == "feed/entry" }.count, 2)
            for required in ["feed/entry/title", "feed/entry/id", "feed/entry/updated", "feed/entry/author/name", "feed/entry/content", "feed/entry/link"] {
                XCTAssertEqual(paths.filter { $0 == required }.count, 2, required)
            }
            XCTAssertEqual(feed.elements.filter { $0.path == "feed/entry/updated" }.map(\.text), ["2021-02-03T00:00:00+09:00", "2021-01-21T00:00:00+09:00"])
            XCTAssertEqual(feed.elements.first { $0.path == "feed/updated" }?.text, "2021-02-03T00:00:00+09:00")
            XCTAssertEqual(feed.elements.filter { $0.path == "feed/entry/id" }.map(\.text),
                           ["urn:x-shingi:/\(language)/issues/1/#comment-c2", "urn:x-shingi:/\(language)/issues/1/#comment-c1"])
        }
        let en = try parse(try file(result, "en/feed.xml"))
        XCTAssertEqual(en.elements.filter { $0.path == "feed/entry/content" }.map(\.text), ["<p>A later comment.</p>\n", "<p>It should function.</p>\n"])
        XCTAssertEqual(en.elements.filter { $0.path == "feed/entry/title" }.map(\.text).first, "Chair Goto — Policy Issue 1　1.2 Practice")
        // Every page points at its language's feed.
        let page = String(decoding: try file(result, "en/issues/1/index.html"), as: UTF8.self)
        XCTAssertTrue(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Members&#39; Comments\" href=\"/en/feed.xml\">"), page)
        // The same bytes again, whatever the clock says.
        let again = await SiteBuilder(options: options).render()
        XCTAssertEqual(try file(again, "ja/feed.xml"), try file(result, "ja/feed.xml"))
    }

    func testAnAbsoluteBaseURLGivesURLIDs() async throws {
        let result = await SiteBuilder(options: BuildOptions(root: try MiniSite.make(self), baseURL: "https://example.go.jp/shingi/", defaultTheme: defaultTheme)).render()
        let feed = try parse(try file(result, "ja/feed.xml"))
        XCTAssertEqual(feed.elements.first { $0.path == "feed/id" }?.text, "https://example.go.jp/shingi/ja/feed.xml")
        XCTAssertEqual(feed.elements.first { $0.path == "feed/entry/id" }?.text, "https://example.go.jp/shingi/ja/issues/1/#comment-c1")
    }

    func testEachPolicyIssueHasAFeedOfItsComments() async throws {
        let result = await SiteBuilder(options: BuildOptions(root: try MiniSite.make(self), defaultTheme: defaultTheme)).render()
        let feed = try parse(try file(result, "en/issues/1/feed.xml"))
        XCTAssertEqual(feed.elements.first { $0.path == "feed/title" }?.text, "Test Panel — Policy Issue 1　Building structures — Members' Comments")
        XCTAssertEqual(feed.elements.first { $0.path == "feed/link" && $0.attributes["rel"] == "alternate" }?.attributes["href"], "/en/issues/1/")
        XCTAssertEqual(feed.elements.filter { $0.path == "feed/entry/id" }.map(\.text), ["urn:x-shingi:/en/issues/1/#comment-c1"])
        let page = String(decoding: try file(result, "en/issues/1/index.html"), as: UTF8.self)
        XCTAssertTrue(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Policy Issue 1 — Members&#39; Comments\" href=\"/en/issues/1/feed.xml\">"), page)
    }
}
