import Foundation
import ShingiCore
import ShingiLoad
import XCTest

/// The values of a YAML text are bounded by the file-size limit (one per 8 bytes of
/// `limits: max_file_size:`), not by a fixed count: a large reference index loads, and a
/// data file that does not load gives its error and one line for what it leaves unchecked.
final class YAMLValueLimitTests: XCTestCase {
    /// `count` references of 19 values and about 200 bytes each, like a real index.
    private static func references(_ count: Int) -> String {
        var text = ""
        for n in 1...count {
            let id = String(n).leftPadded(to: 5)
            text += "- id: r\(id)\n  title: {ja: \"参考資料 第\(n)号\", en: \"Reference No. \(n)\"}\n"
                + "  publisher: {ja: \"内閣官房\", en: \"Cabinet Secretariat\"}\n  date: \"2021-06-02\"\n"
                + "  url: \"https://example.go.jp/r/\(id).pdf\"\n"
        }
        return text
    }

    /// Before, a fixed limit of 100,000 values refused any index of more than about 5,000
    /// entries (the synthetic corpus at N = 5,000 has 10,000).
    func testAReferenceIndexOfTwentyThousandEntriesLoadsWithTheDefaults() async throws {
        let text = Self.references(20_000)
        XCTAssertLessThan(text.utf8.count, Limits.defaultMaxFileSize)
        let root = try MiniSite.make(self, ["content/references.yml": text + "- id: tebiki\n  title: {ja: \"手引き\", en: \"The Guide\"}\n"])
        let loaded = await ContentLoader(root: root).load()
        XCTAssertEqual(loaded.diagnostics, [])
        XCTAssertEqual(loaded.references.count, 20_001)
    }

    func testALowerFileSizeLimitLowersTheValueLimitAndSaysHowToRaiseIt() async throws {
        // Dense entries (9 values in about 40 bytes): 2,500 of them are 100 kB, under a
        // file-size limit of 120,000 bytes, and 22,500 values, over its 15,000.
        let config = MiniSite.files["shingi.yml"]! + "\nlimits:\n  max_file_size: 120000\n"
        let text = (1...2_500).map { "- {id: r\($0), title: {ja: 参, en: R}}\n" }.joined()
        XCTAssertLessThan(text.utf8.count, 120_000)
        let root = try MiniSite.make(self, ["shingi.yml": config, "content/references.yml": text])
        let loaded = await ContentLoader(root: root).load()
        XCTAssertEqual(loaded.diagnostics.map { $0.description }, [
            "content/references.yml:1667:23: error: the YAML has more than 15000 values (one per 8 bytes of the file-size limit, 120000 bytes); split the file, or raise 'limits: max_file_size:' (in bytes) in shingi.yml [yaml-too-large]",
        ])
    }

    func testAReferenceIndexThatDoesNotLoadGivesOneLineForTheCitationsItLeavesUnchecked() async throws {
        let config = MiniSite.files["shingi.yml"]! + "\nlimits:\n  max_file_size: 120000\n"
        let cites = String(repeating: "本文[[ref:r1]]。\n\n", count: 300)
        let root = try MiniSite.make(self, [
            "shingi.yml": config,
            "content/references.yml": (1...2_500).map { "- {id: r\($0), title: {ja: 参, en: R}}\n" }.joined(),
            "content/pages/cites.ja.md": "---\ntitle: \"引用\"\n---\n" + cites,
            "content/pages/cites.en.md": "---\ntitle: \"Citations\"\n---\n" + cites,
        ])
        let result = await build(root)
        XCTAssertEqual(result.diagnostics.map(\.description), [
            "content/references.yml:1:1: warning: 602 uses of its reference ids could not be checked because this file did not load; fix its error first [unchecked-references]",
            "content/references.yml:1667:23: error: the YAML has more than 15000 values (one per 8 bytes of the file-size limit, 120000 bytes); split the file, or raise 'limits: max_file_size:' (in bytes) in shingi.yml [yaml-too-large]",
        ])
    }
}
