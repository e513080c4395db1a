import Foundation
@testable import ShingiBuild
import ShingiCore
import ShingiLoad
@testable import ShingiRender
import XCTest

/// The preview's incremental rebuild against a full build: after every edit of a
/// sequence, the files it serves and the diagnostics it reports must be those of a fresh
/// build of the same tree, byte for byte.
final class IncrementalRebuildTests: XCTestCase {
    /// One edit: files written (path → text) or removed (nil), renames, and the paths the
    /// watcher reports for it.
    struct Step {
        var name: String
        var files: [String: String?] = [:]
        var renames: [(String, String)] = []
        /// Symbolic links made (path → destination).
        var links: [String: String] = [:]
        /// Whether the rebuild may render only some of the pages (checked, so that the
        /// test keeps covering the incremental paths and not only the fallbacks).
        var partial: Bool? = nil
        /// How many pages the rebuild may render, when that is the point of the step.
        var pages: Int? = nil

        var reported: Set<String> { Set(files.keys).union(renames.flatMap { [$0.0, $0.1] }).union(links.keys) }
    }

    static let comment = "content/comments/14/c1.en.md"
    static let commentJA = "content/comments/14/c1.ja.md"
    static let issue = "content/issues/1/index.en.md"
    static let issueJA = "content/issues/1/index.ja.md"

    static let extra: [String: String?] = [
        "content/index.ja.md": "---\ntitle: \"ホーム\"\n---\n\nはじめに。[[issue:1#1.1]]\n",
        "content/index.en.md": "---\ntitle: \"Home\"\n---\n\nIntroduction. [[issue:1#1.1]]\n",
        "content/pages/about.ja.md": "---\ntitle: \"このサイトについて\"\norder: 1\n---\n\n説明。[[comment:c1]]\n",
        "content/pages/about.en.md": "---\ntitle: \"About\"\norder: 1\n---\n\nExplanation. [[comment:c1]]\n",
        "content/issues/2/index.ja.md": "---\nid: \"2\"\nnumber: 2\ntitle: \"第二の課題\"\n---\n## ２．１ 概要 {#2.1}\n\n[[issue:1#1.2]]を参照。\n",
        "content/issues/2/index.en.md": "---\nid: \"2\"\nnumber: 2\ntitle: \"The second issue\"\n---\n## 2.1 Outline {#2.1}\n\nSee [[issue:1#1.2]].\n",
        "content/comments/14/d1.en.md": "---\nmember: goto\ntarget: \"2#2.1\"\nmeeting: \"14\"\n---\nOn the second issue, see [[issue:1#1.1]].\n",
    ]

    /// A comment file's text.
    static func comment(member: String = "nakanishi", target: String = "1#1.1", meeting: String = "14", status: String? = nil, body: String) -> String {
        "---\nmember: \(member)\ntarget: \"\(target)\"\nmeeting: \"\(meeting)\"\n\(status.map { "status: \($0)\n" } ?? "")---\n\(body)\n"
    }

    func text(_ root: URL, _ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func replacing(_ root: URL, _ path: String, _ from: String, _ to: String) throws -> String {
        let text = try text(root, path)
        XCTAssertTrue(text.contains(from), "\(path) lacks \(from)")
        return text.replacingOccurrences(of: from, with: to)
    }

    /// Makes the step's edits in the site at `root`.
    func apply(_ step: Step, to root: URL) throws {
        for (path, text) in step.files {
            if let text { try write([path: text], to: root) } else { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }
        }
        for (from, to) in step.renames {
            try FileManager.default.moveItem(at: root.appendingPathComponent(from), to: root.appendingPathComponent(to))
        }
        for (path, destination) in step.links {
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(path).path, withDestinationPath: destination)
        }
    }

    func steps(_ root: URL) throws -> [(URL) throws -> Step] {
        [
            { _ in Step(name: "comment body", files: [Self.comment: Self.comment(body: "It must work.")], partial: true) },
            { _ in Step(name: "comment body with a citation", files: [Self.comment: Self.comment(body: "It must work [[ref:tebiki]].")]) },
            { _ in Step(name: "comment body without it again", files: [Self.comment: Self.comment(body: "It must work.")]) },
            { _ in Step(name: "comment status", files: [Self.comment: Self.comment(status: "accepted", body: "It must work.")]) },
            { _ in Step(name: "comment target", files: [Self.comment: Self.comment(target: "1#1.2", body: "It must work."),
                                                        Self.commentJA: Self.comment(target: "1#1.2", body: "機能させるべき。")]) },
            { _ in Step(name: "comment target in one language only (an error)", files: [Self.comment: Self.comment(target: "1#1.1", body: "It must work.")]) },
            { _ in Step(name: "fixed in the other language", files: [Self.commentJA: Self.comment(target: "1#1.1", body: "機能させるべき。")]) },
            { _ in Step(name: "comment body after the failed build", files: [Self.comment: Self.comment(body: "It must work today.")], partial: true) },
            { _ in Step(name: "add a comment", files: ["content/comments/14/c2.en.md": Self.comment(member: "goto", target: "1#1.2", body: "A second remark."),
                                                      "content/comments/14/c2.ja.md": Self.comment(member: "goto", target: "1#1.2", body: "二つ目。")]) },
            { _ in Step(name: "edit the added comment", files: ["content/comments/14/c2.en.md": Self.comment(member: "goto", target: "1#1.2", body: "A second remark, edited.")], partial: true) },
            { _ in Step(name: "delete one language of it", files: ["content/comments/14/c2.en.md": nil]) },
            { _ in Step(name: "edit its remaining language", files: ["content/comments/14/c2.ja.md": Self.comment(member: "goto", target: "1#1.2", body: "二つ目、改訂。")], partial: true) },
            { _ in Step(name: "delete the comment", files: ["content/comments/14/c2.ja.md": nil]) },
            { _ in Step(name: "rename a comment file", renames: [("content/comments/14/d1.en.md", "content/comments/14/d2.en.md")]) },
            { _ in Step(name: "rename a page", renames: [("content/pages/about.en.md", "content/pages/info.en.md")]) },
            { _ in Step(name: "rename it back", renames: [("content/pages/info.en.md", "content/pages/about.en.md")]) },
            { root in Step(name: "members.yml", files: ["content/members.yml": try self.replacing(root, "content/members.yml", "en: \"Goto\"", "en: \"Gotō\"")]) },
            { root in Step(name: "meetings.yml", files: ["content/meetings.yml": try self.replacing(root, "content/meetings.yml", "14th meeting", "The 14th meeting")]) },
            { root in Step(name: "references.yml", files: ["content/references.yml": try self.replacing(root, "content/references.yml", "The Guide", "The Handbook")]) },
            { root in Step(name: "issue body", files: [Self.issue: try self.replacing(root, Self.issue, "Remark by", "A remark by")], partial: true) },
            { root in Step(name: "issue section heading", files: [Self.issue: try self.replacing(root, Self.issue, "## 1.2 Practice", "## 1.2 In practice")]) },
            { root in Step(name: "issue sub-section added", files: [
                Self.issue: try self.replacing(root, Self.issue, "Text[[ref:tebiki]].", "Text[[ref:tebiki]].\n\n### 1.1.1 Detail {#1.1.1}\n\nMore."),
                Self.issueJA: try self.replacing(root, Self.issueJA, "本文[[ref:tebiki]]。", "本文[[ref:tebiki]]。\n\n### １．１．１ 詳細 {#1.1.1}\n\n続き。"),
                "content/comments/14/d2.en.md": Self.comment(member: "goto", target: "1#1.1.1", body: "On the detail."),
            ]) },
            { root in Step(name: "sub-section heading text (shown where comments name their target)",
                           files: [Self.issue: try self.replacing(root, Self.issue, "### 1.1.1 Detail {#1.1.1}", "### 1.1.1 Details {#1.1.1}")]) },
            { root in Step(name: "a section marked draft in one language (an error)",
                           files: [Self.issue: try self.replacing(root, Self.issue, "{#1.2}", "{#1.2 .draft}")]) },
            { root in Step(name: "and in the other (issue 2's link to it an error)",
                           files: [Self.issueJA: try self.replacing(root, Self.issueJA, "{#1.2}", "{#1.2 .draft}")]) },
            { root in Step(name: "the link gone, the draft section left out", files: [
                "content/issues/2/index.ja.md": try self.replacing(root, "content/issues/2/index.ja.md", "[[issue:1#1.2]]", "課題１"),
                "content/issues/2/index.en.md": try self.replacing(root, "content/issues/2/index.en.md", "[[issue:1#1.2]]", "issue 1"),
            ]) },
            { root in Step(name: "the section published again", files: [
                Self.issue: try self.replacing(root, Self.issue, "{#1.2 .draft}", "{#1.2}"),
                Self.issueJA: try self.replacing(root, Self.issueJA, "{#1.2 .draft}", "{#1.2}"),
            ]) },
            { root in Step(name: "issue title", files: [Self.issueJA: try self.replacing(root, Self.issueJA, "体制の構築", "体制の整備")]) },
            { root in Step(name: "the issue written first in English, its Japanese text recorded and stale", files: [
                Self.issue: try self.replacing(root, Self.issue, "meeting: \"14\"\n", "meeting: \"14\"\nsource_language: en\n"),
                Self.issueJA: try self.replacing(root, Self.issueJA, "meeting: \"14\"\n", "meeting: \"14\"\ntranslation_of: {\"1.1\": \"000000000000\"}\n"),
            ]) },
            { root in Step(name: "files that disagree on the source language (an error)", files: [
                Self.issueJA: try self.replacing(root, Self.issueJA, "translation_of:", "source_language: ja\ntranslation_of:"),
            ]) },
            { root in Step(name: "and agreeing again", files: [Self.issueJA: try self.replacing(root, Self.issueJA, "source_language: ja\n", "")]) },
            { root in Step(name: "back to Japanese first", files: [
                Self.issue: try self.replacing(root, Self.issue, "source_language: en\n", ""),
                Self.issueJA: try self.replacing(root, Self.issueJA, "translation_of: {\"1.1\": \"000000000000\"}\n", ""),
            ]) },
            { root in Step(name: "break a link", files: [Self.issue: try self.replacing(root, Self.issue, "[[member:goto]]", "[[member:nobody]]")]) },
            { root in Step(name: "and another", files: [Self.comment: try self.replacing(root, Self.comment, "It must work today.", "It must work [[issue:9]].")]) },
            { root in Step(name: "fix the first", files: [Self.issue: try self.replacing(root, Self.issue, "[[member:nobody]]", "[[member:goto]]")]) },
            { root in Step(name: "fix the second", files: [Self.comment: try self.replacing(root, Self.comment, "It must work [[issue:9]].", "It must work again.")], partial: true) },
            { root in Step(name: "home page body", files: ["content/index.en.md": try self.replacing(root, "content/index.en.md", "Introduction.", "Welcome.")], partial: true) },
            { root in Step(name: "free page body", files: ["content/pages/about.ja.md": try self.replacing(root, "content/pages/about.ja.md", "説明。", "詳しい説明。")], partial: true) },
            { _ in Step(name: "a file the site does not use", files: ["content/notes.txt": "draft", "content/comments/14/c9.md": "no language"]) },
            { _ in Step(name: "a symbolic link", links: ["content/comments/14/c5.en.md": "/etc/hostname"]) },
            { _ in Step(name: "a hidden file and folder", files: ["content/comments/14/.c6.en.md": Self.comment(body: "Hidden."),
                                                                 "content/.drafts/c7.en.md": Self.comment(body: "Hidden too.")], partial: true) },
            // Swift compares strings by canonical equivalence, so the two names are two steps.
            { _ in Step(name: "a page named in NFC", files: ["content/pages/caf\u{E9}.en.md": "---\ntitle: \"Caf\u{E9}\"\n---\nA.\n"]) },
            { _ in Step(name: "the same name in NFD", files: ["content/pages/cafe\u{301}.en.md": "---\ntitle: \"Cafe\"\n---\nB.\n"]) },
            { _ in Step(name: "one of them gone", files: ["content/pages/cafe\u{301}.en.md": nil]) },
            { _ in Step(name: "and the other", files: ["content/pages/caf\u{E9}.en.md": nil]) },
            { _ in Step(name: "and the link", files: ["content/comments/14/c5.en.md": nil]) },
            { _ in Step(name: "a Markdown warning", files: [Self.comment: Self.comment(body: "It must <b>work</b>.")], partial: true) },
            { _ in Step(name: "and without it", files: [Self.comment: Self.comment(body: "It must work."), "content/notes.txt": nil]) },
            { _ in Step(name: "invalid front matter", files: [Self.comment: "---\nmember: [nakanishi\n---\nBroken.\n"]) },
            { _ in Step(name: "valid again", files: [Self.comment: Self.comment(body: "It must work.")]) },
            { root in Step(name: "a comment folder renamed", renames: [("content/comments/14", "content/comments/15")]) },
            { root in Step(name: "shingi.yml", files: ["shingi.yml": try self.replacing(root, "shingi.yml", "Test Panel", "The Test Panel")]) },
            { root in Step(name: "a template", files: ["templates/layout.mustache": try self.replacing(root, "templates/layout.mustache", "</body>", "<p>edited</p></body>")]) },
            { _ in Step(name: "a comment after the template edit", files: ["content/comments/15/c1.en.md": Self.comment(body: "After the template.")], partial: true) },
            { root in Step(name: "the stylesheet", files: ["templates/assets/style.css": try self.text(root, "templates/assets/style.css") + "\n.edited {}\n"], pages: 0) },
            { _ in Step(name: "a new asset", files: ["templates/assets/extra.js": "// extra\n"], pages: 0) },
            { _ in Step(name: "an asset and a comment", files: ["templates/assets/extra.js": nil, "content/comments/15/c1.en.md": Self.comment(body: "With the asset gone.")], pages: 6) },
        ]
    }

    func testEveryEditRebuildsToWhatAFullBuildMakes() async throws {
        let root = try MiniSite.make(self, Self.extra)
        try FileManager.default.copyItem(at: defaultTheme, to: root.appendingPathComponent("templates"))
        let builder = SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme), cache: MarkdownCache())
        var previous = await builder.rebuild(previous: nil, changedPaths: []).next
        XCTAssertNotNil(previous?.result)
        // The comments index and the 意見対応表 of each language are filled in from their skeletons.
        XCTAssertEqual(previous?.good?.rendered.skeletons.keys.sorted { "\($0)" < "\($1)" },
                       [.comments(.en), .comments(.ja), .responses(nil, .en), .responses(nil, .ja)])
        var partialSeen = 0
        for make in try steps(root) {
            let step = try make(root)
            try apply(step, to: root)
            let rebuild = await builder.rebuild(previous: previous, changedPaths: step.reported)
            previous = rebuild.next
            let fresh = await SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme)).render()
            try assertSame(rebuild, fresh, step.name)
            if fresh.succeeded {
                let rendered = try XCTUnwrap(previous?.good?.rendered, step.name)
                XCTAssertNotNil(rendered.skeletons[.comments(.en)], step.name)
                XCTAssertNotNil(rendered.skeletons[.comments(.ja)], step.name)
                XCTAssertEqual(rendered.unfit, [], step.name)
            }
            if let pages = step.pages { XCTAssertEqual(rebuild.renderedPages, pages, step.name) }
            if let partial = step.partial {
                XCTAssertEqual(rebuild.delta != nil, partial, "\(step.name): rendered \(rebuild.renderedPages) pages")
                if partial {
                    XCTAssertLessThan(rebuild.renderedPages, fresh.pagesPerLanguage.values.reduce(0, +), step.name)
                    partialSeen += 1
                }
            }
        }
        XCTAssertGreaterThanOrEqual(partialSeen, 8)
        // Member and meeting pages and the meeting's 意見対応表 got theirs when a rebuild first rendered them.
        let skeletons = try XCTUnwrap(previous?.good?.rendered.skeletons)
        XCTAssertNotNil(skeletons[.member("nakanishi", .en)])
        XCTAssertNotNil(skeletons[.meeting("14", .en)])
        XCTAssertNotNil(skeletons[.responses("14", .en)])
    }

    /// The same edits made between two runs of `build` with the caches: each build takes
    /// from the previous one the pages whose stored inputs (`PageCache`) have the values
    /// they had, and must write what a build without caches writes, byte for byte.
    func testEveryEditBuildsWithTheCachesToWhatAFullBuildMakes() async throws {
        let root = try MiniSite.make(self, Self.extra)
        try FileManager.default.copyItem(at: defaultTheme, to: root.appendingPathComponent("templates"))
        let work = try temporaryDirectory(self)
        let out = work.appendingPathComponent("site")
        var options = BuildOptions(root: root, output: out, defaultTheme: defaultTheme)
        options.pageCache = PageCache.file(output: out, in: work.appendingPathComponent("cache"))
        options.commentCache = CommentCache.file(root: root, in: work.appendingPathComponent("cache"))
        let first = await SiteBuilder(options: options).run(write: true)
        XCTAssertFalse(first.diagnostics.hasErrors, "\(first.diagnostics)")
        var keptSeen = 0
        for (n, make) in try steps(root).enumerated() {
            let step = try make(root)
            try apply(step, to: root)
            let cached = await SiteBuilder(options: options).run(write: true)
            let freshOut = work.appendingPathComponent("fresh-\(n)")
            let fresh = await SiteBuilder(options: BuildOptions(root: root, output: freshOut, defaultTheme: defaultTheme)).run(write: true)
            XCTAssertEqual(cached.diagnostics.map(\.description), fresh.diagnostics.map(\.description), step.name)
            guard fresh.succeeded else { continue }
            let (written, expected) = (try tree(out), try tree(freshOut))
            XCTAssertEqual(written.keys.sorted(), expected.keys.sorted(), step.name)
            for (path, bytes) in expected where written[path] != bytes {
                XCTFail("\(step.name): \(path) differs from a build without caches (\(cached.keptPages[path] != nil ? "kept" : "rendered"))")
            }
            // Every field a page read has a name: none is stored as its whole item.
            let unnamed = cached.pageInputs.inputs.filter { if case .item = $0 { true } else { false } }
            XCTAssertEqual(unnamed.map(\.fields), [], step.name)
            // An edit the preview renders in part, a build does too.
            if step.partial == true { XCTAssertGreaterThan(cached.reusedPages, 0, step.name) }
            if cached.reusedPages > 0 && cached.reusedPages < cached.pageReads.count { keptSeen += 1 }
        }
        XCTAssertGreaterThanOrEqual(keptSeen, 20)
    }

    /// A theme that shows a comment's HTML escaped as well gets no skeletons, and its
    /// pages are rendered in full, still equal to a full build's.
    func testAThemeThatEscapesTheCommentsHTMLIsRenderedInFull() async throws {
        let root = try MiniSite.make(self, Self.extra)
        try FileManager.default.copyItem(at: defaultTheme, to: root.appendingPathComponent("templates"))
        for name in ["comments", "member", "responses"] {
            let path = "templates/\(name).mustache"
            try write([path: try replacing(root, path, "{{{html}}}", "{{{html}}}<!-- {{html}} -->")], to: root)
        }
        let builder = SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme), cache: MarkdownCache())
        var previous = await builder.rebuild(previous: nil, changedPaths: []).next
        XCTAssertEqual(previous?.good?.rendered.skeletons.count, 0)
        for body in ["It must work.", "It must <work>."] {
            try write([Self.comment: Self.comment(body: body)], to: root)
            let rebuild = await builder.rebuild(previous: previous, changedPaths: [Self.comment])
            previous = rebuild.next
            XCTAssertNotNil(rebuild.delta)
            let fresh = await SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme)).render()
            try assertSame(rebuild, fresh, body)
        }
        let rendered = try XCTUnwrap(previous?.good?.rendered)
        XCTAssertEqual(rendered.unfit, [.comments(.en), .comments(.ja), .member("nakanishi", .en),
                                        .responses(nil, .en), .responses(nil, .ja), .responses("14", .en)])
        XCTAssertEqual(Set(rendered.skeletons.keys), [.meeting("14", .en)])
    }

    /// The same with a site that uses the default theme and loses and regains files in
    /// many ways at once.
    func testABurstOfEditsAtOnce() async throws {
        let root = try MiniSite.make(self, Self.extra)
        let builder = SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme), cache: MarkdownCache())
        var previous = await builder.rebuild(previous: nil, changedPaths: []).next
        let edits: [[String: String?]] = [
            [Self.comment: Self.comment(body: "One."), Self.commentJA: Self.comment(body: "一。"), Self.issue: MiniSite.files[Self.issue]!.replacingOccurrences(of: "Remark by", with: "Said by")],
            [Self.comment: nil, "content/comments/14/c3.en.md": Self.comment(body: "Three."), "content/pages/about.en.md": nil],
            [Self.comment: Self.comment(body: "Back."), "content/comments/14/c3.en.md": nil, "content/pages/about.en.md": Self.extra["content/pages/about.en.md"]!],
        ]
        for (n, files) in edits.enumerated() {
            for (path, text) in files {
                if let text { try write([path: text], to: root) } else { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }
            }
            let rebuild = await builder.rebuild(previous: previous, changedPaths: Set(files.keys))
            previous = rebuild.next
            let fresh = await SiteBuilder(options: BuildOptions(root: root, defaultTheme: defaultTheme)).render()
            try assertSame(rebuild, fresh, "burst \(n + 1)")
        }
    }

    private func assertSame(_ rebuild: SiteBuilder.Rebuild, _ fresh: BuildResult, _ name: String, line: UInt = #line) throws {
        XCTAssertEqual(rebuild.result.diagnostics.map(\.description), fresh.diagnostics.map(\.description), name, line: line)
        XCTAssertEqual(rebuild.result.succeeded, fresh.succeeded, name, line: line)
        guard fresh.succeeded else { return }
        XCTAssertEqual(rebuild.result.files.map(\.path), fresh.files.map(\.path), name, line: line)
        for (a, b) in zip(rebuild.result.files, fresh.files) where a.path == b.path && a.bytes != b.bytes {
            let incremental = String(decoding: a.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let full = String(decoding: b.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let at = (0..<min(incremental.count, full.count)).first { incremental[$0] != full[$0] } ?? min(incremental.count, full.count)
            let show = { (lines: [Substring]) in at < lines.count ? String(lines[at]) : "(end of file)" }
            XCTFail("\(name): \(a.path) differs from a full build at line \(at + 1):\n  incremental: \(show(incremental))\n  full build:  \(show(full))", line: line)
        }
        XCTAssertEqual(rebuild.result.pagesPerLanguage, fresh.pagesPerLanguage, name, line: line)
        // What the preview serves: the rendered files on top of the last good build's.
        if let delta = rebuild.delta {
            XCTAssertEqual(rebuild.renderedPages, SiteBuilderPageCount.pages(delta.files), name, line: line)
        }
    }
}

enum SiteBuilderPageCount {
    static func pages(_ files: [OutputFile]) -> Int {
        files.filter { $0.path.hasSuffix(".html") && ($0.path.hasPrefix("ja/") || $0.path.hasPrefix("en/")) }.count
    }
}
