import Foundation
import ShingiBuild
import ShingiCore
import ShingiMarkdown
import XCTest

/// The repository checkout (for the bundled site and the default theme).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let fixturesRoot = repositoryRoot.appendingPathComponent("Tests/Fixtures")
let defaultTheme = repositoryRoot.appendingPathComponent("templates")

/// A temporary folder removed when the test ends.
func temporaryDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("shingi-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Writes `files` (path → text) below `root`.
func write(_ files: [String: String], to root: URL) throws {
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

func writeBytes(_ bytes: [UInt8], to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
}

/// All regular files below `root`, as relative path → bytes.
func tree(_ root: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let base = root.standardizedFileURL.path + "/"
    guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
    for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
        result[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
    }
    return result
}

/// A small valid bilingual site; tests change one file to make it bad.
enum MiniSite {
    static let files: [String: String] = [
        "shingi.yml": """
        title: {ja: "テスト調査会", en: "Test Panel"}
        base_url: "/"
        languages: [ja, en]
        default_language: ja
        sitemap: false
        """,
        "content/members.yml": """
        - id: goto
          name: {ja: "後藤", en: "Goto"}
          role: chair
        - id: nakanishi
          name: {ja: "中西", en: "Nakanishi"}
          role: member
        """,
        "content/meetings.yml": """
        - id: "14"
          number: 14
          date: "2021-01-21"
          title: {ja: "第14回会合", en: "14th meeting"}
        """,
        "content/references.yml": """
        - id: tebiki
          title: {ja: "手引き", en: "The Guide"}
          url: "https://example.org/tebiki.pdf"
        """,
        "content/issues/1/index.ja.md": """
        ---
        id: "1"
        number: 1
        title: "体制の構築"
        advisors: [nakanishi]
        meeting: "14"
        ---
        ## １．１ 機能 {#1.1}

        本文[[ref:tebiki]]。

        ## １．２ 実践 {#1.2}

        [[member:goto]]の発言。
        """,
        "content/issues/1/index.en.md": """
        ---
        id: "1"
        number: 1
        title: "Building structures"
        advisors: [nakanishi]
        meeting: "14"
        ---
        ## 1.1 Functions {#1.1}

        Text[[ref:tebiki]].

        ## 1.2 Practice {#1.2}

        Remark by [[member:goto]].
        """,
        "content/comments/14/c1.ja.md": """
        ---
        member: nakanishi
        target: "1#1.1"
        meeting: "14"
        ---
        機能するようにすべき。
        """,
        "content/comments/14/c1.en.md": """
        ---
        member: nakanishi
        target: "1#1.1"
        meeting: "14"
        ---
        It should function.
        """,
    ]

    /// Writes the site with `changes` applied (nil removes a file) and returns its root.
    static func make(_ test: XCTestCase, _ changes: [String: String?] = [:]) throws -> URL {
        let root = try temporaryDirectory(test)
        var all = files
        for (path, text) in changes { all[path] = text }
        try write(all.compactMapValues { $0 }, to: root)
        return root
    }
}

/// Runs the pipeline on `root` and returns the result.
func build(_ root: URL, out: URL? = nil, write: Bool = false, baseURL: String? = nil) async -> BuildResult {
    await SiteBuilder(options: BuildOptions(root: root, output: out, baseURL: baseURL, defaultTheme: defaultTheme)).run(write: write)
}

/// Compares `actual` with the golden file `Tests/Fixtures/<path>`; with
/// `SHINGI_UPDATE_GOLDENS=1` writes it instead (review the diff before committing).
func assertGolden(_ actual: String, _ path: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = fixturesRoot.appendingPathComponent(path)
    if ProcessInfo.processInfo.environment["SHINGI_UPDATE_GOLDENS"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        return
    }
    assertSameText(actual, try String(contentsOf: url, encoding: .utf8), path, file: file, line: line)
}

/// Asserts that two texts are equal, printing a unified diff when they are not.
func assertSameText(_ actual: String, _ expected: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    guard actual != expected else { return }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    var diff = "--- expected/\(name)\n+++ actual/\(name)\n"
    var shown = 0
    for i in 0..<max(a.count, e.count) where shown < 40 {
        let al = i < a.count ? String(a[i]) : nil
        let el = i < e.count ? String(e[i]) : nil
        if al != el {
            diff += "@@ line \(i + 1) @@\n"
            if let el { diff += "-\(el)\n" }
            if let al { diff += "+\(al)\n" }
            shown += 1
        }
    }
    XCTFail("\(name) differs from its golden file (set SHINGI_UPDATE_GOLDENS=1 to regenerate, then review the diff):\n\(diff)", file: file, line: line)
}

/// Fragment HTML with its placeholders shown as ⟨L0⟩, ⟨O0⟩…⟨C0⟩ (a labelled cross-link),
/// ⟨H0⟩ and ⟨N⟩ (a footnote namespace).
func visiblePlaceholders(_ html: String) -> String {
    Placeholder.tokens(of: html).map { token -> String in
        switch token {
        case .html(let text): return String(text)
        case .crossLink(let i): return "⟨L\(i)⟩"
        case .headingStart(let i): return "⟨H\(i)⟩"
        case .crossLinkOpen(let i): return "⟨O\(i)⟩"
        case .crossLinkClose(let i): return "⟨C\(i)⟩"
        case .footnoteNamespace: return "⟨N⟩"
        }
    }.joined()
}
