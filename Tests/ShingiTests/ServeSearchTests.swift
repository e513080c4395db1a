import Foundation
import ShingiBuild
import ShingiCore
import Synchronization
import XCTest
@testable import ShingiServe

/// The preview's search index: made by Pagefind after each rebuild in the background,
/// put into the served site when done, and announced to the search pages.
final class ServeSearchTests: XCTestCase {
    private static let searchOn = ["shingi.yml": MiniSite.files["shingi.yml"]! + "\nsearch: true\n"]

    func testTheIndexIsServedAndFollowsACommentEdit() async throws {
        // CI installs Pagefind (scripts/bootstrap); only a machine without it skips.
        guard let pagefind = SearchIndexer.locate(root: repositoryRoot, environment: ["PATH": ""]) else {
            throw XCTSkip("Pagefind is not installed in .venv-search/; run scripts/bootstrap")
        }
        let root = try MiniSite.make(self, Self.searchOn)
        let server = try await ServeHarness.start(self, root: root, searchIndexer: pagefind)
        let client = ServeTestClient(port: server.port)
        let origin = ["Origin": "http://127.0.0.1:\(server.port)"]

        let script = try await eventually(client, "/pagefind/pagefind.js", timeout: 60) { $0.status == 200 }
        XCTAssertEqual(script.headers["content-type"], "text/javascript; charset=utf-8")
        let entry = try await client.request("/pagefind/pagefind-entry.json")
        XCTAssertEqual(entry.status, 200)
        XCTAssertTrue(entry.text.contains("\"ja\"") && entry.text.contains("\"en\""), entry.text)
        // A stream opened once the index is ready is told so at once.
        let ready = try await client.awaitEvent("data: ready", headers: origin) {}
        XCTAssertTrue(ready.contains("\nevent: search\ndata: ready 1\n\n"), ready)

        // A comment edit reloads the pages first, then the index follows with the new text.
        let edited = MiniSite.files["content/comments/14/c1.en.md"]!.replacingOccurrences(of: "It should function.", with: "Quokkas should function.")
        let stream = try await client.awaitEvent("data: ready 2", headers: origin, timeout: 60) {
            try write(["content/comments/14/c1.en.md": edited], to: root)
        }
        let reload = try XCTUnwrap(stream.range(of: "event: reload\ndata: 2\n\n"), stream)
        let building = try XCTUnwrap(stream.range(of: "event: search\ndata: building\n\n"), stream)
        XCTAssertLessThan(reload.lowerBound, building.lowerBound, stream)
        let refreshed = try await client.request("/pagefind/pagefind-entry.json")
        XCTAssertNotEqual(refreshed.text, entry.text)
        let stillThere = try await client.request("/pagefind/pagefind.js")
        XCTAssertEqual(stillThere.status, 200)
        let page = try await client.request("/en/search/")
        XCTAssertTrue(page.text.contains("data-search"), page.text)
        let lines = server.lines
        XCTAssertEqual(lines.filter { $0.hasPrefix("search index: ") }.count, 2, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("content/comments/14/c1.en.md changed: rebuilt ") }, "\(lines)")
        try await server.stop()
    }

    func testWithoutPagefindServeSaysOnceHowToInstallIt() {
        let log = LineLog()
        let index = PreviewSearchIndex(indexer: nil, live: LiveSite(), output: ServeOutput(line: { log.append($0) }, problem: { log.append("! " + $0) }))
        index.siteChanged(PreviewSearchIndex.Pages(files: [], records: []))
        index.siteChanged(PreviewSearchIndex.Pages(files: [], records: []))
        XCTAssertEqual(log.lines, ["! " + SearchIndexer.notInstalledNote])
    }

    func testAnIndexReplacesTheOneBeforeLastAndAFullSwapKeepsIt() {
        let live = LiveSite()
        live.serve([OutputFile(path: "ja/index.html", bytes: [1])], changed: nil)
        live.searchIndexBuilding()
        live.installSearchIndex([OutputFile(path: "pagefind/a", bytes: [1])], ready: true)
        live.installSearchIndex([OutputFile(path: "pagefind/b", bytes: [2])], ready: false)
        XCTAssertEqual(live.site.searchIndex, ["pagefind/a": [1], "pagefind/b": [2]])
        XCTAssertEqual(live.searchIndex, .ready(1))
        live.installSearchIndex([OutputFile(path: "pagefind/c", bytes: [3])], ready: true)
        XCTAssertEqual(live.site.searchIndex, ["pagefind/b": [2], "pagefind/c": [3]])
        XCTAssertEqual(live.searchIndex, .ready(2))
        // A full build (a template edit) serves new pages with the index there is.
        live.serve([OutputFile(path: "ja/index.html", bytes: [9])], changed: nil)
        XCTAssertEqual(live.site, ServedSite(files: [OutputFile(path: "ja/index.html", bytes: [9])],
                                             searchIndex: ["pagefind/b": [2], "pagefind/c": [3]], errors: []))
        XCTAssertEqual(["ja/index.html", "pagefind/c", "ja/none.html"].map { live.site.file(at: $0) }, [[9], [3], nil])
    }
}
