import Foundation
import ShingiBuild
import ShingiCore
import ShingiRender
import ShingiResolve
import XCTest

/// `affectedJobs`: which pages a preview rebuild re-renders after an edit.
final class PageDependenciesTests: XCTestCase {
    static let extra: [String: String?] = [
        "content/index.ja.md": "---\ntitle: \"ホーム\"\n---\n\nはじめに。\n",
        "content/index.en.md": "---\ntitle: \"Home\"\n---\n\nIntroduction.\n",
        "content/pages/about.ja.md": "---\ntitle: \"このサイトについて\"\norder: 1\n---\n\n説明。\n",
        "content/pages/about.en.md": "---\ntitle: \"About\"\norder: 1\n---\n\nExplanation.\n",
    ]
    static let comment = "content/comments/14/c1.en.md"
    static let issue = "content/issues/1/index.en.md"

    /// The resolved site before and after `edits` (nil removes a file).
    private func sites(_ edits: [String: String?], base: [String: String?] = [:]) async throws -> (ResolvedSite, ResolvedSite) {
        let root = try MiniSite.make(self, Self.extra.merging(base) { $1 })
        let before = await build(root)
        XCTAssertTrue(before.succeeded, "\(before.diagnostics)")
        for (path, text) in edits {
            if let text { try write([path: text], to: root) } else { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }
        }
        let after = await build(root)
        XCTAssertTrue(after.succeeded, "\(after.diagnostics)")
        return (try XCTUnwrap(before.site), try XCTUnwrap(after.site))
    }

    private func edited(_ path: String, _ from: String, _ to: String) -> String {
        let text = (MiniSite.files[path] ?? Self.extra[path]!)!
        XCTAssertTrue(text.contains(from), "\(path) lacks \(from)")
        return text.replacingOccurrences(of: from, with: to)
    }

    private func jobs(_ edits: [String: String?], base: [String: String?] = [:]) async throws -> Set<PageJob>? {
        let (old, new) = try await sites(edits, base: base)
        return affectedJobs(old: old, new: new, changedPaths: Set(edits.keys)).map(Set.init)
    }

    private func assertEverything(_ edits: [String: String?], base: [String: String?] = [:], line: UInt = #line) async throws {
        let result = try await jobs(edits, base: base)
        XCTAssertNil(result, "\(edits.keys.sorted())", line: line)
    }

    func testACommentBodyEditRerendersItsIssueMemberMeetingAndCommentsPagesInItsLanguage() async throws {
        let result = try await jobs([Self.comment: edited(Self.comment, "It should function.", "It must work.")])
        XCTAssertEqual(result, [.issue("1", .en), .member("nakanishi", .en), .meeting("14", .en), .comments(.en),
                                .responses(nil, .en), .responsesCSV(nil, .en), .responses("14", .en), .responsesCSV("14", .en)])
    }

    func testACommentWithoutATranslationRerendersBothLanguages() async throws {
        let ja = "content/comments/14/c1.ja.md"
        let result = try await jobs([ja: edited(ja, "機能するようにすべき。", "すぐに機能させるべき。")], base: [Self.comment: nil])
        XCTAssertEqual(result, [.issue("1", .ja), .member("nakanishi", .ja), .meeting("14", .ja), .comments(.ja),
                                .responses(nil, .ja), .responsesCSV(nil, .ja), .responses("14", .ja), .responsesCSV("14", .ja),
                                .issue("1", .en), .member("nakanishi", .en), .meeting("14", .en), .comments(.en),
                                .responses(nil, .en), .responsesCSV(nil, .en), .responses("14", .en), .responsesCSV("14", .en)])
    }

    func testAnIssueBodyEditRerendersOnlyItsPage() async throws {
        let result = try await jobs([Self.issue: edited(Self.issue, "Remark by", "A remark by")])
        XCTAssertEqual(result, [.issue("1", .en)])
    }

    func testAFreePageEditRerendersThatPage() async throws {
        let path = "content/pages/about.ja.md"
        let result = try await jobs([path: edited(path, "説明。", "詳しい説明。")])
        XCTAssertEqual(result, [.page("about", .ja)])
    }

    func testAHomeBodyEditRerendersTheHomePage() async throws {
        let path = "content/index.en.md"
        let result = try await jobs([path: edited(path, "Introduction.", "Welcome.")])
        XCTAssertEqual(result, [.home(.en)])
    }

    func testTemplatesConfigAndDataFilesRerenderEverything() async throws {
        let (old, new) = try await sites([:])
        for path in ["templates/layout.mustache", "shingi.yml", "content/members.yml", "content/meetings.yml", "content/references.yml"] {
            XCTAssertNil(affectedJobs(old: old, new: new, changedPaths: [path]), path)
        }
        XCTAssertNil(affectedJobs(old: old, new: new, changedPaths: [Self.comment, "templates/issue.mustache"]))
        XCTAssertNil(affectedJobs(old: old, new: new, changedPaths: ["content/pages/unknown.en.md"]))
        XCTAssertNil(affectedJobs(old: old, new: new, changedPaths: []))
    }

    func testAddingRemovingOrRenamingRerendersEverything() async throws {
        let second = "content/comments/14/c2.en.md"
        try await assertEverything([second: MiniSite.files[Self.comment]!])
        try await assertEverything([second: MiniSite.files[Self.comment]!], base: [second: nil])
        try await assertEverything([second: nil], base: [second: MiniSite.files[Self.comment]!])
        try await assertEverything([Self.comment: nil, second: MiniSite.files[Self.comment]!])
        try await assertEverything(["content/pages/about.en.md": nil, "content/pages/info.en.md": Self.extra["content/pages/about.en.md"]!])
    }

    func testTitlesTargetsSectionsAndCitationsRerenderEverything() async throws {
        try await assertEverything([Self.issue: edited(Self.issue, "Building structures", "Building teams")])
        try await assertEverything([Self.issue: edited(Self.issue, "## 1.2 Practice", "## 1.2 In practice")])
        // The other language still cites the reference, so the index's "cited in" is the same.
        let oneLanguage = try await jobs([Self.issue: edited(Self.issue, "Text[[ref:tebiki]].", "Text.")])
        XCTAssertEqual(oneLanguage, [.issue("1", .en)])
        let ja = "content/issues/1/index.ja.md"
        try await assertEverything([Self.issue: edited(Self.issue, "Text[[ref:tebiki]].", "Text."), ja: edited(ja, "本文[[ref:tebiki]]。", "本文。")])
        let jaComment = "content/comments/14/c1.ja.md"
        for (from, to) in [("target: \"1#1.1\"", "target: \"1#1.2\""), ("member: nakanishi", "member: goto"), ("meeting: \"14\"\n---", "meeting: \"14\"\ndate: \"2021-02-01\"\n---")] {
            try await assertEverything([Self.comment: edited(Self.comment, from, to), jaComment: edited(jaComment, from, to)])
        }
        try await assertEverything([Self.comment: edited(Self.comment, "It should function.", "It should function [[ref:tebiki]].")])
        let page = "content/pages/about.en.md"
        try await assertEverything([page: edited(page, "title: \"About\"", "title: \"About us\"")])
    }

    /// The pages an incremental rebuild merges are exactly those of a full build.
    func testAnIncrementalRebuildMatchesAFullBuild() async throws {
        let root = try MiniSite.make(self, Self.extra)
        let builder = SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme), cache: nil)
        let first = await builder.rebuild(previous: nil, changedPaths: []).next
        var previous = try XCTUnwrap(first)
        let full = try XCTUnwrap(previous.result).pagesPerLanguage.values.reduce(0, +)
        for (path, from, to) in [(Self.comment, "It should function.", "It must work."), (Self.issue, "Remark by", "A remark by"),
                                 ("content/index.ja.md", "はじめに。", "ようこそ。")] {
            try write([path: edited(path, from, to)], to: root)
            let rebuild = await builder.rebuild(previous: previous, changedPaths: [path])
            let (result, rendered, next) = (rebuild.result, rebuild.renderedPages, rebuild.next)
            XCTAssertTrue(result.succeeded)
            XCTAssertLessThan(rendered, full, path)
            XCTAssertGreaterThan(rendered, 0, path)
            let expected = await builder.render()
            XCTAssertEqual(result.files.map(\.path), expected.files.map(\.path), path)
            XCTAssertTrue(result.files == expected.files, path)
            XCTAssertEqual(result.pagesPerLanguage, expected.pagesPerLanguage)
            previous = try XCTUnwrap(next)
        }
    }
}
