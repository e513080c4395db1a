import Foundation
@testable import ShingiBuild
import ShingiCore
import ShingiLoad
@testable import ShingiRender
import XCTest

/// Which outputs a preview rebuild renders after an edit, exactly (as Hugo's rebuild
/// tests count renders): the dependencies recorded while rendering decide it, and each
/// rebuild must still give a full build's bytes.
final class RenderCountTests: XCTestCase {
    private var root: URL!
    private var builder: SiteBuilder!
    private var previous: SiteBuilder.Previous?

    override func setUp() async throws {
        root = try MiniSite.make(self, IncrementalRebuildTests.extra)
        builder = SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme), cache: MarkdownCache())
        previous = await builder.rebuild(previous: nil, changedPaths: []).next
    }

    /// Writes `files`, rebuilds, checks the result against a full build and returns the
    /// jobs rendered.
    private func edit(_ files: [String: String], line: UInt = #line) async throws -> Set<PageJob> {
        try write(files, to: root)
        let rebuild = await builder.rebuild(previous: previous, changedPaths: Set(files.keys))
        previous = rebuild.next
        let fresh = await SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme)).render()
        XCTAssertEqual(rebuild.result.diagnostics, fresh.diagnostics, line: line)
        XCTAssertEqual(rebuild.result.files, fresh.files, "the rebuild differs from a full build", line: line)
        XCTAssertNotNil(rebuild.delta, "the rebuild was not incremental", line: line)
        return rebuild.renderedJobs
    }

    private func replacing(_ path: String, _ from: String, _ to: String) throws -> [String: String] {
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        XCTAssertTrue(text.contains(from), "\(path) lacks \(from)")
        return [path: text.replacingOccurrences(of: from, with: to)]
    }

    /// The 意見対応表 pages and CSV files of the site and of meeting 14 in one language.
    static func responses(_ language: Language) -> Set<PageJob> {
        [.responses(nil, language), .responsesCSV(nil, language), .responses("14", language), .responsesCSV("14", language)]
    }

    /// A job that lists every comment records one input for all their HTML in a language;
    /// a changed comment makes it a reader as if it had recorded that comment, in that
    /// language only.
    func testAJobThatListsEveryCommentIsAReaderOfEachOfThem() {
        var dependencies = Dependencies()
        let every = ReadLog(), one = ReadLog()
        every.read(.everyRenderedComment(.en))
        one.read(.renderedComment("c1", .en))
        dependencies.record(.page(.feed(.en)), every)
        dependencies.record(.page(.issueFeed("1", .en)), one)
        XCTAssertEqual(dependencies.readers(of: [.renderedComment("c2", .en)]), [.page(.feed(.en))])
        XCTAssertEqual(dependencies.readers(of: [.renderedComment("c1", .en)]), [.page(.feed(.en)), .page(.issueFeed("1", .en))])
        XCTAssertEqual(dependencies.readers(of: [.renderedComment("c1", .ja)]), [])
    }

    func testACommentsTextRendersThePagesAndFeedsThatShowIt() async throws {
        let jobs = try await edit(try replacing(IncrementalRebuildTests.comment, "It should function.", "It must function."))
        // Its issue page, the comments index, its member's and meeting's pages, the feeds
        // and the 意見対応表 of the site and of its meeting with their CSV files, in its
        // language only. The 意見対応表
        // came after this mechanism: no rule had to be written for it.
        let shown: Set<PageJob> = [.issue("1", .en), .comments(.en), .member("nakanishi", .en), .meeting("14", .en), .feed(.en), .issueFeed("1", .en)]
        XCTAssertEqual(jobs, shown.union(Self.responses(.en)))
        // The pages that list every comment have their skeletons from the first build;
        // the others get theirs now, and the next edit fills them too.
        XCTAssertEqual(previous?.good?.rendered.filledJobs, [.comments(.en), .responses(nil, .en)])
        let again = try await edit(try replacing(IncrementalRebuildTests.comment, "It must function.", "It must work."))
        XCTAssertEqual(again, shown.union(Self.responses(.en)))
        XCTAssertEqual(previous?.good?.rendered.filledJobs,
                       [.comments(.en), .member("nakanishi", .en), .meeting("14", .en), .responses(nil, .en), .responses("14", .en)])
    }

    /// A refilled page skips its duplicate-id check when the comments refilled carry the
    /// ids they had; a comment whose ids change has the page checked, so an id it now
    /// shares with another comment is reported as a full build reports it.
    func testARefilledPageIsCheckedForDuplicateIDsWhenACommentsIDsChange() async throws {
        let partial = try String(contentsOf: defaultTheme.appendingPathComponent("partials/comment.mustache"), encoding: .utf8)
        let marked = partial.replacingOccurrences(of: "{{#has_date}}", with: "{{#has_date}}<span id=\"dated\"></span>")
        XCTAssertNotEqual(marked, partial)
        try write(["templates/partials/comment.mustache": marked], to: root)
        previous = await builder.rebuild(previous: nil, changedPaths: []).next
        // Twice, so the pages that list comments have their skeletons and are refilled.
        _ = try await edit(try replacing(IncrementalRebuildTests.comment, "It should function.", "It must function."))
        _ = try await edit(try replacing(IncrementalRebuildTests.comment, "It must function.", "It must work."))
        XCTAssertTrue(previous?.good?.rendered.filledJobs.contains(.comments(.en)) ?? false)
        let comments = try XCTUnwrap(previous?.good?.rendered.state?.comments)
        // A text edit keeps the ids: the refilled pages are not checked again.
        _ = try await edit(try replacing(IncrementalRebuildTests.comment, "It must work.", "It must serve."))
        let after = try XCTUnwrap(previous?.good?.rendered.state?.comments)
        XCTAssertTrue(after.haveSameIDs([.renderedComment("c1", .en)], as: comments))
        // A date gives each comment the theme's id "dated": one is fine, two on a page are not.
        _ = try await edit(try replacing("content/comments/14/d1.en.md", "meeting: \"14\"\n", "meeting: \"14\"\ndate: \"2021-06-02\"\n"))
        // (A comment's date is its original's, here the Japanese file's.)
        let dated = try await editResult(try replacing(IncrementalRebuildTests.commentJA, "meeting: \"14\"\n", "meeting: \"14\"\ndate: \"2021-06-02\"\n"))
        XCTAssertTrue(dated.contains { $0.code == "duplicate-id" && $0.location.path == "en/comments/index.html" }, "\(dated)")
    }

    /// Like `edit`, for an edit that leaves errors: the rebuild's diagnostics, which must
    /// be a full build's.
    private func editResult(_ files: [String: String], line: UInt = #line) async throws -> [Diagnostic] {
        try write(files, to: root)
        let rebuild = await builder.rebuild(previous: previous, changedPaths: Set(files.keys))
        previous = rebuild.next
        let fresh = await SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme)).render()
        XCTAssertEqual(rebuild.result.diagnostics, fresh.diagnostics, line: line)
        return rebuild.result.diagnostics
    }

    func testAMembersNameRendersEveryPageThatNamesThem() async throws {
        let jobs = try await edit(try replacing("content/members.yml", "en: \"Nakanishi\"", "en: \"Nakanishi Jun\""))
        // Named as the issue's advisor, on the comments they made (issue, comments index,
        // meeting, feeds), in the member list, on their own page and where a page links
        // to their comment ("comment by …"); in English only.
        let naming: Set<PageJob> = [.issue("1", .en), .comments(.en), .member("nakanishi", .en), .meeting("14", .en), .members(.en),
                                    .feed(.en), .issueFeed("1", .en), .page("about", .en)]
        XCTAssertEqual(jobs, naming.union(Self.responses(.en)))
        XCTAssertFalse(jobs.contains(.member("goto", .en)), "another member's page does not name them")
    }

    func testAnIssuesAdvisorsRenderTheMemberPagesThatListIt() async throws {
        var files = try replacing(IncrementalRebuildTests.issue, "advisors: [nakanishi]", "advisors: [nakanishi, goto]")
        files.merge(try replacing(IncrementalRebuildTests.issueJA, "advisors: [nakanishi]", "advisors: [nakanishi, goto]")) { $1 }
        let jobs = try await edit(files)
        // The new advisor's pages now list the issue; the other advisor's list did not
        // change, and no member page reads another issue's advisors.
        XCTAssertTrue(jobs.isSuperset(of: [.issue("1", .en), .issue("1", .ja), .member("goto", .en), .member("goto", .ja)]), "\(jobs)")
        XCTAssertFalse(jobs.contains(.member("nakanishi", .en)), "\(jobs)")
    }

    func testAnIssuesTextRendersOnlyItsOwnPages() async throws {
        let jobs = try await edit(try replacing(IncrementalRebuildTests.issue, "Remark by", "Said by"))
        // Both languages: the Japanese page says whether the English is stale.
        XCTAssertEqual(jobs, [.issue("1", .en), .issue("1", .ja)])
    }

    func testAnIssuesTitleRendersEveryPageThatNamesIt() async throws {
        let jobs = try await edit(try replacing(IncrementalRebuildTests.issue, "title: \"Building structures\"", "title: \"Building teams\""))
        XCTAssertTrue(jobs.isSuperset(of: [.issue("1", .en), .issues(.en), .home(.en), .comments(.en), .issueFeed("1", .en)]), "\(jobs)")
        XCTAssertFalse(jobs.contains(.references(.en)), "the reference index names no issue title")
    }

    func testAFreePagesTextRendersOnlyItsOwnPages() async throws {
        let jobs = try await edit(try replacing("content/pages/about.en.md", "Explanation.", "An explanation."))
        XCTAssertEqual(jobs, [.page("about", .en), .page("about", .ja)])
    }

    func testAPageTitleRendersEveryPageThatListsIt() async throws {
        let jobs = try await edit(try replacing("content/pages/about.en.md", "title: \"About\"", "title: \"About this site\""))
        // Every English page lists the free pages in its footer.
        let english = Set(SiteRenderer(site: try XCTUnwrap(previous?.result?.site), theme: try XCTUnwrap(previous?.good?.theme)).jobs
            .filter { job in job.isPage && "\(job)".contains("ShingiCore.Language.en") || job == .page("about", .ja) })
        XCTAssertEqual(jobs, english)
    }

    func testNothingChangedRendersNothing() async throws {
        let jobs = try await edit(try replacing(IncrementalRebuildTests.comment, "It should function.", "It should function."))
        XCTAssertEqual(jobs, [])
    }
}
