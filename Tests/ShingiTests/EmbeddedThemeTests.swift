import Foundation
import ShingiBuild
import ShingiCore
import ShingiRender
import XCTest

/// The default theme is compiled into the binary, so `shingi` copied anywhere builds a
/// site; a site's `templates/` is laid over it file by file.
final class EmbeddedThemeTests: XCTestCase {
    func testEmbeddedThemeIsTheTemplatesFolder() throws {
        var diagnostics: [Diagnostic] = []
        let folder = try XCTUnwrap(ThemeFiles.read(directory: defaultTheme, displayPrefix: "templates/", diagnostics: &diagnostics))
        XCTAssertEqual(diagnostics, [])
        let embedded = ThemeFiles.embedded
        XCTAssertEqual(embedded.files.keys.sorted(), folder.files.keys.sorted(), "templates/ changed: run scripts/embed-theme")
        for (path, file) in folder.files {
            XCTAssertEqual(embedded.files[path]?.bytes, file.bytes, "templates/\(path) differs from the embedded copy: run scripts/embed-theme")
        }
    }

    /// A copy of the binary in an empty folder, run without SHINGI_THEME: `init`, `build`,
    /// and `theme export` give the theme of templates/.
    func testCopiedBinaryBuildsASiteWithoutTemplates() throws {
        let scratch = try temporaryDirectory(self)
        let binary = scratch.appendingPathComponent("bin/shingi")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try shingiBinary(), to: binary)
        let environment = ["PATH": "/usr/bin:/bin", "HOME": scratch.path]
        let site = scratch.appendingPathComponent("site-root")
        let created = try runProcess(binary, ["init", site.path], environment: environment)
        XCTAssertEqual(created.status, 0, created.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent("templates").path))
        let built = try runProcess(binary, ["build", "--root", site.path, "--strict"], environment: environment)
        XCTAssertEqual(built.status, 0, built.err)
        // Its search is on and Pagefind is not installed: one line, not a warning (--strict).
        XCTAssertEqual(built.err, SearchIndexer.notInstalledNote + "\n")
        let css = try Data(contentsOf: site.appendingPathComponent("site/assets/style.css"))
        XCTAssertEqual(css, try Data(contentsOf: defaultTheme.appendingPathComponent("assets/style.css")))
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("site/ja/index.html").path))

        let exported = scratch.appendingPathComponent("exported")
        let export = try runProcess(binary, ["theme", "export", exported.path], environment: environment)
        XCTAssertEqual(export.status, 0, export.err)
        XCTAssertEqual(try files(exported), try files(defaultTheme))
        let again = try runProcess(binary, ["theme", "export", exported.path], environment: environment)
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.err, "error: \(exported.path) already exists and is not an empty folder; export into a new folder\n")
    }

    /// A site's templates/ holding only a stylesheet and one template: those replace the
    /// default theme's, everything else still comes from it.
    func testSiteTemplatesOverrideTheDefaultThemeFileByFile() async throws {
        let root = try MiniSite.make(self, [
            "templates/assets/style.css": "body { color: green; }\n",
            "templates/not-found.mustache": "<p>{{t.not_found_title}}!</p>\n",
        ])
        let out = try temporaryDirectory(self).appendingPathComponent("site")
        let result = await SiteBuilder(options: BuildOptions(root: root, output: out, defaultTheme: nil)).run(write: true)
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("assets/style.css"), encoding: .utf8), "body { color: green; }\n")
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("assets/site.js")),
                       try Data(contentsOf: defaultTheme.appendingPathComponent("assets/site.js")))
        let notFound = try String(contentsOf: out.appendingPathComponent("404.html"), encoding: .utf8)
        XCTAssertTrue(notFound.hasPrefix("<p>"), notFound)
        let home = try String(contentsOf: out.appendingPathComponent("ja/index.html"), encoding: .utf8)
        XCTAssertTrue(home.hasPrefix("<!DOCTYPE html>"), home)
    }

    /// A site without `short_title` (as `init` writes it) shows its title once in the
    /// header; the language-choice page's title is the site's, not the tool's.
    func testInitSiteShowsItsTitleOnceAndTheRootTitleNamesTheSite() async throws {
        let root = try temporaryDirectory(self).appendingPathComponent("new-site")
        try SiteInitializer.create(at: root)
        let out = root.appendingPathComponent("site")
        let result = await SiteBuilder(options: BuildOptions(root: root, output: out, defaultTheme: nil)).run(write: true)
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let home = try String(contentsOf: out.appendingPathComponent("ja/index.html"), encoding: .utf8)
        let header = home.components(separatedBy: "<header class=\"site-header\">")[1].components(separatedBy: "</header>")[0]
        XCTAssertEqual(header.components(separatedBy: "新しい専門調査会").count - 1, 1, header)
        XCTAssertFalse(header.contains("site-org"), header)
        let choice = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(choice.contains("<title>新しい専門調査会 / New Expert Panel</title>"), choice)
    }

    /// Every file below `folder` by relative path.
    private func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for case let relative as String in FileManager.default.enumerator(atPath: folder.path)?.allObjects ?? [] {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue, !relative.hasPrefix(".") {
                result[relative] = try Data(contentsOf: url)
            }
        }
        return result
    }
}
