import ShingiCore
import XCTest

final class UTF8SearchTests: XCTestCase {
    func testFindsTheFirstOccurrenceAsRangeOfDoes() {
        let page = "日本語 <p>一</p>\n<table>\n<tr><td>x</td></tr>\n</table>\n<table></table>"
        for needle in ["<table>", "</table>", "<p>", "</p>", "<t", "日本", "x</td>", "nothing", "</table>\n<table></table>!"] {
            XCTAssertEqual(page.utf8Range(of: needle), page.range(of: needle), needle)
            XCTAssertEqual(page.containsUTF8(needle), page.contains(needle), needle)
        }
    }

    func testSearchesASubstringFromItsOwnStart() {
        let page = "<table>a</table><table>b</table>"
        let rest = page[page.utf8Range(of: "</table>")!.upperBound...]
        let found = rest.utf8Range(of: "<table>")!
        XCTAssertEqual(String(rest[found.upperBound...]), "b</table>")
        XCTAssertEqual(rest.utf8Range(of: "a</table>"), nil)
    }

    func testAPartialMatchAtTheEndIsNoMatch() {
        XCTAssertNil("ab <tab".utf8Range(of: "<table>"))
        XCTAssertNil("".utf8Range(of: "<"))
        XCTAssertEqual("abc".utf8Range(of: ""), "abc".startIndex..<"abc".startIndex)
    }

    func testABufferIsSearchedFromAnOffset() {
        let page = Array(#"<a id="x"><b id="y">"#.utf8), needle = Array(#" id=""#.utf8)
        let offsets = page.withUnsafeBufferPointer { page in
            needle.withUnsafeBufferPointer { needle in
                [page.firstOffset(of: needle), page.firstOffset(of: needle, from: 3), page.firstOffset(of: needle, from: 14), page.firstOffset(of: needle, from: 20)]
            }
        }
        XCTAssertEqual(offsets, [2, 12, nil, nil])
    }

    func testEveryOffsetIsWhatAPlainScanFinds() {
        // Haystacks of the needles' own bytes, so that near misses are everywhere.
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#" id="a"#.utf8)
        for needle in [#" id=""#, "id", "=", " ", "a=a", #"""#].map({ Array($0.utf8) }) {
            for _ in 0..<300 {
                let page = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
                let start = Int.random(in: 0...page.count, using: &generator)
                let plain = (start..<max(start, page.count - needle.count + 1)).first { page[$0..<($0 + needle.count)].elementsEqual(needle) }
                let found = page.withUnsafeBufferPointer { page in needle.withUnsafeBufferPointer { page.firstOffset(of: $0, from: start) } }
                XCTAssertEqual(found, plain, "\(String(decoding: needle, as: UTF8.self)) in \(String(decoding: page, as: UTF8.self)) from \(start)")
            }
        }
    }
}
