import Foundation
import ShingiCore
import ShingiLoad
import ShingiResolve
import XCTest

/// `Resolver.update`: Load says what it read again (`LoadChange`), and Resolve brings the
/// site up to date item by item, giving what a full resolve gives, or declines.
final class ResolveUpdateTests: XCTestCase {
    /// The site resolved, then `files` written and read again: the update (nil when it
    /// declined) and the full resolve of the same load.
    private func update(_ files: [String: String?]) async throws -> (updated: ResolvedSite?, full: ResolvedSite, change: LoadChange?) {
        let root = try MiniSite.make(self, IncrementalRebuildTests.extra)
        let loader = ContentLoader(root: root)
        var loaded = await loader.load()
        let previous = Resolver().resolve(loaded)
        XCTAssertFalse(previous.diagnostics.hasErrors)
        for (path, text) in files {
            if let text { try write([path: text], to: root) } else { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }
        }
        let change = await loader.reload(&loaded, changedPaths: Set(files.keys))
        let full = Resolver().resolve(loaded)
        return (change.flatMap { Resolver().update(previous, with: loaded, change: $0)?.site }, full, change)
    }

    private func assertSame(_ updated: ResolvedSite?, _ full: ResolvedSite, line: UInt = #line) throws {
        let site = try XCTUnwrap(updated, "the update declined", line: line)
        XCTAssertEqual(site.issues, full.issues, line: line)
        XCTAssertEqual(site.comments, full.comments, line: line)
        XCTAssertEqual(site.pages, full.pages, line: line)
        XCTAssertEqual(site.home, full.home, line: line)
        XCTAssertEqual(site.diagnostics, full.diagnostics, line: line)
    }

    func testAnEditedCommentIsUpdatedInPlace() async throws {
        let (updated, full, change) = try await update([IncrementalRebuildTests.comment: IncrementalRebuildTests.comment(body: "Edited.")])
        XCTAssertEqual(change?.markdown.count, 1)
        XCTAssertEqual(change?.markdown.first?.before.map { $0.source.body }, "It should function.")
        try assertSame(updated, full)
    }

    func testAnEditedIssuePageAndHomeAreUpdatedInPlace() async throws {
        let issue = MiniSite.files[IncrementalRebuildTests.issue]!.replacingOccurrences(of: "Remark by", with: "Said by")
        let (updated, full, _) = try await update([
            IncrementalRebuildTests.issue: issue,
            "content/pages/about.en.md": "---\ntitle: \"About\"\norder: 1\n---\n\nAnother explanation. [[comment:c1]]\n",
            "content/index.en.md": "---\ntitle: \"Home\"\n---\n\nA new introduction. [[issue:1#1.1]]\n",
        ])
        try assertSame(updated, full)
    }

    func testASectionMarkedDraftInOneLanguageIsUpdatedInPlaceWithItsWarning() async throws {
        let issue = MiniSite.files[IncrementalRebuildTests.issue]!.replacingOccurrences(of: "{#1.2}", with: "{#1.2 .draft}")
        let (updated, full, _) = try await update([IncrementalRebuildTests.issue: issue])
        try assertSame(updated, full)
        XCTAssertEqual(full.diagnostics.filter { $0.code == "translation-mismatch" }.map(\.severity), [.warning])
        XCTAssertEqual(updated?.issues.first?.draftSections, ["1.2"])
    }

    func testAChangeThatReachesFurtherIsLeftToAFullResolve() async throws {
        // A comment moved to another section, a new comment, a comment gone, a data file.
        let moved = try await update([IncrementalRebuildTests.comment: IncrementalRebuildTests.comment(target: "1#1.2", body: "Moved.")])
        XCTAssertNil(moved.updated)
        let added = try await update(["content/comments/14/c9.en.md": IncrementalRebuildTests.comment(body: "New.")])
        XCTAssertNil(added.updated)
        XCTAssertEqual(added.change?.markdown.map { $0.before == nil && $0.after != nil }, [true])
        let removed = try await update([IncrementalRebuildTests.comment: nil])
        XCTAssertNil(removed.updated)
        let data = try await update(["content/members.yml": MiniSite.files["content/members.yml"]! + "\n"])
        XCTAssertEqual(data.change?.dataFiles, true)
        XCTAssertNil(data.updated)
    }

    func testAnEditThatMakesAnItemsFilesDisagreeOnTheSourceLanguageIsLeftToAFullResolve() async throws {
        // Only the edited item's files are checked for agreement: the other items' did not change.
        let ja = MiniSite.files[IncrementalRebuildTests.issueJA]!.replacingOccurrences(of: "number: 1\n", with: "number: 1\nsource_language: ja\n")
        let en = MiniSite.files[IncrementalRebuildTests.issue]!.replacingOccurrences(of: "number: 1\n", with: "number: 1\nsource_language: en\n")
        let agreeing = try await update([IncrementalRebuildTests.issueJA: ja])
        try assertSame(agreeing.updated, agreeing.full)
        let disagreeing = try await update([IncrementalRebuildTests.issueJA: ja, IncrementalRebuildTests.issue: en])
        XCTAssertNil(disagreeing.updated)
        XCTAssertEqual(disagreeing.full.diagnostics.filter { $0.code == "translation-mismatch" }.map(\.severity), [.error])
    }

    func testChangesAcrossFailedBuildsAreFromTheFirstBeforeToTheLastAfter() async throws {
        let root = try MiniSite.make(self)
        let loader = ContentLoader(root: root)
        var loaded = await loader.load()
        let path = IncrementalRebuildTests.comment
        try write([path: IncrementalRebuildTests.comment(body: "One.")], to: root)
        let firstChange = await loader.reload(&loaded, changedPaths: [path])
        let first = try XCTUnwrap(firstChange)
        try write([path: IncrementalRebuildTests.comment(body: "Two.")], to: root)
        let secondChange = await loader.reload(&loaded, changedPaths: [path])
        let second = try XCTUnwrap(secondChange)
        let both = first.followed(by: second)
        XCTAssertEqual(both.markdown.first?.before?.source.body, "It should function.")
        XCTAssertEqual(both.markdown.first?.after?.source.body, "Two.\n")
    }
}
