import Foundation
import ShingiMarkdownWorkers
import XCTest

/// The preview server with Markdown parsed in worker processes, as `shingi serve` runs
/// it: a file on which cmark-gfm hangs shows as an error in the browser, the server
/// keeps running and fixing the file clears it.
final class ServeHostileInputTests: XCTestCase {
    func testAFileThatHangsTheParserIsAnErrorUntilFixed() async throws {
        let root = try MiniSite.make(self)
        // A short bound keeps the test quick; the pattern (CVE-2023-22486, 240 KB) takes
        // cmark-gfm over 20 s.
        let pool = MarkdownWorkerPool(executable: try shingiBinary().path, arguments: ["markdown-worker"], size: 2,
                                      timeBound: ParseTimeBound(base: 0.5, secondsPer100KB: 0.2))
        let server = try await ServeHarness.start(self, root: root, markdownParser: pool)
        let client = ServeTestClient(port: server.port)
        _ = try await eventually(client, "/en/issues/1/") { $0.status == 200 }

        let good = MiniSite.files["content/comments/14/c1.en.md"]!
        try write(["content/comments/14/c1.en.md": good + String(repeating: "![[]()", count: 40_000) + "\n"], to: root)
        let broken = try await eventually(client, "/en/issues/1/") { $0.status == 500 }
        XCTAssertTrue(broken.text.contains("the Markdown parser failed on this file (timeout)"), broken.text)
        XCTAssertTrue(broken.text.contains("[markdown-parser-failed]"), broken.text)

        // Still serving, and a fixed file clears the error.
        try write(["content/comments/14/c1.en.md": good], to: root)
        let fixed = try await eventually(client, "/en/issues/1/") { $0.status == 200 }
        XCTAssertTrue(fixed.text.contains("It should function."))
        try await server.stop()
    }
}
