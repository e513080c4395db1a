import ShingiCore
import XCTest

final class CoreTests: XCTestCase {
    /// The byte-level escape gives what escaping scalar by scalar gives, on text with
    /// every escaped character among kana, kanji, emoji and combining marks.
    func testHTMLEscapeIsWhatAnEscapeScalarByScalarGives() {
        func byScalar(_ value: String) -> String {
            var out = ""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        let alphabet = Array("&<>\"'a 1\n政策課題のｶﾅ😀e\u{301}\u{1}")
        var random = SystemRandomNumberGenerator()
        var cases = ["", "plain text", "政策課題", "<p>a &amp; b</p>", "'\"'"]
        for _ in 0..<2_000 { cases.append(String((0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! })) }
        for value in cases { XCTAssertEqual(HTMLEscape.text(value), byScalar(value), value) }
    }

    func testSlugNormalisesFullWidthDigitsAndPunctuation() {
        XCTAssertEqual(Slug.make("１．１ xSIRTごとの特徴的な機能"), "1.1-xsirtごとの特徴的な機能")
        XCTAssertEqual(Slug.make("Ａｂｃ　ＤＥＦ"), "abc-def")
        XCTAssertEqual(Slug.make("  What?  Why! "), "what-why")
        XCTAssertEqual(Slug.normaliseExplicit("１．２"), "1.2")
    }

    func testExplicitIDValidity() {
        XCTAssertTrue(Slug.isValidExplicitID("1.1-functions"))
        XCTAssertFalse(Slug.isValidExplicitID("a b"))
        XCTAssertFalse(Slug.isValidExplicitID("x\"onmouseover"))
        XCTAssertFalse(Slug.isValidExplicitID(""))
    }

    func testISODateParsing() {
        XCTAssertEqual(ISODate("2021-06-02")?.description, "2021-06-02")
        XCTAssertNil(ISODate("2021-02-30"))
        XCTAssertNil(ISODate("2021-6-2"))
        XCTAssertNil(ISODate("2018-05"))
        XCTAssertEqual(ISODate("2018-05", allowReducedPrecision: true)?.description, "2018-05")
        XCTAssertEqual(ISODate("2020-02-29")?.day, 29)
    }

    func testCharacterColumnCountsJapaneseAsOne() {
        let line = Substring("政策課題の[[ref:x]]")
        // "政策課題の" is 5 characters, 15 bytes: byte column 16 is character column 6.
        XCTAssertEqual(TextPosition.characterColumn(byteColumn: 16, inLine: line.utf8), 6)
        let position = TextPosition.lineAndColumn(ofByteOffset: 9, in: "ab\n政策x")
        XCTAssertEqual([position.line, position.column], [2, 3])
    }

    func testDiagnosticFormat() {
        let diagnostic = Diagnostic.error("broken-link", "'[[ref:x]]' links to reference 'x', which does not exist",
                                          at: SourceLocation(path: "content/issues/1/index.ja.md", line: 12, column: 6))
        XCTAssertEqual(diagnostic.description,
                       "content/issues/1/index.ja.md:12:6: error: '[[ref:x]]' links to reference 'x', which does not exist [broken-link]")
    }

    func testDiagnosticsSortByPathLineColumn() {
        let a = Diagnostic.warning("w", "m", at: SourceLocation(path: "b.md", line: 1, column: 1))
        let b = Diagnostic.error("e", "m", at: SourceLocation(path: "a.md", line: 9, column: 1))
        let c = Diagnostic.error("e", "m", at: SourceLocation(path: "a.md", line: 2, column: 5))
        XCTAssertEqual([a, b, c].sorted(), [c, b, a])
    }

    func testParallelMapKeepsOrder() async {
        let input = Array(0..<1000)
        let output = await input.parallelMap { $0 * 2 }
        XCTAssertEqual(output, input.map { $0 * 2 })
    }

    func testThreadedMapKeepsOrderAndGivesEachItemOnce() async {
        // More threads than items, as many, and many more items than threads; values
        // that own memory, so a slot written twice or not at all would show.
        for (count, width) in [(2, 16), (16, 16), (20_000, 16), (999, 3)] {
            let input = Array(0..<count)
            let output = await input.threadedMap(width: width) { "\($0 * 7)" }
            XCTAssertEqual(output, input.map { "\($0 * 7)" }, "\(count) on \(width)")
        }
    }

    func testConcurrentMapKeepsOrder() {
        // Sizes around the chunking: fewer items than chunks, one chunk short, many.
        for count in [0, 1, 2, 31, 33, 1000, 1001] {
            let input = Array(0..<count)
            XCTAssertEqual(input.concurrentMap { "\($0 * 3)" }, input.map { "\($0 * 3)" }, "\(count)")
        }
    }
}
