import Foundation
import ShingiCore
import ShingiLoad
@testable import ShingiMarkdown
import XCTest

/// The caps counted before cmark-gfm sees a body (`WorkloadScan`): each refuses the
/// construct at its place, and no real document comes near them.
final class WorkloadScanTests: XCTestCase {
    private func problem(_ code: String, _ message: String, _ line: Int, _ column: Int) -> MarkdownProblem {
        MarkdownProblem(isError: true, code: code, message: message, position: BodyPosition(line: line, column: column))
    }

    func testATableIsCountedAsColumnsTimesRows() {
        let table = "Text.\n\n| a | b | c |\n|---|:-:|---|\n| 1 |\n| 2 |\n| 3 |\n"
        XCTAssertNil(WorkloadScan.firstExcess(table, maxTableCells: 15))
        XCTAssertEqual(WorkloadScan.firstExcess(table, maxTableCells: 14),
                       problem("table-too-large", "this table is 3 columns wide, and every row is filled to that width: more than 14 cells; split it into smaller tables", 3, 1))
        // A blank line ends the table; a table in a fenced code block is text.
        XCTAssertNil(WorkloadScan.firstExcess("| a | b |\n|---|---|\n| 1 |\n\nx\ny\nz\n", maxTableCells: 6))
        XCTAssertNil(WorkloadScan.firstExcess("```\n| a | b |\n|---|---|\n| 1 |\n| 2 |\n```\n", maxTableCells: 1))
        XCTAssertEqual(WorkloadScan.firstExcess("> | a | b |\n> |---|---|\n> | 1 |\n", maxTableCells: 5)?.code, "table-too-large")
    }

    func testFootnoteReferencesPastTheCapAreRefusedWhereTheyStand() {
        // Definitions are not references.
        XCTAssertNil(WorkloadScan.firstExcess("a[^1] b[^2]\n\n[^1]: x\n> [^2]: y\n", maxFootnoteReferences: 2))
        XCTAssertEqual(WorkloadScan.firstExcess("a[^1] b[^2]\n\n注[^1]:[^3] x\n", maxFootnoteReferences: 3),
                       problem("too-many-footnotes", "the file has more than 3 footnote references; split it into several pages", 3, 7))
    }

    func testHeadingsPastTheCapAreRefused() {
        let text = "# a\n\n## b\n\nc\n===\n\n#nope\n\n####### nope\n\n### d\n"
        XCTAssertNil(WorkloadScan.firstExcess(text, maxHeadings: 4))
        XCTAssertEqual(WorkloadScan.firstExcess(text, maxHeadings: 3),
                       problem("too-many-headings", "the file has more than 3 headings; split it into several pages", 12, 1))
        XCTAssertNil(WorkloadScan.firstExcess("~~~\n# a\n# b\n~~~\n", maxHeadings: 0))
    }

    /// The in-process parser (tests, `SHINGI_MARKDOWN_WORKERS=0`) has no memory limit:
    /// the caps keep the 3.9 MB table from ever reaching it.
    func testTheLoaderRefusesAnExcessBeforeTheInProcessParserSeesIt() async throws {
        let table = "|" + String(repeating: "x|", count: 50_000) + "\n|" + String(repeating: "-|", count: 50_000) + "\n"
            + String(repeating: "a\n", count: 1_850_000)
        let root = try MiniSite.make(self, ["content/pages/wide.ja.md": "---\ntitle: \"表\"\n---\n" + table,
                                            "content/pages/wide.en.md": "---\ntitle: \"Table\"\n---\nText.\n"])
        let site = await ContentLoader(root: root, parser: InProcessMarkdownParser()).load()
        XCTAssertEqual(site.diagnostics.filter { $0.location.path == "content/pages/wide.ja.md" }.map(\.description), [
            "content/pages/wide.ja.md:4:1: error: this table is 50000 columns wide, and every row is filled to that width: more than 100000 cells; split it into smaller tables [table-too-large]",
        ])
    }

    func testTheBundledPaperIsFarInsideTheDefaultCaps() throws {
        let content = repositoryRoot.appendingPathComponent("content")
        let files = try FileManager.default.subpathsOfDirectory(atPath: content.path).filter { $0.hasSuffix(".md") }
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let text = try String(contentsOf: content.appendingPathComponent(file), encoding: .utf8)
            XCTAssertNil(WorkloadScan.firstExcess(text, maxTableCells: Limits.maxTableCells / 10,
                                                  maxFootnoteReferences: Limits.maxFootnoteReferences / 10,
                                                  maxHeadings: Limits.maxHeadings / 10), file)
        }
    }
}
