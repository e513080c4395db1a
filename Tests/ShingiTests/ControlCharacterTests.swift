import Foundation
import ShingiCore
@testable import ShingiDiff
@testable import ShingiLoad
import XCTest

/// Control characters: an error where they stand in a content file, and never printed
/// raw (a terminal would act on them and show a different sentence than the one published).
final class ControlCharacterTests: XCTestCase {
    func testUnsafeCharactersArePrintedVisibly() {
        XCTAssertEqual(TerminalText.escaped("a\u{1B}[2Jb\u{07}\tc\u{7F}\u{9B}d\u{202E}e"), "a\\u{1B}[2Jb\\u{7}\tc\\u{7F}\\u{9B}d\\u{202E}e")
        XCTAssertEqual(TerminalText.escaped("one\ntwo\r"), "one\\u{A}two\\u{D}")
        XCTAssertEqual(TerminalText.escaped("one\ntwo\u{1B}", keepingLineBreaks: true), "one\ntwo\\u{1B}")
        XCTAssertEqual(TerminalText.escaped("日本語の本文。"), "日本語の本文。")
    }

    func testAControlCharacterInAContentFileIsAnErrorWithItsPosition() {
        let cases: [(String, String)] = [
            ("本文\n[x]: /a \"題\u{1B}]0;t\u{07}\"\n", "2:11: error: the file contains the invisible control character U+001B"),
            ("a: \"\u{7F}\"\n", "1:5: error: the file contains the invisible control character U+007F"),
            ("a: 本\u{85}\n", "1:5: error: the file contains the invisible control character U+0085"),
            ("\r\nab\u{0}", "2:3: error: the file contains the invisible control character U+0000"),
        ]
        for (text, expected) in cases {
            guard case .failure(let diagnostic) = SourceText.decode(Array(text.utf8), path: "content/x.md") else {
                XCTFail("accepted: \(text.debugDescription)")
                continue
            }
            XCTAssertEqual(diagnostic.description, "content/x.md:\(expected); delete it (a terminal showing this text would act on it) [control-character]")
        }
        XCTAssertNoThrow(try SourceText.decode(Array("tab\there\r\nand 日本語\n".utf8), path: "x.md").get())
    }

    func testTheDiffReportPrintsControlCharactersFromValuesVisibly() {
        let report = DiffReport(old: "HEAD", new: "working tree", comments: [], sections: [], issues: [], pages: [], references: [],
                                members: [RecordChange(id: "goto", change: .edited, fields: [FieldChange(field: "name", lang: .ja, old: "後藤", new: "後藤\u{1B}[2K\r偽")])],
                                meetings: [], outlines: [])
        XCTAssertEqual(DiffFormatter.text(report, colour: true), """
            \u{1B}[1mshingi diff HEAD → working tree\u{1B}[0m
            members: 1 edited

            \u{1B}[1mmembers\u{1B}[0m
              goto edited: name [ja]
                  name [ja]: 後藤\u{1B}[32m{+\\u{1B}[2K\\u{D}偽+}\u{1B}[0m

            """)
    }

    func testJSONEscapesDELAndC1ControlsToo() {
        var out = ""
        JSONValue.writeString("a\u{7F}b\u{9B}c\u{202E}", to: &out)
        XCTAssertEqual(out, "\"a\\u007fb\\u009bc\\u202e\"")
    }
}
