import Foundation
import ShingiBuild
import ShingiMarkdown
import Synchronization
import XCTest
@testable import ShingiServe

/// `shingi serve` in-process on an ephemeral port, spoken to over real sockets on
/// 127.0.0.1 only; every wait is bounded.
final class ServeTests: XCTestCase {
    // MARK: Serving the site

    func testServesPagesInBothLanguagesWithTheirContentTypes() async throws {
        let withSitemap = MiniSite.files["shingi.yml"]!.replacingOccurrences(of: "sitemap: false", with: "sitemap: true")
        let server = try await ServeHarness.start(self, root: MiniSite.make(self, ["shingi.yml": withSitemap]))
        let client = ServeTestClient(port: server.port)

        let home = try await client.request("/")
        XCTAssertEqual(home.status, 200)
        XCTAssertEqual(home.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(home.text.contains("<script src=\"/_shingi/reload.js\" defer></script></body>"), home.text)

        let ja = try await client.request("/ja/issues/1/")
        XCTAssertEqual(ja.status, 200)
        XCTAssertEqual(ja.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(ja.text.contains("体制の構築"))
        XCTAssertTrue(ja.text.contains("機能するようにすべき。"))

        let en = try await client.request("/en/issues/1/index.html")
        XCTAssertEqual(en.status, 200)
        XCTAssertTrue(en.text.contains("Building structures"))
        XCTAssertTrue(en.text.contains("It should function."))

        let css = try await client.request("/assets/style.css")
        XCTAssertEqual(css.status, 200)
        XCTAssertEqual(css.headers["content-type"], "text/css; charset=utf-8")
        XCTAssertEqual(css.body, try Data(contentsOf: defaultTheme.appendingPathComponent("assets/style.css")))

        let sitemap = try await client.request("/sitemap.xml")
        XCTAssertEqual(sitemap.status, 200)
        XCTAssertEqual(sitemap.headers["content-type"], "application/xml; charset=utf-8")

        let script = try await client.request("/_shingi/reload.js")
        XCTAssertEqual(script.status, 200)
        XCTAssertEqual(script.headers["content-type"], "text/javascript; charset=utf-8")
        XCTAssertTrue(script.text.contains("new EventSource(\"/_shingi/reload\")"))

        let folder = try await client.request("/ja/issues/1")
        XCTAssertEqual(folder.status, 301)
        XCTAssertEqual(folder.headers["location"], "/ja/issues/1/")

        let head = try await client.request("/en/issues/1/", method: "HEAD")
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.headers["content-length"], String(en.body.count))
        XCTAssertEqual(head.body.count, 0)

        let missing = try await client.request("/en/issues/99/")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.headers["content-type"], "text/html; charset=utf-8")
        let notFoundPage = try await client.request("/404.html")
        XCTAssertEqual(missing.text, notFoundPage.text)

        // No directory listing: a folder without index.html is a miss.
        let assets = try await client.request("/assets/")
        XCTAssertEqual(assets.status, 404)
        try await server.stop()
    }

    func testTheLiveReloadScriptIsNeverInTheBuiltFiles() async throws {
        let root = try MiniSite.make(self)
        let result = await build(root)
        XCTAssertTrue(result.succeeded)
        for file in result.files {
            XCTAssertFalse(String(decoding: file.bytes, as: UTF8.self).contains("_shingi"), file.path)
        }
    }

    // MARK: Security

    func testTraversalAttemptsAreNotFound() async throws {
        let server = try await ServeHarness.start(self, root: MiniSite.make(self))
        let client = ServeTestClient(port: server.port)
        let attempts = [
            "/../shingi.yml", "/%2e%2e/shingi.yml", "/%2E%2E/shingi.yml", "/ja%2f..%2f..%2fshingi.yml", "/..\\shingi.yml",
            "/..%5cshingi.yml", "/%00", "/ja/%00index.html", "/ja/./index.html", "/ja/../index.html", "//etc/passwd",
            "/etc/passwd", "/ja%2findex.html", "/content/issues/1/index.ja.md", "/shingi.yml", "/%", "/%zz",
            "/%c0%ae%c0%ae/shingi.yml", "/ja//index.html",
        ]
        for target in attempts {
            let reply = try await client.request(target)
            XCTAssertEqual(reply.status, 404, target)
        }
        try await server.stop()
    }

    func testForeignHostIsForbidden() async throws {
        let server = try await ServeHarness.start(self, root: MiniSite.make(self))
        let client = ServeTestClient(port: server.port)
        let port = server.port
        for host in ["localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)", "LOCALHOST:\(port)"] {
            let reply = try await client.request("/", host: host)
            XCTAssertEqual(reply.status, 200, host)
        }
        for host in ["evil.example:\(port)", "evil.example", "localhost", "127.0.0.1:\(port + 1)", "localhost.evil.example:\(port)", "127.0.0.1.nip.io:\(port)", ""] {
            let reply = try await client.request("/", host: host)
            XCTAssertEqual(reply.status, 403, host)
        }
        let rebinding = try await client.request(LiveReload.eventsPath, host: "evil.example:\(port)")
        XCTAssertEqual(rebinding.status, 403)
        try await server.stop()
    }

    func testOnlyGetAndHeadAreAllowed() async throws {
        let server = try await ServeHarness.start(self, root: MiniSite.make(self))
        let client = ServeTestClient(port: server.port)
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let reply = try await client.request("/ja/", method: method)
            XCTAssertEqual(reply.status, 405, method)
            XCTAssertEqual(reply.headers["allow"], "GET, HEAD", method)
        }
        try await server.stop()
    }

    func testReloadEndpointChecksOrigin() async throws {
        let server = try await ServeHarness.start(self, root: MiniSite.make(self))
        let client = ServeTestClient(port: server.port)
        let foreign = try await client.request(LiveReload.eventsPath, headers: ["Origin": "http://evil.example"])
        XCTAssertEqual(foreign.status, 403)
        XCTAssertNil(foreign.headers["access-control-allow-origin"])
        let otherPort = try await client.request(LiveReload.eventsPath, headers: ["Origin": "http://localhost:\(server.port + 1)"])
        XCTAssertEqual(otherPort.status, 403)
        let own = try await client.request(LiveReload.eventsPath, method: "HEAD", headers: ["Origin": "http://localhost:\(server.port)"])
        XCTAssertEqual(own.status, 200)
        XCTAssertEqual(own.headers["content-type"], "text/event-stream; charset=utf-8")
        XCTAssertNil(own.headers["access-control-allow-origin"])
        try await server.stop()
    }

    func testSitePathDecodesAndNormalises() {
        XCTAssertEqual(SitePath(requestTarget: "/")?.key, "index.html")
        XCTAssertEqual(SitePath(requestTarget: "/ja/")?.key, "ja/index.html")
        XCTAssertEqual(SitePath(requestTarget: "/ja/?x=1#y")?.key, "ja/index.html")
        XCTAssertEqual(SitePath(requestTarget: "/ja/issues/1/index.html")?.key, "ja/issues/1/index.html")
        XCTAssertEqual(SitePath(requestTarget: "/%E5%AF%A9/a%20b.html")?.key, "審/a b.html")
        XCTAssertEqual(SitePath(requestTarget: "/ja")?.isDirectory, false)
        for bad in ["", "*", "ja/", "http://x/", "/..", "/a/../b", "/%2e", "/a%2fb", "/a%5cb", "/a\\b", "/%00", "/a%0a", "/%ff", "/a//b", "/%4"] {
            XCTAssertNil(SitePath(requestTarget: bad), bad)
        }
    }

    // MARK: Watching and rebuilding

    func testEditingACommentReloadsWithTheNewText() async throws {
        let root = try MiniSite.make(self)
        let server = try await ServeHarness.start(self, root: root)
        let client = ServeTestClient(port: server.port)
        let stream = try await client.awaitEvent("event: reload", headers: ["Origin": "http://127.0.0.1:\(server.port)"]) {
            try write(["content/comments/14/c1.en.md": MiniSite.files["content/comments/14/c1.en.md"]!.replacingOccurrences(of: "It should function.", with: "It must work at once.")], to: root)
        }
        XCTAssertTrue(stream.hasPrefix("HTTP/1.1 200 OK\r\n"), stream)
        XCTAssertTrue(stream.contains("\r\nContent-Type: text/event-stream; charset=utf-8\r\n"), stream)
        XCTAssertFalse(stream.lowercased().contains("access-control-allow-origin"), stream)
        XCTAssertTrue(stream.contains("\r\n: connected\nretry: 1000\n\n"), stream)
        XCTAssertTrue(stream.contains("\r\nevent: reload\ndata: 2\n\n"), stream)
        let page = try await client.request("/en/issues/1/")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("It must work at once."))
        XCTAssertFalse(page.text.contains("It should function."))
        XCTAssertTrue(server.lines.contains { $0.hasPrefix("content/comments/14/c1.en.md changed: rebuilt ") && $0.contains(" pages in ") }, "\(server.lines)")
        try await server.stop()
    }

    func testACommentEditRerendersOnlyTheDependentPages() async throws {
        let root = try MiniSite.make(self)
        let server = try await ServeHarness.start(self, root: root)
        let client = ServeTestClient(port: server.port)
        let built = try XCTUnwrap(server.lines.first { $0.hasPrefix("built ") }, "\(server.lines)")
        let full = try XCTUnwrap(Int(built.split(separator: " ")[1]))
        try write(["content/comments/14/c1.en.md": MiniSite.files["content/comments/14/c1.en.md"]!.replacingOccurrences(of: "It should function.", with: "It must work at once.")], to: root)
        for target in ["/en/issues/1/", "/en/members/nakanishi/", "/en/meetings/14/", "/en/comments/"] {
            _ = try await eventually(client, target) { $0.status == 200 && $0.text.contains("It must work at once.") }
        }
        let ja = try await client.request("/ja/issues/1/")
        XCTAssertTrue(ja.text.contains("機能するようにすべき。"))
        let line = try XCTUnwrap(server.lines.first { $0.hasPrefix("content/comments/14/c1.en.md changed: rebuilt ") }, "\(server.lines)")
        // "rebuilt 6 of 24 pages in 3 ms": the issue, member, meeting and comments pages and
        // the two 意見対応表 that list the comment.
        let words = line.dropFirst("content/comments/14/c1.en.md changed: rebuilt ".count).split(separator: " ")
        XCTAssertEqual(words[1], "of", line)
        XCTAssertEqual(Int(words[0]), 6, line)
        XCTAssertEqual(Int(words[2]), full, line)
        XCTAssertLessThan(try XCTUnwrap(Int(words[0])), full, line)
        try await server.stop()
    }

    func testBrokenLinkShowsTheErrorPageUntilFixed() async throws {
        let root = try MiniSite.make(self)
        let server = try await ServeHarness.start(self, root: root)
        let client = ServeTestClient(port: server.port)
        let good = MiniSite.files["content/issues/1/index.en.md"]!
        try write(["content/issues/1/index.en.md": good.replacingOccurrences(of: "Remark by [[member:goto]].", with: "Remark by [[member:nobody]] <&>.")], to: root)

        let broken = try await eventually(client, "/ja/") { $0.status == 500 }
        XCTAssertEqual(broken.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(broken.text.contains("<h1>Build failed: 1 error</h1>"), broken.text)
        XCTAssertTrue(broken.text.contains("<li><code>content/issues/1/index.en.md:14:11</code> &#39;[[member:nobody]]&#39;"), broken.text)
        XCTAssertTrue(broken.text.contains("[broken-link]"))
        XCTAssertTrue(broken.text.contains(LiveReload.scriptPath))
        // Every page shows it, misses too; the stylesheet is still served.
        let missing = try await client.request("/en/nothing/")
        XCTAssertEqual(missing.status, 500)
        let css = try await client.request("/assets/style.css")
        XCTAssertEqual(css.status, 200)

        try write(["content/issues/1/index.en.md": good], to: root)
        let fixed = try await eventually(client, "/ja/") { $0.status == 200 }
        XCTAssertFalse(fixed.text.contains("Build failed"))
        XCTAssertTrue(server.lines.contains { $0.contains("build failed in") && $0.contains("1 error") }, "\(server.lines)")
        try await server.stop()
    }

    func testInvalidYAMLAndADeletedFolderNeverStopTheServer() async throws {
        let root = try MiniSite.make(self)
        let server = try await ServeHarness.start(self, root: root)
        let client = ServeTestClient(port: server.port)
        try write(["content/members.yml": "- id: goto\n  name: {ja: [unclosed"], to: root)
        _ = try await eventually(client, "/en/") { $0.status == 500 }
        try write(["content/members.yml": MiniSite.files["content/members.yml"]!], to: root)
        _ = try await eventually(client, "/en/") { $0.status == 200 }

        try FileManager.default.removeItem(at: root.appendingPathComponent("content/comments"))
        _ = try await eventually(client, "/en/issues/1/") { $0.status == 200 && !$0.text.contains("It should function.") }
        // A new folder, created by a rename as editors do, is watched too.
        let staging = root.appendingPathComponent("staging/14")
        try write(["c1.en.md": MiniSite.files["content/comments/14/c1.en.md"]!, "c1.ja.md": MiniSite.files["content/comments/14/c1.ja.md"]!], to: staging)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/comments"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: staging, to: root.appendingPathComponent("content/comments/14"))
        _ = try await eventually(client, "/en/issues/1/") { $0.text.contains("It should function.") }
        try write(["content/comments/14/c2.en.md": MiniSite.files["content/comments/14/c1.en.md"]!.replacingOccurrences(of: "It should function.", with: "A second remark.")], to: root)
        _ = try await eventually(client, "/en/issues/1/") { $0.text.contains("A second remark.") }
        try await server.stop()
    }

    func testATemplateEditRerendersEveryPage() async throws {
        let root = try MiniSite.make(self)
        try FileManager.default.copyItem(at: defaultTheme, to: root.appendingPathComponent("templates"))
        let server = try await ServeHarness.start(self, root: root)
        let client = ServeTestClient(port: server.port)
        let layout = root.appendingPathComponent("templates/layout.mustache")
        let text = try String(contentsOf: layout, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "</body>", with: "<p>template-edit-marker</p></body>").utf8).write(to: layout)
        _ = try await eventually(client, "/ja/issues/1/") { $0.text.contains("template-edit-marker") }
        _ = try await eventually(client, "/en/") { $0.text.contains("template-edit-marker") }
        try await server.stop()
    }

    func testADefaultThemeEditRerendersASiteWithoutTemplates() async throws {
        let root = try MiniSite.make(self)
        let theme = try temporaryDirectory(self).appendingPathComponent("theme")
        try FileManager.default.copyItem(at: defaultTheme, to: theme)
        for forcePolling in [false, true] {
            let server = try await ServeHarness.start(self, root: root, theme: theme, forcePolling: forcePolling)
            let client = ServeTestClient(port: server.port)
            let marker = "default-theme-edit-\(forcePolling)"
            let layout = theme.appendingPathComponent("layout.mustache")
            let text = try String(contentsOf: layout, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "</body>", with: "<p>\(marker)</p></body>").utf8).write(to: layout)
            _ = try await eventually(client, "/ja/issues/1/") { $0.text.contains(marker) }
            XCTAssertTrue(server.lines.contains { $0.hasPrefix(theme.standardizedFileURL.path + "/layout.mustache changed: rebuilt ") }, "\(server.lines)")
            try await server.stop()
        }
        // With templates/ of its own, the site no longer follows the default theme. An edit
        // the server does follow comes after the ignored one: once its rebuild is reported,
        // a rebuild for the theme would have been reported before it (or with it).
        try FileManager.default.copyItem(at: defaultTheme, to: root.appendingPathComponent("templates"))
        let server = try await ServeHarness.start(self, root: root, theme: theme)
        let before = server.lines.count
        let layout = theme.appendingPathComponent("layout.mustache")
        try Data("ignored".utf8).write(to: layout)
        try write(["content/comments/14/c1.en.md": MiniSite.files["content/comments/14/c1.en.md"]!.replacingOccurrences(of: "It should function.", with: "Followed.")], to: root)
        let followed = try await server.line(from: before) { $0.contains(" changed: ") }
        XCTAssertEqual(Array(server.lines[before...followed]).map { $0.prefix { $0 != ":" } }, ["content/comments/14/c1.en.md changed"], "\(server.lines)")
        try await server.stop()
    }

    func testABurstOfWritesIsOneRebuild() async throws {
        let root = try MiniSite.make(self)
        let server = try await ServeHarness.start(self, root: root)
        let client = ServeTestClient(port: server.port)
        let before = server.lines.count
        let original = MiniSite.files["content/comments/14/c1.en.md"]!
        for n in 1...50 {
            try write(["content/comments/14/c1.en.md": original.replacingOccurrences(of: "It should function.", with: "Version \(n).")], to: root)
        }
        _ = try await eventually(client, "/en/issues/1/") { $0.text.contains("Version 50.") }
        // A last edit of another file: once its rebuild is reported, every rebuild the burst
        // caused has been reported (changes are rebuilt in order), at most with it.
        try write(["content/aa.yml": "a: b\n"], to: root)
        let last = try await server.line(from: before) { $0.hasPrefix("content/aa.yml") }
        let rebuilds = server.lines[before...last].filter { $0.contains(" changed: ") && !$0.hasPrefix("content/aa.yml changed: ") }
        XCTAssertGreaterThanOrEqual(rebuilds.count, 1)
        XCTAssertLessThanOrEqual(rebuilds.count, 3, "\(rebuilds)")
        try await server.stop()
    }

    func testPollingWatcherPicksUpEdits() async throws {
        let root = try MiniSite.make(self)
        let server = try await ServeHarness.start(self, root: root, forcePolling: true)
        let client = ServeTestClient(port: server.port)
        try write(["content/comments/14/c1.ja.md": MiniSite.files["content/comments/14/c1.ja.md"]!.replacingOccurrences(of: "機能するようにすべき。", with: "ポーリングで検出。")], to: root)
        _ = try await eventually(client, "/ja/issues/1/") { $0.text.contains("ポーリングで検出。") }
        try await server.stop()
    }

    // MARK: Starting and stopping

    func testPortInUseIsAOneLineError() async throws {
        let root = try MiniSite.make(self)
        let first = try await ServeHarness.start(self, root: root)
        let second = PreviewServer(options: ServeOptions(root: root, port: first.port, defaultTheme: defaultTheme), output: ServeOutput(line: { _ in }, problem: { _ in }))
        do {
            try await withTimeout(20) { try await second.run() }
            XCTFail("a second server on the same port started")
        } catch let error as ServeError {
            XCTAssertEqual(error, .portInUse(host: "127.0.0.1", port: first.port))
            XCTAssertEqual(error.description, "port \(first.port) on 127.0.0.1 is already in use; stop the other server or choose another with --port")
        }
        try await first.stop()
    }

    func testStoppingEndsOpenLiveReloadStreams() async throws {
        let server = try await ServeHarness.start(self, root: MiniSite.make(self))
        let client = ServeTestClient(port: server.port)
        // The stream ends with the last chunk once the server stops, and stopping does not
        // wait for the page to go away.
        let stream = try await client.awaitEvent("0\r\n\r\n") { try await server.stop() }
        XCTAssertFalse(stream.contains("event: reload"), stream)
    }

    func testHostPolicy() {
        let loopback = HostPolicy(boundHost: "127.0.0.1", port: 8000)
        XCTAssertTrue(loopback.allows(host: "localhost:8000"))
        XCTAssertTrue(loopback.allows(host: "[::1]:8000"))
        XCTAssertFalse(loopback.allows(host: nil))
        XCTAssertFalse(loopback.allows(host: "192.168.1.2:8000"))
        XCTAssertTrue(loopback.allows(origin: nil))
        XCTAssertTrue(loopback.allows(origin: "http://localhost:8000"))
        XCTAssertFalse(loopback.allows(origin: "https://localhost:8000"))
        XCTAssertFalse(loopback.allows(origin: "null"))
        let wildcard = HostPolicy(boundHost: "0.0.0.0", port: 8000)
        XCTAssertTrue(wildcard.allows(host: "192.168.1.2:8000"))
        XCTAssertFalse(wildcard.allows(host: "rebound.example:8000"))
        XCTAssertTrue(HostPolicy.isLoopback("127.0.0.1"))
        XCTAssertTrue(HostPolicy.isLoopback("::1"))
        XCTAssertFalse(HostPolicy.isLoopback("0.0.0.0"))
    }

    // MARK: Helpers

    /// Fetches `target` until `condition` holds (at most `timeout` seconds).
}

/// Asks for `target` until `condition` holds (the server rebuilds in the background).
func eventually(_ client: ServeTestClient, _ target: String, timeout: Double = 15, _ condition: @escaping @Sendable (ServeTestClient.Reply) -> Bool) async throws -> ServeTestClient.Reply {
    let deadline = Date().addingTimeInterval(timeout)
    var last: ServeTestClient.Reply?
    while Date() < deadline {
        let reply = try await client.request(target)
        if condition(reply) { return reply }
        last = reply
        try await Task.sleep(for: .milliseconds(50))
    }
    throw ServeTestClient.Failure(description: "\(target) never matched; last: \(last.map { "\($0.status) \($0.text.prefix(500))" } ?? "none")")
}

/// A preview server running for one test, with the lines it printed.
final class ServeHarness: Sendable {
    let port: Int
    private let task: Task<Void, any Error>
    private let log: LineLog

    private init(port: Int, task: Task<Void, any Error>, log: LineLog) {
        self.port = port
        self.task = task
        self.log = log
    }

    var lines: [String] { log.lines }

    /// The index of the first line from `start` on that matches: the event the server
    /// reports when it has rebuilt (at most `timeout` seconds).
    func line(from start: Int = 0, timeout: Double = 15, _ matches: @escaping @Sendable (String) -> Bool) async throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let lines = log.lines
            if let index = lines.indices.dropFirst(start).first(where: { matches(lines[$0]) }) { return index }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ServeTestClient.Failure(description: "the server never printed the line awaited; it printed: \(log.lines)")
    }

    static func start(_ test: XCTestCase, root: URL, theme: URL = defaultTheme, forcePolling: Bool = false,
                      markdownParser: any MarkdownParsing = InProcessMarkdownParser(), searchIndexer: SearchIndexer? = nil) async throws -> ServeHarness {
        let log = LineLog()
        var options = ServeOptions(root: root, port: 0, defaultTheme: theme, debounce: .milliseconds(50), pollInterval: .milliseconds(100), forcePolling: forcePolling)
        options.markdownParser = markdownParser
        options.searchIndexer = searchIndexer
        let server = PreviewServer(options: options, output: ServeOutput(line: { log.append($0) }, problem: { log.append("! " + $0) }))
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            defer { continuation.finish() }
            try await server.run(onReady: { continuation.yield($0) })
        }
        guard let port = try await withTimeout(30, { await ports.first { _ in true } }) else {
            _ = try await task.value
            throw ServeTestClient.Failure(description: "the server stopped before listening: \(log.lines)")
        }
        test.addTeardownBlock { task.cancel() }
        return ServeHarness(port: port, task: task, log: log)
    }

    /// Stops the server (as Ctrl-C does) and checks that it stops promptly.
    func stop() async throws {
        task.cancel()
        try await withTimeout(10) { [task] in try await task.value }
    }
}

final class LineLog: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var lines: [String] { storage.withLock { $0 } }
}

/// `body`, or a failure after `seconds`.
func withTimeout<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw ServeTestClient.Failure(description: "timed out after \(seconds) s")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
