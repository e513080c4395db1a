import Foundation
import ShingiCore
import XCTest

/// Builds the fixture sites under Tests/Fixtures/sites and compares every output file
/// with Tests/Fixtures/expected. `SHINGI_UPDATE_GOLDENS=1 swift test` rewrites the
/// expected files; review the diff before committing them.
final class FixtureSiteTests: XCTestCase {
    func testBasicSiteMatchesGoldenOutput() async throws {
        try await compare(site: "basic", expectedDiagnostics: [
            "content/comments/14/c-goto.ja.md:1:1: warning: comment 'c-goto' has no English translation (content/comments/14/c-goto.en.md); its page is built from the other language with a notice [missing-translation]",
            "content/issues/1/index.en.md:22:1: warning: section '1.2 Practice' has no explicit id, so its id differs between languages; add one such as '{#1.2}' so comments and the language switch can address it [section-without-id]",
            "content/issues/1/index.ja.md:22:1: warning: section '１．２ 実践' has no explicit id, so its id differs between languages; add one such as '{#1.2}' so comments and the language switch can address it [section-without-id]",
            "content/issues/2/index.ja.md:1:1: warning: issue '2' has no English translation (content/issues/2/index.en.md); its page is built from the other language with a notice [missing-translation]",
            "content/members.yml:7:3: warning: the name of member 'kamata' has no English text; it is shown in the other language, marked as untranslated [missing-translation]",
            "content/references.yml:6:3: warning: the title of reference 'report' has no English text; it is shown in the other language, marked as untranslated [missing-translation]",
        ])
    }

    private func compare(site name: String, expectedDiagnostics: [String]) async throws {
        let root = fixturesRoot.appendingPathComponent("sites/\(name)")
        let out = try temporaryDirectory(self).appendingPathComponent("site")
        let result = await build(root, out: out, write: true)
        XCTAssertEqual(result.diagnostics.map(\.description), expectedDiagnostics)
        // The theme's assets are copied byte for byte; the goldens hold the pages.
        var actual = try tree(out)
        XCTAssertEqual(actual["assets/style.css"], try Data(contentsOf: defaultTheme.appendingPathComponent("assets/style.css")))
        actual = actual.filter { !$0.key.hasPrefix("assets/") }
        let expectedRoot = fixturesRoot.appendingPathComponent("expected/\(name)")
        if ProcessInfo.processInfo.environment["SHINGI_UPDATE_GOLDENS"] == "1" {
            try? FileManager.default.removeItem(at: expectedRoot)
            for (path, data) in actual { try writeBytes(Array(data), to: expectedRoot.appendingPathComponent(path)) }
            return
        }
        let expected = try tree(expectedRoot)
        XCTAssertEqual(actual.keys.sorted(), expected.keys.sorted(), "the set of output files differs")
        for path in actual.keys.sorted() {
            guard let want = expected[path], let got = actual[path] else { continue }
            if want != got {
                assertSameText(String(decoding: got, as: UTF8.self), String(decoding: want, as: UTF8.self), path)
            }
        }
    }
}
