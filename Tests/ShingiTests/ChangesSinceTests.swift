import Foundation
import XCTest

/// `shingi build --changes-since REV` marks what changed since REV on the built pages.
final class ChangesSinceTests: XCTestCase {
    func testChangedSectionsAndCommentsAreMarkedWithALegend() throws {
        let root = try MiniSite.make(self)
        try runGit(["init", "-q"], in: root)
        try commitAll(in: root, message: "first")
        // Reword the Japanese comment and the Japanese text of section 1.2.
        try write(["content/comments/14/c1.ja.md": MiniSite.files["content/comments/14/c1.ja.md"]!.replacingOccurrences(of: "機能する", with: "十分に機能する"),
                   "content/issues/1/index.ja.md": MiniSite.files["content/issues/1/index.ja.md"]!.replacingOccurrences(of: "の発言。", with: "の発言を追記。")],
                  to: root)
        let out = try temporaryDirectory(self).appendingPathComponent("site")
        let result = try runShingi(["build", "--root", root.path, "--out", out.path, "--changes-since", "HEAD"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.out.hasPrefix("marked 2 changed places (sections, comments, pages) since HEAD\n"), result.out)

        // Section 1.2 and comment c1 are marked on the Japanese page, under a legend that
        // says "the previous version" (the revision is the author's business); only the
        // Japanese text changed, so the English page has the legend and marks nothing.
        let ja = try String(contentsOf: out.appendingPathComponent("ja/issues/1/index.html"), encoding: .utf8)
        try assertGolden(ja, "changes-since/marked/ja/issues/1/index.html")
        XCTAssertFalse(ja.contains("HEAD"))
        let en = try String(contentsOf: out.appendingPathComponent("en/issues/1/index.html"), encoding: .utf8)
        try assertGolden(en, "changes-since/marked/en/issues/1/index.html")
        XCTAssertFalse(en.contains("HEAD"))
    }

    /// `--changes-label` names the earlier version in the legend; a change of an issue's
    /// own title marks its page.
    func testTheLabelNamesTheEarlierVersionAndAPageChangeIsNoted() throws {
        let root = try MiniSite.make(self)
        try runGit(["init", "-q"], in: root)
        try commitAll(in: root, message: "first")
        try write(["content/issues/1/index.en.md": MiniSite.files["content/issues/1/index.en.md"]!
            .replacingOccurrences(of: "title: \"Building structures\"", with: "title: \"Building teams\"")], to: root)
        let out = try temporaryDirectory(self).appendingPathComponent("site")
        let result = try runShingi(["build", "--root", root.path, "--out", out.path, "--changes-since", "HEAD", "--changes-label", "第14回会合の資料"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.out.hasPrefix("marked 1 changed place (sections, comments, pages) since HEAD\n"), result.out)
        // The legend names the label; the English page notes that the page itself changed.
        try assertGolden(try String(contentsOf: out.appendingPathComponent("en/issues/1/index.html"), encoding: .utf8),
                         "changes-since/labelled/en/issues/1/index.html")
        try assertGolden(try String(contentsOf: out.appendingPathComponent("ja/issues/1/index.html"), encoding: .utf8),
                         "changes-since/labelled/ja/issues/1/index.html")
        let label = try runShingi(["build", "--root", root.path, "--changes-label", "x"])
        XCTAssertEqual(label.status, 64)
        XCTAssertTrue(label.err.hasPrefix("Error: --changes-label names the version of --changes-since; give that too\n"), label.err)
    }

    /// `--changes-meeting` names the earlier version by a meeting: its title and date.
    func testTheMeetingNamesTheEarlierVersion() throws {
        let root = try MiniSite.make(self)
        try runGit(["init", "-q"], in: root)
        try commitAll(in: root, message: "first")
        try write(["content/comments/14/c1.en.md": MiniSite.files["content/comments/14/c1.en.md"]!.replacingOccurrences(of: "should", with: "must")], to: root)
        let out = try temporaryDirectory(self).appendingPathComponent("site")
        let result = try runShingi(["build", "--root", root.path, "--out", out.path, "--changes-since", "HEAD", "--changes-meeting", "14"])
        XCTAssertEqual(result.status, 0, result.err)
        // The legend names the meeting by its title and date in each language.
        try assertGolden(try String(contentsOf: out.appendingPathComponent("ja/index.html"), encoding: .utf8), "changes-since/meeting/ja/index.html")
        try assertGolden(try String(contentsOf: out.appendingPathComponent("en/index.html"), encoding: .utf8), "changes-since/meeting/en/index.html")
        let unknown = try runShingi(["build", "--root", root.path, "--out", out.path, "--changes-since", "HEAD", "--changes-meeting", "15"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.err, "error: --changes-meeting 15: there is no meeting '15' in content/meetings.yml\n")
    }

    func testOutsideGitTheErrorSaysToBuildWithoutTheOption() throws {
        let root = try MiniSite.make(self)
        let result = try runShingi(["build", "--root", root.path, "--changes-since", "HEAD"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.err, "error: --changes-since: '\(root.path)' is not in a git repository, so there is no earlier version to compare with; build without --changes-since\n")
    }

    func testWithoutTheOptionNothingIsMarked() async throws {
        let root = try MiniSite.make(self)
        let out = root.appendingPathComponent("site")
        _ = await build(root, out: out, write: true)
        let html = try String(contentsOf: out.appendingPathComponent("ja/issues/1/index.html"), encoding: .utf8)
        XCTAssertFalse(html.contains("changes-legend"))
        XCTAssertFalse(html.contains("changed-section"))
    }

    func testAnUnknownRevisionIsAClearError() throws {
        let root = try MiniSite.make(self)
        try runGit(["init", "-q"], in: root)
        try commitAll(in: root, message: "first")
        let result = try runShingi(["build", "--root", root.path, "--changes-since", "nope"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.err.hasPrefix("error: --changes-since: old: unknown revision 'nope' in the git repository at "), result.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("site/index.html").path))
    }
}
