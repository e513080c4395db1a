import Foundation
@testable import ShingiRender
import XCTest

/// `ResponsesCSV.text(ofHTML:)` and `field(_:)` work on UTF-8 bytes since issue 20; their
/// output must be what the old definitions (`ResponsesCSVReference`) give, byte for
/// byte, for every input.
final class ResponsesCSVEquivalenceTests: XCTestCase {
    func testTheTextOfEveryFixturePageAndOfItsElementsIsAsBefore() throws {
        let pages = try fixtureHTML()
        XCTAssertGreaterThan(pages.count, 40)
        for (path, html) in pages {
            // Whole pages, and the pieces a comment's HTML looks like.
            for piece in [html] + html.components(separatedBy: "<li").map({ "<li" + $0 }) {
                assertSameBytes(ResponsesCSV.text(ofHTML: piece), ResponsesCSVReference.text(ofHTML: piece), path)
                assertSameBytes(ResponsesCSV.field(piece), ResponsesCSVReference.field(piece), path)
            }
        }
    }

    /// Tags that end a line and their near misses, entities and their near misses (the
    /// old decoding reads characters, not bytes: `;` among the next 12 characters,
    /// GREEK QUESTION MARK is a `;`, a combining mark joins the character before), white
    /// space and line breaks of Unicode.
    static let pieces: [String] = [
        "<p>", "</p>", "</P>", "<br>", "<br/>", "<br />", "<BR>", "<br\t/>", "</li>", "</Li class=\"x\">", "</blockquote>", "</bloc\u{212A}quote>",
        "</BLOCKQUOTE>", "</h1>", "</h6>", "</h7>", "</tr>", "</pre>", "</pre >", "<pre>", "</p\u{301}>", "</pé>", "<", ">", "<a href=\"x\">", "</a>",
        "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&nbsp;", "&AMP;", "&#39;", "&#10;", "&#13;", "&#x2028;", "&#x85;", "&#0;", "&#xD800;",
        "&#x110000;", "&#+65;", "&#-0;", "&#x+41;", "&#X41;", "&#x;", "&#;", "&#65", "&amp", "&;", "&&amp;", "&\u{301}amp;", "&amp\u{37E}",
        "&amp;\u{301}", "&#12354;\u{301}", "\u{600}&amp;", "\u{600}", "\u{301}", "&#1234567890123;", "&#00000000065;", "&#000000000065;",
        "&abcdefghijkl;", "&abcdefghijk;", "&\r\n\r\n;", "&\r\n#65;", "&日本;", "&a日;", "&amp日", "&#x3042;", ";", "&", "#", "x",
        "\u{3000}", "\u{A0}", "\u{85}", "\u{2028}", "\u{2029}", "\u{1680}", "\u{2000}", "\u{200A}", "\u{200B}", "\u{202F}", "\u{205F}", "\u{FEFF}",
        "\r\n", "\r", "\n", "\u{0B}", "\u{0C}", "\t", " ", "  ", "日本語", "text", ",", "\"", "é", "e\u{301}", "😀", "🇯🇵", "👩\u{200D}💻", "a",
    ]

    func testTheTextOfRandomHTMLIsAsBefore() {
        var generator = SeededGenerator(seed: 20)
        for _ in 0..<30_000 {
            let html = generator.text(of: Self.pieces, maxCount: 30)
            assertSameBytes(ResponsesCSV.text(ofHTML: html), ResponsesCSVReference.text(ofHTML: html), html)
        }
    }

    func testTheTextOfRandomBytesIsAsBefore() {
        let alphabet = Array("<>/&;#x1a p\n\r\t".utf8) + [0x80, 0x85, 0xA0, 0xA8, 0xBF, 0xC2, 0xCD, 0xBE, 0xE2, 0xE3, 0xEF, 0xF0]
        var generator = SeededGenerator(seed: 2020)
        for _ in 0..<30_000 {
            let html = generator.bytes(of: alphabet, maxCount: 40)
            assertSameBytes(ResponsesCSV.text(ofHTML: html), ResponsesCSVReference.text(ofHTML: html), html)
        }
    }

    func testRandomFieldsAndRecordsAreQuotedAsBefore() {
        let pieces = [",", "\"", "\"\"", "\r\n", "\r", "\n", "\n\r", "\r\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}",
                      "\u{A0}", "\u{C285}", "a", "日本", "é", "😀", " ", "\u{3000}"]
        var generator = SeededGenerator(seed: 2021)
        for _ in 0..<30_000 {
            let fields = (0..<Int.random(in: 0...5, using: &generator)).map { _ in generator.text(of: pieces, maxCount: 12) }
            assertSameBytes(ResponsesCSV.record(fields), ResponsesCSVReference.record(fields), fields.debugDescription)
        }
    }

    func testWhiteSpaceIsUnicodesForEveryScalar() {
        let differing = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter { ResponsesCSV.isWhitespace($0.value) != $0.properties.isWhitespace }
        XCTAssertEqual(differing, [])
    }
}
