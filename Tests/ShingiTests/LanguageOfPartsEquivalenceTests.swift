import Foundation
import ShingiRender
import XCTest

/// `LanguageOfParts.tagJapanese` reads the page's bytes in place since issue 20; its
/// output must be what the old definition (`LanguageOfPartsReference`) gives, byte for
/// byte, for every input.
final class LanguageOfPartsEquivalenceTests: XCTestCase {
    func testEveryFixturePageIsTaggedAsBefore() throws {
        let pages = try fixtureHTML()
        XCTAssertGreaterThan(pages.count, 40)
        for (path, html) in pages {
            assertSameBytes(LanguageOfParts.tagJapanese(in: html), LanguageOfPartsReference.tagJapanese(in: html), path)
        }
    }

    /// Markup pieces and their near misses, Japanese at the edges of its ranges and
    /// characters that are not Japanese, in random order.
    static let pieces: [String] = [
        "<p>", "</p>", "<P>", "</P >", "<div lang=\"ja\">", "<div lang=\"JA-jp\">", "<div lang=\"ja", "<span lang='ja'>", "<span lang=\"en\">",
        "<p lang=\"Ja\">", "<p lang=\"j\">", "<p lang=\"\">", "<p lang=\"jä\">", "<p lang=\"ja\u{301}\">", "<p lang=\"\u{130}a\">", "<p lang=\"JA\u{3000}\">",
        "<p title=\" lang=\"ja\">", "<p  lang=\"ja\" lang=\"en\">", "<p LANG=\"ja\">", " lang=\"ja\"", "</div>", "</span>", "</DIV>",
        "<br>", "<br/>", "<BR />", "<hr/>", "<img src=\"a>b\" alt='x>y'>", "<input value=\"日本\">", "<x/>", "<a/ >",
        "<script>", "</script>", "</SCRIPT>", "<script src=\"x\"/>", "<style>", "</style", "<title>", "</title>", "<TITLE lang=\"en\">",
        "<textarea>", "</textarea>", "<textareax>", "</textareax>", "<scriptx>", "</scri", "</", "<blockquote123456 lang=\"ja\">",
        "</blockquote123456>", "</BLOCKQUOTE123457>", "<Blockquote123457>", "<!-- ", " -->", "-->", "--", "<!---->", "<!-->", "<!--->", "<!",
        "<!DOCTYPE html>", "<?x?>", "<", ">", "\"", "'", "<a href=\"", "<a href='", "<1>", "</1>", "<é>",
        "日本語", "組織内CSIRT", "（", "）", "「", "」", "、", "。", "\u{3000}", " ", "\n", "\t", "\r", "\r\n", "\u{0B}", "English", "CSIRT", "and",
        "ｱ", "Ａ", "𠮷", "😀", "é", "e\u{301}", "\u{FFFD}", "\u{2FFF}", "\u{30FF}", "\u{3100}", "\u{33FF}", "\u{3400}", "\u{4DBF}", "\u{4DC0}",
        "\u{4E00}", "\u{9FFF}", "\u{A000}", "\u{D7FF}", "\u{E000}", "\u{F8FF}", "\u{F900}", "\u{FAFF}", "\u{FB00}", "\u{FEFF}", "\u{FF00}",
        "\u{FFEF}", "\u{FFF0}", "&amp;", "&#12354;", "&#x3042;", "&lt;", "&", ";", "a", "1", "/",
    ]

    func testRandomMarkupIsTaggedAsBefore() {
        var generator = SeededGenerator(seed: 20)
        for _ in 0..<20_000 {
            let html = generator.text(of: Self.pieces, maxCount: 40)
            assertSameBytes(LanguageOfParts.tagJapanese(in: html), LanguageOfPartsReference.tagJapanese(in: html), html)
        }
    }

    func testRandomBytesAreTaggedAsBefore() {
        // Lead and continuation bytes of Japanese and of what is not, around markup.
        let alphabet = Array("<>/\"' =-!ajsl\n".utf8) + [0x80, 0x81, 0x82, 0xA0, 0xBF, 0xC2, 0xE2, 0xE3, 0xE4, 0xE9, 0xEA, 0xED, 0xEF, 0xF0, 0x9F]
        var generator = SeededGenerator(seed: 2020)
        for _ in 0..<20_000 {
            let html = generator.bytes(of: alphabet, maxCount: 60)
            assertSameBytes(LanguageOfParts.tagJapanese(in: html), LanguageOfPartsReference.tagJapanese(in: html), html)
        }
    }

    func testLongPagesOfRandomMarkupAreTaggedAsBefore() {
        var generator = SeededGenerator(seed: 2021)
        for _ in 0..<200 {
            let html = generator.text(of: Self.pieces, maxCount: 2_000)
            assertSameBytes(LanguageOfParts.tagJapanese(in: html), LanguageOfPartsReference.tagJapanese(in: html), "\(html.utf8.count) bytes")
        }
    }
}

/// Every `.html` file below Tests/Fixtures, as path → text.
func fixtureHTML() throws -> [(String, String)] {
    try tree(fixturesRoot).filter { $0.key.hasSuffix(".html") }.sorted { $0.key < $1.key }.map { ($0.key, String(decoding: $0.value, as: UTF8.self)) }
}

/// Asserts that two strings have the same UTF-8 bytes (not only that Swift finds them equal).
func assertSameBytes(_ actual: String, _ expected: String, _ input: String, file: StaticString = #filePath, line: UInt = #line) {
    guard !actual.utf8.elementsEqual(expected.utf8) else { return }
    XCTFail("differs from the reference for input \(input.debugDescription):\nnew: \(actual.debugDescription)\nold: \(expected.debugDescription)", file: file, line: line)
}
