import Foundation
import ShingiCore
import XCTest

/// Diagnostics that lead to the real problem: no knock-on errors with false advice, the
/// field and values named, "did you mean" for a near miss, the folder named.
final class DiagnosticsTests: XCTestCase {
    private func diagnostics(_ changes: [String: String?]) async throws -> [String] {
        let root = try MiniSite.make(self, changes)
        return await build(root).diagnostics.map(\.description)
    }

    private func assertDiagnostics(_ changes: [String: String?], _ expected: [String], line: UInt = #line) async throws {
        let found = try await diagnostics(changes)
        XCTAssertEqual(found, expected, line: line)
    }

    func testMembersFileThatDoesNotLoadGivesItsErrorAndOneLine() async throws {
        let broken = MiniSite.files["content/members.yml"]!.replacingOccurrences(of: "role: member", with: "role: \"member")
        try await assertDiagnostics(["content/members.yml": broken], [
            "content/members.yml:1:1: warning: 6 uses of its member ids could not be checked because this file did not load; fix its error first [unchecked-references]",
            "content/members.yml:6:16: error: malformed YAML: while scanning a quoted scalar (line 6), found unexpected end of stream; check indentation, quotes and ':' [malformed-yaml]",
        ])
    }

    func testMeetingsFileThatDoesNotLoadGivesItsErrorAndOneLine() async throws {
        try await assertDiagnostics(["content/meetings.yml": "- id: \"14\"\n  number: [14\n"], [
            "content/meetings.yml:1:1: warning: 4 uses of its meeting ids could not be checked because this file did not load; fix its error first [unchecked-references]",
            "content/meetings.yml:3:1: error: malformed YAML: while parsing a flow sequence (line 2), did not find expected ',' or ']'; check indentation, quotes and ':' [malformed-yaml]",
        ])
    }

    /// The English file exists: its own error is enough.
    func testFrontMatterErrorInTheEnglishFileIsNotAlsoAMissingTranslation() async throws {
        let english = MiniSite.files["content/issues/1/index.en.md"]!.replacingOccurrences(of: "number: 1\n", with: "number: [1\n")
        try await assertDiagnostics(["content/issues/1/index.en.md": english], [
            "content/issues/1/index.en.md:4:6: error: malformed YAML: while parsing a flow sequence (line 3), did not find expected ',' or ']'; check indentation, quotes and ':' [malformed-yaml]",
        ])
    }

    func testRoleMustBeOneOfTheKnownRoles() async throws {
        let members = MiniSite.files["content/members.yml"]!.replacingOccurrences(of: "role: chair", with: "role: chairman")
        try await assertDiagnostics(["content/members.yml": members], [
            "content/members.yml:3:9: error: role 'chairman' is not one of chair, member, advisor [invalid-value]",
        ])
        let typo = MiniSite.files["content/members.yml"]!.replacingOccurrences(of: "role: chair", with: "role: advisr")
        try await assertDiagnostics(["content/members.yml": typo], [
            "content/members.yml:3:9: error: role 'advisr' is not one of chair, member, advisor; did you mean 'advisor'? [invalid-value]",
        ])
    }

    func testUnknownIdsGetDidYouMean() async throws {
        let issue = MiniSite.files["content/issues/1/index.ja.md"]!.replacingOccurrences(of: "[[ref:tebiki]]", with: "[[ref:tebik]]")
        let comment = MiniSite.files["content/comments/14/c1.ja.md"]!.replacingOccurrences(of: "member: nakanishi", with: "member: nakanshi")
        let members = MiniSite.files["content/members.yml"]!.replacingOccurrences(of: "role: chair", with: "role: chair\n  affilation: {ja: \"大学\"}")
        try await assertDiagnostics(["content/issues/1/index.ja.md": issue, "content/comments/14/c1.ja.md": comment,
                                              "content/members.yml": members], [
            "content/comments/14/c1.en.md:2:9: error: this translation has member 'nakanishi' but content/comments/14/c1.ja.md has 'nakanshi'; the languages of one comment must agree [translation-mismatch]",
            "content/comments/14/c1.ja.md:2:9: error: member 'nakanshi' is not in content/members.yml; did you mean 'nakanishi'? [unknown-member]",
            "content/issues/1/index.ja.md:10:3: error: '[[ref:tebik]]' links to reference 'tebik', which does not exist in content/references.yml; did you mean 'tebiki'? [broken-link]",
            "content/members.yml:4:3: warning: members.yml entry 'goto' has an unknown field 'affilation'; did you mean 'affiliation'? [unknown-field]",
        ])
    }

    func testUnknownCommandGetsDidYouMean() throws {
        let typo = try runShingi(["biuld"])
        XCTAssertEqual(typo.status, 64)
        XCTAssertEqual(typo.err, "error: 'biuld' is not a shingi command; did you mean 'build'?\n")
        let far = try runShingi(["publish"])
        XCTAssertEqual(far.status, 64)
        XCTAssertEqual(far.err, "error: 'publish' is not a shingi command; the commands are build, check, init, diff, serve, theme, translations\n")
    }

    func testSiteRootMessagesNameTheFolderAndWhetherItExists() throws {
        let scratch = try temporaryDirectory(self)
        let missing = scratch.appendingPathComponent("no/such/folder")
        let result = try runShingi(["check", "--root", missing.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.err.hasPrefix("shingi.yml:1:1: error: the site root \(missing.path) does not exist; pass --root with the folder that holds shingi.yml [missing-config]\n"), result.err)
        let empty = scratch.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = try runShingi(["check", "--root", empty.path])
        XCTAssertTrue(none.err.hasPrefix("shingi.yml:1:1: error: the site root \(empty.path) has no shingi.yml; start a site there with 'shingi init \(empty.path)' or pass --root with the folder that holds shingi.yml [missing-config]\n"), none.err)
    }

    func testSuggestionTakesTheOneCloseCandidate() {
        XCTAssertEqual(Suggestion.closest(to: "exmple", in: ["example", "tebiki"]), "example")
        XCTAssertEqual(Suggestion.closest(to: "affilation", in: ["id", "name", "role", "affiliation"]), "affiliation")
        XCTAssertEqual(Suggestion.closest(to: "biuld", in: ["build", "check", "init", "diff", "serve"]), "build")
        // Two equally close candidates, nothing close, or too short to guess: no suggestion.
        XCTAssertNil(Suggestion.closest(to: "cat", in: ["bat", "hat"]))
        XCTAssertNil(Suggestion.closest(to: "publish", in: ["build", "check"]))
        XCTAssertNil(Suggestion.closest(to: "7", in: ["1"]))
    }
}
