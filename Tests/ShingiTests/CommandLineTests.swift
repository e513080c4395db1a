import Foundation
import ShingiBuild
import XCTest

/// The `shingi` binary as a user runs it: exit codes, output lines.
final class CommandLineTests: XCTestCase {
    private func run(_ arguments: [String]) throws -> ProcessResult { try runShingi(arguments) }

    func testCheckExitCodesAndStrict() throws {
        let root = try MiniSite.make(self)
        XCTAssertEqual(try run(["check", "--root", root.path]).status, 0)
        try write(["content/pages/x.ja.md": "---\ntitle: x\n---\n"], to: root)
        let warned = try run(["check", "--root", root.path])
        XCTAssertEqual(warned.status, 0)
        XCTAssertEqual(warned.err, "content/pages/x.ja.md:1:1: warning: page 'x' has no English translation (content/pages/x.en.md); its page is built from the other language with a notice [missing-translation]\n")
        XCTAssertEqual(warned.out, "checked: 0 errors, 1 warning\n")
        XCTAssertEqual(try run(["check", "--strict", "--root", root.path]).status, 1)
        try write(["content/pages/y.ja.md": "---\ntitle: y\n---\n[[ref:nope]]\n"], to: root)
        let failed = try run(["check", "--root", root.path])
        XCTAssertEqual(failed.status, 1)
        XCTAssertTrue(failed.err.contains("content/pages/y.ja.md:4:1: error: '[[ref:nope]]' links to reference 'nope', which does not exist in content/references.yml [broken-link]\n"))
    }

    func testBuildPrintsOneSummaryLineAndInitMakesASiteThatBuilds() throws {
        let dir = try temporaryDirectory(self).appendingPathComponent("new-site")
        let created = try run(["init", dir.path])
        XCTAssertEqual(created.status, 0, created.err)
        let built = try run(["build", "--root", dir.path])
        XCTAssertEqual(built.status, 0, built.err)
        // Its search is on; without Pagefind on PATH the build says so once.
        XCTAssertEqual(built.err, SearchIndexer.notInstalledNote + "\n")
        let line = built.out.trimmingCharacters(in: .newlines)
        XCTAssertTrue(line.hasPrefix("built 12 ja, 12 en pages into \(dir.path)/site/ with 0 warnings in "), line)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("site/en/issues/1/index.html").path))
        // The starter member is a placeholder name with its role, not a role as its name.
        let member = try String(contentsOf: dir.appendingPathComponent("site/ja/members/chair/index.html"), encoding: .utf8)
        XCTAssertTrue(member.contains(">（氏名）会長</h1>"), member)
        XCTAssertFalse(member.contains("議長"))
        XCTAssertEqual(try run(["init", dir.path]).status, 1)
        // The second build keeps the first beside the site; git is told to ignore both.
        XCTAssertEqual(try run(["build", "--root", dir.path]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".site.previous/en/issues/1/index.html").path))
        let ignored = try String(contentsOf: dir.appendingPathComponent(".gitignore"), encoding: .utf8)
        XCTAssertTrue(ignored.contains("\n/site/\n/.site.previous/\n/.site.manifest\n"), ignored)
    }

    func testWhatABuildParsedAndRenderedIsCachedUnderXDGCacheHomeUnlessToldNot() throws {
        let root = try MiniSite.make(self)
        let cache = try temporaryDirectory(self)
        let environment = ["SHINGI_THEME": defaultTheme.path, "PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": cache.path]
        let files = { (try? FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("shingi").path)) ?? [] }
        let uncached = try runProcess(try shingiBinary(), ["build", "--no-cache", "--root", root.path, "--out", cache.appendingPathComponent("a").path], environment: environment)
        XCTAssertEqual(uncached.status, 0, uncached.err)
        XCTAssertEqual(files(), [])
        let cached = try runProcess(try shingiBinary(), ["build", "--root", root.path, "--out", cache.appendingPathComponent("b").path], environment: environment)
        XCTAssertEqual(cached.status, 0, cached.err)
        // The parsed Markdown and the comments per site root, what the pages read per output folder.
        XCTAssertEqual(files().map { $0.split(separator: "-")[0] }.sorted(), ["comments", "fragments", "pages"], "\(files())")
        let again = try runProcess(try shingiBinary(), ["build", "--root", root.path, "--out", cache.appendingPathComponent("c").path], environment: environment)
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertEqual(files().count, 4)
        XCTAssertEqual(try tree(cache.appendingPathComponent("b")), try tree(cache.appendingPathComponent("c")))
        XCTAssertEqual(try tree(cache.appendingPathComponent("a")), try tree(cache.appendingPathComponent("c")))
        // Built again into the same folder, every file but the theme's assets comes from
        // the last build: pages, feeds, CSV files and the sitemap.
        let profiled = try runProcess(try shingiBinary(), ["build", "--root", root.path, "--out", cache.appendingPathComponent("c").path],
                                      environment: environment.merging(["SHINGI_PROFILE": "1"]) { $1 })
        XCTAssertEqual(profiled.status, 0, profiled.err)
        let made = try tree(cache.appendingPathComponent("c")).keys.filter { !$0.hasPrefix("assets/") }
        XCTAssertTrue(profiled.err.contains("render (\(made.count) files kept)"), profiled.err)
        XCTAssertEqual(try tree(cache.appendingPathComponent("a")), try tree(cache.appendingPathComponent("c")))
    }

    func testStrictBuildWritesNothingWhenThereAreWarnings() throws {
        let root = try MiniSite.make(self, ["content/pages/x.ja.md": "---\ntitle: x\n---\n"])
        let result = try run(["build", "--strict", "--root", root.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.err.hasSuffix("build failed: 0 errors, 1 warning; nothing was written\n"), result.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))
    }

    func testBaseURLOptionPrefixesEveryLink() throws {
        let root = try MiniSite.make(self)
        let out = root.appendingPathComponent("public")
        let result = try run(["build", "--root", root.path, "--out", out.path, "--base-url", "https://example.go.jp/panel/"])
        XCTAssertEqual(result.status, 0, result.err)
        let html = try String(contentsOf: out.appendingPathComponent("ja/issues/1/index.html"), encoding: .utf8)
        let links = LinkWalker.links(in: html).filter { $0.hasPrefix("/") }
        XCTAssertFalse(links.isEmpty)
        XCTAssertEqual(links.filter { !$0.hasPrefix("/panel/") }, [])
        XCTAssertTrue(html.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.go.jp/panel/en/issues/1/\">"))
    }

    func testVersionAndHelp() throws {
        XCTAssertEqual(try run(["--version"]).out, "0.1.0\n")
        let help = try run(["build", "--help"]).out
        XCTAssertTrue(help.contains("--base-url <url>"))
        XCTAssertTrue(help.contains("--root <dir>"))
    }

    func testTranslationsListsMarksAndRefuses() throws {
        let root = try MiniSite.make(self)
        let listed = try run(["translations", "--root", root.path, "--lang", "en"])
        XCTAssertEqual(listed.status, 0, listed.err)
        XCTAssertEqual(listed.out.split(separator: "\n").last, "en: 0 current, 0 stale, 0 missing, 3 unrecorded")
        let marked = try run(["translations", "--root", root.path, "--mark", "content/issues/1/index.en.md", "content/issues/1/index.ja.md"])
        XCTAssertEqual(marked.status, 1)
        XCTAssertEqual(marked.out, "marked 1 translation as up to date\n")
        XCTAssertEqual(marked.err, "content/issues/1/index.ja.md:1:1: error: content/issues/1/index.ja.md is not the translation of an item: it is no item's file or is in the item's source language (default_language ja unless the item gives source_language); give the path of a translation such as content/issues/1/index.en.md [not-a-translation]\n")
        let json = try run(["translations", "--root", root.path, "--format", "json"])
        XCTAssertTrue(json.out.contains("\"current\" : 2"), json.out)
        XCTAssertEqual(try run(["translations", "--root", root.path, "--lang", "fr"]).status, 64)
    }
}
