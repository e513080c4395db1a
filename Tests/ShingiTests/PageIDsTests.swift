import Foundation
import ShingiCore
import ShingiMarkdown
import XCTest

/// Every id on a built page is unique and every same-page link lands on its element
/// (issue 14): footnotes are namespaced per fragment, headings avoid the layout's ids.
final class PageIDsTests: XCTestCase {
    private func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range(at: 1), in: text)!]) }
    }

    /// The element that has `id`, from its start to the end of its line.
    private func element(_ id: String, in html: String) -> String? {
        guard let range = html.range(of: " id=\"\(id)\"") else { return nil }
        let start = html[..<range.lowerBound].lastIndex(of: "<") ?? range.lowerBound
        let end = html[range.upperBound...].firstIndex(of: "\n") ?? html.endIndex
        return String(html[start..<end])
    }

    func testFootnotesOfTheBodyAndOfTwoCommentsLandOnTheirOwnNotes() async throws {
        let comment = { (section: String, note: String) in
            "---\nmember: nakanishi\ntarget: \"1#\(section)\"\nmeeting: \"14\"\n---\n意見[^1]。\n\n[^1]: \(note)\n"
        }
        let root = try MiniSite.make(self, [
            "content/issues/1/index.ja.md": "---\nid: \"1\"\nnumber: 1\ntitle: \"体制\"\n---\n# Main\n\n## １．１ 機能 {#1.1}\n\n本文[^1]と[^n]。\n\n## fn 1\n\n## １．２ 実践 {#1.2}\n\n[^1]: 本文の注一\n[^n]: 本文の注二\n",
            "content/comments/14/c1.ja.md": comment("1.1", "c1の注"),
            "content/comments/14/c2.ja.md": comment("1.2", "c2の注"),
            "content/comments/14/c2.en.md": comment("1.2", "note of c2"),
        ])
        let result = await build(root)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(\.description), [])
        let page = try XCTUnwrap(result.files.first { $0.path == "ja/issues/1/index.html" })
        let html = String(decoding: page.bytes, as: UTF8.self)
        let ids = matches(" id=\"([^\"]*)\"", in: html)
        XCTAssertEqual(Set(ids).count, ids.count, "duplicate ids: \(ids)")
        for target in matches("href=\"#([^\"]*)\"", in: html) {
            XCTAssertTrue(ids.contains(target), "#\(target) lands nowhere")
        }
        // Each note reference reaches its own note, and each note links back to its reference.
        let notes = ["fn-body:1": "本文の注一", "fn-body:n": "本文の注二", "fn-c-c1:1": "c1の注", "fn-c-c2:1": "c2の注"]
        for (id, text) in notes {
            XCTAssertTrue(html.contains("href=\"#\(id)\""), "no reference to \(id)")
            XCTAssertEqual(element(id, in: html), "<li id=\"\(id)\">")
            let note = html[html.range(of: "<li id=\"\(id)\">")!.upperBound...].prefix(while: { $0 != "↩" })
            XCTAssertTrue(note.contains(text), "\(id) holds \(note)")
            let back = id.replacingOccurrences(of: "fn-", with: "fnref-")
            XCTAssertEqual(matches("<a href=\"#\(NSRegularExpression.escapedPattern(for: id))\" id=\"([^\"]*)\"", in: html), [back])
        }
        XCTAssertEqual(matches("<h[1-6] id=\"([^\"]*)\"", in: html), ["main-2", "1.1", "section-fn-1", "1.2"])
    }

    func testTheDefaultThemesLiteralIDsAreReserved() throws {
        var literal = Set<String>()
        let templates = try FileManager.default.subpathsOfDirectory(atPath: defaultTheme.path).filter { $0.hasSuffix(".mustache") }
        for path in templates {
            let text = try String(contentsOf: defaultTheme.appendingPathComponent(path), encoding: .utf8)
            literal.formUnion(matches(" id=\"([^\"{]+)\"", in: text))
        }
        XCTAssertEqual(literal.subtracting(ReservedIDs.layout), [])
    }

    func testADuplicateIDOnABuiltPageIsAnError() async throws {
        let root = try MiniSite.make(self)
        let theme = try temporaryDirectory(self)
        for path in try FileManager.default.subpathsOfDirectory(atPath: defaultTheme.path) {
            let from = defaultTheme.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: from.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            var data = try Data(contentsOf: from)
            if path == "page.mustache" || path == "issue.mustache" {
                data = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<article", with: "<article id=\"1.1\"").utf8)
            }
            try writeBytes(Array(data), to: theme.appendingPathComponent("templates").appendingPathComponent(path))
        }
        try FileManager.default.moveItem(at: theme.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        let result = await build(root)
        XCTAssertEqual(result.diagnostics.filter { $0.code == "duplicate-id" }.map(\.description), [
            "en/issues/1/index.html:75:5: error: the built page en/issues/1/index.html has the id '1.1' more than once, so links to it reach only the first; give the heading (or the theme's element) another id [duplicate-id]",
            "ja/issues/1/index.html:75:5: error: the built page ja/issues/1/index.html has the id '1.1' more than once, so links to it reach only the first; give the heading (or the theme's element) another id [duplicate-id]",
        ])
    }
}
