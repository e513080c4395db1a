import Foundation
import ShingiBuild
import ShingiCore
import ShingiLoad
import XCTest
@testable import ShingiServe

/// The preview serves what the build produced: the build's own array of files (one merge,
/// in `SiteRenderer.merge`), not a dictionary kept in step with it; a failed build shows
/// its errors over the last good files; the pages reload only when something changed.
final class LiveSiteTests: XCTestCase {
    private static func file(_ path: String, _ bytes: [UInt8]) -> OutputFile { OutputFile(path: path, bytes: bytes) }

    func testServingAChangeReloadsOnlyWhenItChangesAFile() {
        let live = LiveSite()
        let first = [Self.file("en/index.html", [1]), Self.file("ja/index.html", [2])]
        XCTAssertTrue(live.serve(first, changed: nil))
        XCTAssertFalse(live.serve(first, changed: nil))
        // A rebuild that made a file again with the same bytes changed nothing.
        XCTAssertFalse(live.serve(first, changed: ([Self.file("ja/index.html", [2])], [])))
        let second = [Self.file("ja/index.html", [3]), Self.file("ja/new.html", [4])]
        XCTAssertTrue(live.serve(second, changed: ([Self.file("ja/index.html", [3]), Self.file("ja/new.html", [4])], ["en/index.html"])))
        XCTAssertEqual(live.site, ServedSite(files: second, searchIndex: [:], errors: []))
        XCTAssertEqual(["en/index.html", "ja/index.html", "ja/new.html"].map { live.site.file(at: $0) }, [nil, [3], [4]])
        XCTAssertEqual(live.generation, 2)
    }

    func testAFailedBuildShowsItsErrorsOverTheLastGoodFiles() {
        let live = LiveSite()
        let files = [Self.file("ja/index.html", [1])]
        live.serve(files, changed: nil)
        let errors = [Diagnostic.error("broken-link", "x", at: SourceLocation(path: "content/index.ja.md"))]
        XCTAssertTrue(live.fail(errors))
        XCTAssertFalse(live.fail(errors))
        XCTAssertEqual(live.site, ServedSite(files: files, searchIndex: [:], errors: errors))
        // Fixed with the same files: the pages come back, so they reload.
        XCTAssertTrue(live.serve(files, changed: ([], [])))
        XCTAssertEqual(live.site, ServedSite(files: files, searchIndex: [:], errors: []))
    }

    /// A preview rebuild after a comment edit: what is served is the build's result, file
    /// for file, and equal to a fresh full build's files.
    func testThePreviewServesTheBuildsOwnFiles() async throws {
        let root = try MiniSite.make(self, IncrementalRebuildTests.extra)
        let builder = SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme), cache: MarkdownCache())
        let live = LiveSite()
        let first = await builder.rebuild(previous: nil, changedPaths: [])
        XCTAssertTrue(live.serve(first.result.files, changed: first.delta))
        try write([IncrementalRebuildTests.comment: IncrementalRebuildTests.comment(body: "Edited for the preview.")], to: root)
        let second = await builder.rebuild(previous: first.next, changedPaths: [IncrementalRebuildTests.comment])
        XCTAssertNotNil(second.delta)
        XCTAssertTrue(live.serve(second.result.files, changed: second.delta))
        XCTAssertEqual(live.site.files, second.result.files)
        let fresh = await SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme)).render()
        XCTAssertEqual(live.site.files, fresh.files)
    }
}
