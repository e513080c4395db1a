import Foundation
import XCTest

/// The bad-input corpus (`Tests/Fixtures/hostile/cases/*/case.json`): each case changes the
/// small site in `Tests/Fixtures/hostile/base/`, which has been built once, and runs the
/// `shingi` binary on it with a wall-clock bound. Each asserts the exact lines on standard
/// error and the exit status, that the process was neither killed by a signal nor by the
/// bound, that nothing appeared or changed outside the output folder, and, when the run
/// fails, that the previous site is byte for byte what it was.
final class HostileInputTests: XCTestCase {
    static let corpus = fixturesRoot.appendingPathComponent("hostile")

    func testTheCorpusHasOneCaseOfEachKind() throws {
        let cases = try Self.caseFolders()
        XCTAssertGreaterThanOrEqual(cases.count, 30, "the bad-input corpus needs at least 30 cases")
        for folder in cases {
            XCTAssertNoThrow(try HostileCase.load(folder), folder.lastPathComponent)
        }
    }

    func testEveryCase() throws {
        // SHINGI_HOSTILE_CASES=05,12 runs only the cases whose names start so.
        let only = ProcessInfo.processInfo.environment["SHINGI_HOSTILE_CASES"]?.split(separator: ",").map(String.init)
        let template = try builtBase()
        for folder in try Self.caseFolders() where only.map({ $0.contains(where: folder.lastPathComponent.hasPrefix) }) ?? true {
            let name = folder.lastPathComponent
            do {
                try run(try HostileCase.load(folder), named: name, from: folder, template: template)
            } catch {
                XCTFail("\(name): \(error)")
            }
        }
    }

    static func caseFolders() throws -> [URL] {
        let cases = corpus.appendingPathComponent("cases")
        return try FileManager.default.contentsOfDirectory(atPath: cases.path).sorted()
            .filter { !$0.hasPrefix(".") }.map { cases.appendingPathComponent($0) }
    }

    /// The base site, built once (its `site/` is the previous site of every case).
    private func builtBase() throws -> URL {
        let template = try temporaryDirectory(self).appendingPathComponent("base")
        try FileManager.default.copyItem(at: Self.corpus.appendingPathComponent("base"), to: template)
        let built = try runShingi(["build", "--root", template.path])
        XCTAssertEqual(built.status, 0, "the base site must build: \(built.err)")
        XCTAssertEqual(built.err, "", "the base site must build without warnings")
        return template
    }

    private func run(_ spec: HostileCase, named name: String, from folder: URL, template: URL) throws {
        // <scratch>/root is the site, <scratch>/outside what symbolic links point at.
        let scratch = try temporaryDirectory(self)
        let root = scratch.appendingPathComponent("root")
        let outside = scratch.appendingPathComponent("outside")
        try FileManager.default.copyItem(at: template, to: root)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try write(["secret.md": "---\ntitle: secret\n---\nSECRET\n", "pages/secret.ja.md": "---\ntitle: secret\n---\nSECRET\n",
                   "references.yml": "- id: tebiki\n  title: {ja: \"SECRET\", en: \"SECRET\"}\n", "public/.env": "SECRET=1\n"], to: outside)
        func expand(_ text: String) -> String {
            text.replacingOccurrences(of: "{root}", with: root.path).replacingOccurrences(of: "{outside}", with: outside.path)
                .replacingOccurrences(of: "{scratch}", with: scratch.path).replacingOccurrences(of: "{theme}", with: defaultTheme.path)
        }
        try write(spec.outsideText ?? [:], to: outside)
        try spec.apply(to: root, from: folder, expand: expand)
        if spec.git == true {
            try runGit(["init", "-q"], in: root)
            try commitAll(in: root, message: "base")
        }
        // What a build may write: the site, the one it replaced and the Markdown cache.
        // A `diff --format html` case writes its report into <scratch>/report.
        let written: Set<String> = ["root/site", "root/.site.previous", "root/.site.manifest", ".cache", "report", ".report.manifest"]
        let before = try listing(scratch, excluding: written)
        let previousSite = try tree(root.appendingPathComponent("site"))

        let arguments = (spec.command ?? ["build", "--root", "{root}"]).map(expand)
        let result = try runBounded(try shingiBinary(), arguments, seconds: spec.seconds,
                                    environment: ["SHINGI_THEME": defaultTheme.path, "PATH": "/usr/bin:/bin", "HOME": scratch.path])

        XCTAssertFalse(result.timedOut, "\(name): still running after \(spec.seconds) s; killed")
        XCTAssertNil(result.signal, "\(name): killed by signal \(result.signal ?? 0)\n\(result.err)")
        XCTAssertFalse(result.err.contains("Fatal error") || result.err.contains("Stack dump"), "\(name): crashed\n\(result.err)")
        XCTAssertEqual(result.status, spec.exit, "\(name): exit status\n\(result.err)")
        var lines = result.err.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let expected = spec.expect.map(expand)
        if spec.moreStderr == true { lines = Array(lines.prefix(expected.count)) }
        var outLines = result.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if outLines.last == "" { outLines.removeLast() }
        // SHINGI_UPDATE_GOLDENS=1 writes what the binary printed into case.json (paths
        // put back as {root}, {outside}, {scratch}); review the diff before committing.
        if ProcessInfo.processInfo.environment["SHINGI_UPDATE_GOLDENS"] == "1", lines != expected || (spec.stdout.map { outLines != $0.map(expand) } ?? false) {
            func unexpand(_ text: String) -> String {
                text.replacingOccurrences(of: root.path, with: "{root}").replacingOccurrences(of: outside.path, with: "{outside}")
                    .replacingOccurrences(of: scratch.path, with: "{scratch}")
            }
            try spec.rewrite(folder, expect: lines.map(unexpand), stdout: spec.stdout == nil ? nil : outLines.map(unexpand))
            return
        }
        if let alternative = spec.orExpect?.map({ $0.map(expand) }).first(where: { $0 == lines }) {
            XCTAssertEqual(lines, alternative, "\(name): standard error")
        } else {
            XCTAssertEqual(lines, expected, "\(name): standard error")
        }
        if let stdout = spec.stdout {
            XCTAssertEqual(outLines, stdout.map(expand), "\(name): standard output")
        }
        let builds = (spec.command?.first ?? "build") == "build"
        if spec.exit == 0, builds {
            XCTAssertTrue(result.out.hasPrefix("built "), "\(name): \(result.out)")
        }

        let after = try listing(scratch, excluding: written)
        XCTAssertEqual(after, before, "\(name): files outside the output folder appeared or changed")
        let site = try tree(root.appendingPathComponent("site"))
        if spec.exit != 0 || !builds {
            XCTAssertTrue(site == previousSite, "\(name): the previous site changed")
        }
        for (page, needles) in spec.outputContains ?? [:] {
            let html = String(decoding: site[page] ?? Data(), as: UTF8.self)
            XCTAssertNotNil(site[page], "\(name): \(page) was not written")
            for needle in needles { XCTAssertTrue(html.contains(needle), "\(name): \(page) lacks \(needle)") }
        }
        let report = try tree(scratch.appendingPathComponent("report"))
        for needle in spec.outputLacks ?? [] {
            for (page, data) in site.merging(report, uniquingKeysWith: { a, _ in a }) where String(decoding: data, as: UTF8.self).contains(needle) {
                XCTFail("\(name): \(page) contains \(needle)")
            }
        }
    }

    /// Every entry below `root` (not following links), with what it is; `excluding` is
    /// left out with everything below it.
    private func listing(_ root: URL, excluding: Set<String>) throws -> [String: String] {
        var result: [String: String] = [:]
        func visit(_ relative: String) {
            let path = root.path + (relative.isEmpty ? "" : "/" + relative)
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if !relative.isEmpty { result[relative] = "folder" }
                guard let dir = opendir(path) else { return }
                var names: [String] = []
                while let entry = readdir(dir) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                    if name != "." && name != ".." { names.append(name) }
                }
                closedir(dir)
                for name in names {
                    let child = relative.isEmpty ? name : relative + "/" + name
                    if !excluding.contains(child) { visit(child) }
                }
            case S_IFLNK:
                var buffer = [CChar](repeating: 0, count: 4096)
                let n = readlink(path, &buffer, buffer.count - 1)
                result[relative] = "link to " + String(decoding: buffer.prefix(max(0, n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            case S_IFREG:
                let data = FileManager.default.contents(atPath: path) ?? Data()
                result[relative] = "file of \(data.count) bytes, hash \(data.hashValue)"
            default:
                result[relative] = "special file"
            }
        }
        visit("")
        return result
    }
}

/// One case of the corpus, as `case.json` describes it.
struct HostileCase: Decodable {
    /// What the input is and why it is hostile; for CVE patterns, what was measured.
    var description: String
    /// Arguments for `shingi`; `{root}`, `{scratch}` and `{outside}` are expanded. Default: build the site.
    var command: [String]?
    /// Makes the site a git repository with one commit (for `diff`).
    var git: Bool?
    /// Site path → file of the case folder, copied byte for byte. Site paths are
    /// percent-decoded to bytes, so names that are not UTF-8 or are NFD can be written.
    var files: [String: String]?
    /// Site path → text.
    var text: [String: String]?
    /// Site path → folder copied there (expanded; `{theme}` is the default theme).
    var copies: [String: String]?
    /// Site paths to delete.
    var remove: [String]?
    /// Large files, written by the test from parts, each `text` repeated `count` times.
    var generate: [Generated]?
    /// Site path → link target (expanded).
    var symlinks: [String: String]?
    /// Files written outside the site (`{outside}/<path>` → text), for links to point at.
    var outsideText: [String: String]?
    /// Site paths where a FIFO is made.
    var fifos: [String]?
    /// The exact lines on standard error, in order.
    var expect: [String]
    /// Standard error may go on after the expected lines (usage text).
    var moreStderr: Bool?
    /// Other lines that are as right as `expect`: where the outcome is a race between two
    /// bounds of the worker (out of memory or out of time on a slow machine), both of
    /// which isolate the file.
    var orExpect: [[String]]?
    /// The exact lines on standard output, when they matter (a `diff` report).
    var stdout: [String]?
    var exit: Int32
    /// The wall-clock bound in seconds; the process is killed after it.
    var seconds: Double
    /// Pages of the new site and text each must contain (successful builds).
    var outputContains: [String: [String]]?
    /// Text no file of the site may contain.
    var outputLacks: [String]?

    struct Generated: Decodable {
        var path: String
        var parts: [Part]

        struct Part: Decodable {
            var text: String
            var count: Int?
        }
    }

    enum CodingKeys: String, CodingKey {
        case description, command, git, files, text, copies, remove, generate, symlinks, fifos, expect, stdout, exit, seconds
        case moreStderr = "more_stderr", orExpect = "or_expect", outputContains = "output_contains", outputLacks = "output_lacks", outsideText = "outside_text"
    }

    /// Replaces the expected lines of the case in `folder`, keeping the rest of its JSON.
    func rewrite(_ folder: URL, expect: [String], stdout: [String]?) throws {
        let url = folder.appendingPathComponent("case.json")
        guard var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else { return }
        json["expect"] = expect
        if let stdout { json["stdout"] = stdout }
        let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try (data + Data("\n".utf8)).write(to: url)
    }

    static func load(_ folder: URL) throws -> HostileCase {
        try JSONDecoder().decode(HostileCase.self, from: Data(contentsOf: folder.appendingPathComponent("case.json")))
    }

    func apply(to root: URL, from folder: URL, expand: (String) -> String) throws {
        for path in remove ?? [] { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }
        for (path, source) in copies ?? [:] {
            try FileManager.default.copyItem(at: URL(fileURLWithPath: expand(source)), to: root.appendingPathComponent(path))
        }
        for (path, source) in files ?? [:] {
            try writeRaw(Array(Data(contentsOf: folder.appendingPathComponent(source))), at: root, path)
        }
        for (path, content) in text ?? [:] { try writeRaw(Array(content.utf8), at: root, path) }
        for spec in generate ?? [] {
            var bytes: [UInt8] = []
            for part in spec.parts {
                let unit = Array(part.text.utf8)
                for _ in 0..<(part.count ?? 1) { bytes += unit }
            }
            try writeRaw(bytes, at: root, spec.path)
        }
        for (path, target) in symlinks ?? [:] {
            let link = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: link)
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: expand(target))
        }
        for path in fifos ?? [] {
            let fifo = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: fifo.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard mkfifo(fifo.path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
    }

    /// Writes `bytes` at the percent-decoded site path, creating folders, with POSIX calls
    /// so that any bytes can be a name.
    private func writeRaw(_ bytes: [UInt8], at root: URL, _ path: String) throws {
        let components = path.split(separator: "/").map { Self.percentDecoded(String($0)) }
        var current = Array(root.path.utf8)
        for (index, component) in components.enumerated() {
            current += [UInt8(ascii: "/")] + component
            let cPath = current.map { CChar(bitPattern: $0) } + [0]
            if index < components.count - 1 {
                if mkdir(cPath, 0o755) != 0 && errno != EEXIST { throw CocoaError(.fileWriteUnknown) }
            } else {
                let fd = open(cPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
                defer { close(fd) }
                var written = 0
                while written < bytes.count {
                    let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, bytes.count - written) }
                    guard n > 0 else { throw CocoaError(.fileWriteUnknown) }
                    written += n
                }
            }
        }
    }

    static func percentDecoded(_ text: String) -> [UInt8] {
        var result: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
               let value = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                result.append(value)
                i += 3
            } else {
                result.append(bytes[i])
                i += 1
            }
        }
        return result
    }
}
