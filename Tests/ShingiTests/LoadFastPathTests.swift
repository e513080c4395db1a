import Foundation
import ShingiCore
@testable import ShingiLoad
@testable import ShingiMarkdown
import XCTest

/// The Load stage's byte-level shortcuts give what the character-level code they replace
/// gave: the front matter split, the path standardization before a file is opened, a file
/// read whole, and the character columns of positions.
final class LoadFastPathTests: XCTestCase {
    /// Each text's split as (yaml, body, first body line), or the failure's code.
    func testTheFrontMatterSplitsWhereTheLinesSay() {
        let cases: [(String, String)] = [
            ("---\ntitle: x\n---\nBody\n", "title: x|Body\n|4"),
            ("---\n---\nBody", "|Body|3"),
            ("---\nid: 1\n...\n本文\n", "id: 1|本文\n|4"),
            ("---\nid: 1\n---", "id: 1||4"),
            ("---\n", "unterminated-front-matter"),
            ("---", "unterminated-front-matter"),
            ("---\ntitle: 政策\n--- \n----\n-- -\n---\n", "title: 政策\n--- \n----\n-- -||7"),
            ("---\ntitle: x\n-\u{301}--\n---\nb", "title: x\n-\u{301}--|b|5"),
            ("--- \ntitle: x\n---\n", "missing-front-matter"),
        ]
        for (text, expected) in cases {
            let got: String
            switch FrontMatterSplit.split(SourceText(path: "a.md", text: text)) {
            case .success(let split): got = "\(split.yaml)|\(split.body)|\(split.bodyFirstLine)"
            case .failure(let diagnostic): got = diagnostic.code
            }
            XCTAssertEqual(got, expected, text.debugDescription)
        }
    }

    func testLinesAreWhatASplitByScalarGives() {
        let texts = ["", "\n", "a", "a\n", "\n\nb", "一行目\r\n二行目\r\n", "\r", "x\ry\nz", "😀\n\u{301}e\n", "末尾に改行なし", "\u{2028}\n\u{85}"]
        for text in texts {
            let byScalar = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
            XCTAssertEqual(text.lines, byScalar, text.debugDescription)
        }
    }

    func testAPathIsStandardizedAsFoundationDoes() {
        let paths = ["/tmp/site/content/a.ja.md", "/tmp/site/", "/tmp//site/a", "/tmp/./site", "/tmp/x/../site", "/", "/tmp/.hidden/a..b",
                     "/tmp/政策/ｶ.md", "/tmp/a b/%20c", "/tmp/site/."]
        for path in paths {
            let url = URL(fileURLWithPath: path)
            XCTAssertEqual(SiteFile.standardPath(url), url.standardizedFileURL.path, path)
        }
    }

    func testAFileIsReadWhole() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("shingi-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        for size in [0, 1, 65_535, 65_536, 200_001] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let url = root.appendingPathComponent("f\(size)")
            try Data(bytes).write(to: url)
            XCTAssertEqual(SiteFile.read(url, below: root, limit: 200_001), .bytes(bytes), "\(size)")
            if size > 0 { XCTAssertEqual(SiteFile.read(url, below: root, limit: size - 1), .tooLarge(size), "\(size)") }
        }
    }

    /// Lines of ASCII, CJK, kana and full-width scalars take the shortcut and give the
    /// offsets a walk over characters gives; a line with a scalar that can join its
    /// neighbour (combining marks, half-width voiced marks, variation selectors, Hangul,
    /// flags, Latin-1) is left to that walk.
    func testCharacterOffsetsMatchAWalkOverCharacters() {
        let simple = ["", "plain ASCII\twith a tab", "政策課題472：モデルカリキュラム（案）、「ｶﾀｶﾅ」＆ひらがな〜〇",
                      "[[ref:r1]] ゛゜ヽヾ〻〼〽"]
        let joining = ["か\u{3099}", "ｶﾞ", "ｶ\u{FF9E}", "〪", "e\u{301}", "é", "☃\u{FE0F}", "한국어", "🇯🇵", "Ⅻ", "a\u{200D}b"]
        for line in simple + joining {
            var offsets: [Int] = []
            var offset = 0
            for character in line {
                offsets.append(offset)
                offset += character.utf8.count
            }
            let shortcut = SimpleScalars.starts(Array(line.utf8)[...])
            if simple.contains(line) { XCTAssertEqual(shortcut, offsets, line) } else { XCTAssertNil(shortcut, line) }
        }
    }
}
