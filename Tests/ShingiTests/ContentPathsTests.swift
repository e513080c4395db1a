import Foundation
import ShingiCore
@testable import ShingiLoad
import XCTest

/// The full walk of `content/` (`ContentPaths`, as `build` reads it) and the one of a
/// single changed path (`ContentLoader.contentFile`, as `serve` re-reads it) decide what
/// each path is with the same functions, so they give the same answer and diagnostic.
final class ContentPathsTests: XCTestCase {
    func testTheFullWalkAndOneChangedPathClassifyAlike() async throws {
        let root = try temporaryDirectory(self)
        let body = "---\ntitle: \"x\"\n---\nText.\n"
        try write([
            "shingi.yml": MiniSite.files["shingi.yml"]! + "\nlimits:\n  max_file_size: 1000\n",
            "content/index.ja.md": body,
            "content/issues/1/index.en.md": body,
            "content/comments/14/c1.ja.md": body,
            "content/pages/about.en.md": body,
            "content/pages/a..b.ja.md": body,
            "content/pages/about.md": body,
            "content/pages/about.fr.md": body,
            "content/misplaced/x.ja.md": body,
            "content/issues/2/other.ja.md": body,
            "content/notes.txt": "notes\n",
            "content/extra.yml": "a: b\n",
            "content/.hidden.ja.md": body,
            "content/pages/big.ja.md": String(repeating: "x", count: 1001),
            "outside.ja.md": body,
        ], to: root)
        let content = root.appendingPathComponent("content")
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("pages/link.ja.md").path, withDestinationPath: root.appendingPathComponent("outside.ja.md").path)
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("linked").path, withDestinationPath: content.appendingPathComponent("pages").path)
        XCTAssertEqual(mkfifo(content.appendingPathComponent("pages/pipe.ja.md").path, 0o600), 0)

        let loader = ContentLoader(root: root)
        var configDiagnostics: [Diagnostic] = []
        let config = DataFileLoader.loadConfig(root: root, diagnostics: &configDiagnostics)
        XCTAssertEqual(configDiagnostics.map(\.description), [])
        var walkDiagnostics: [Diagnostic] = []
        let walked = loader.markdownFiles(config: config, diagnostics: &walkDiagnostics)

        let paths = [
            "content/index.ja.md", "content/issues/1/index.en.md", "content/comments/14/c1.ja.md", "content/pages/about.en.md",
            "content/pages/a..b.ja.md", "content/pages/about.md", "content/pages/about.fr.md", "content/misplaced/x.ja.md",
            "content/issues/2/other.ja.md", "content/notes.txt", "content/extra.yml", "content/.hidden.ja.md",
            "content/pages/big.ja.md", "content/pages/link.ja.md", "content/pages/pipe.ja.md", "content/linked/about.en.md",
        ]
        var full: [String: String] = [:]
        var incremental: [String: String] = [:]
        for path in paths {
            full[path] = Self.outcome(walked.first { $0.path == path }, walkDiagnostics.filter { $0.location.path == path })
            var diagnostics: [Diagnostic] = []
            let file = loader.contentFile(path, config: config, diagnostics: &diagnostics)
            incremental[path] = Self.outcome(file, diagnostics)
        }
        XCTAssertEqual(incremental, full)
        XCTAssertEqual(full, [
            "content/index.ja.md": "home index ja",
            "content/issues/1/index.en.md": "issue 1 en",
            "content/comments/14/c1.ja.md": "comment c1 in 14 ja",
            "content/pages/about.en.md": "page about en",
            "content/pages/a..b.ja.md": "content/pages/a..b.ja.md:1:1: error: 'a..b.ja.md' has an empty part between dots; name a content file <name>.<lang>.md with no '..' and no dot at either end of <name> [invalid-file-name]",
            "content/pages/about.md": "content/pages/about.md:1:1: warning: a content file is named <name>.<lang>.md with lang one of ja, en; this file is skipped [missing-language-suffix]",
            "content/pages/about.fr.md": "content/pages/about.fr.md:1:1: warning: a content file is named <name>.<lang>.md with lang one of ja, en; this file is skipped [missing-language-suffix]",
            "content/misplaced/x.ja.md": "content/misplaced/x.ja.md:1:1: warning: this Markdown file is not where the site looks: issues/<slug>/index.<lang>.md, comments/<meeting>/<id>.<lang>.md, pages/<slug>.<lang>.md or index.<lang>.md [unexpected-file]",
            "content/issues/2/other.ja.md": "content/issues/2/other.ja.md:1:1: warning: this Markdown file is not where the site looks: issues/<slug>/index.<lang>.md, comments/<meeting>/<id>.<lang>.md, pages/<slug>.<lang>.md or index.<lang>.md [unexpected-file]",
            "content/notes.txt": "content/notes.txt:1:1: warning: this file is not part of the site; content/ holds .md and .yml files only [unexpected-file]",
            "content/extra.yml": "nothing",
            "content/.hidden.ja.md": "nothing",
            "content/pages/big.ja.md": SiteFile.tooLarge(path: "content/pages/big.ja.md", size: 1001, limit: 1000).description,
            "content/pages/link.ja.md": "content/pages/link.ja.md:1:1: warning: symbolic links in content/ are not followed; copy the file instead [symlink-skipped]",
            "content/pages/pipe.ja.md": "content/pages/pipe.ja.md:1:1: warning: this is not a regular file (a pipe, socket or device) and is not read; content/ holds .md and .yml files only [unexpected-file]",
            "content/linked/about.en.md": "nothing",
        ])
    }

    /// A file's kind and language, or its diagnostics, or "nothing".
    private static func outcome(_ file: ContentFile?, _ diagnostics: [Diagnostic]) -> String {
        let said = diagnostics.map(\.description)
        guard let file else { return said.isEmpty ? "nothing" : said.joined(separator: "\n") }
        let address = file.address
        return (["\(address.kind) \(address.key)\(address.folder.map { " in " + $0 } ?? "") \(address.language.rawValue)"] + said).joined(separator: "\n")
    }
}
