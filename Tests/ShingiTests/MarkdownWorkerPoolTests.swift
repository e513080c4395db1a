import Foundation
import ShingiCore
import ShingiMarkdown
import ShingiMarkdownWorkers
import XCTest

/// The Markdown stage in worker processes: same results as in-process parsing, and a
/// worker that crashes, hangs or dies is reported for its file and replaced.
final class MarkdownWorkerPoolTests: XCTestCase {
    private func realPool(size: Int = 2) throws -> MarkdownWorkerPool {
        MarkdownWorkerPool(executable: try shingiBinary().path, arguments: ["markdown-worker"], size: size)
    }

    func testWorkersGiveTheSameFragmentsAsInProcessParsing() async throws {
        let pool = try realPool()
        let documents = (0..<200).map { i in
            "# 見出し \(i) {#\(i).1}\n\nText with ~~strike~~, https://example.go.jp/\(i) and [[issue:\(i)#1.1|a link]].\n\n| a | b |\n|---|---|\n| \(i) | [[ref:tebiki]] |\n\n[^n]: note \(i)\n"
        } + ["", "<script>alert(1)</script>\n", "[x](javascript:alert(1))\n", String(repeating: "long line ", count: 20_000)]
        let viaWorkers = await documents.parallelMap { pool.parse($0) }
        XCTAssertEqual(viaWorkers, documents.map { MarkdownRenderer.render($0) })
        XCTAssertEqual(viaWorkers[0].headings.map(\.id), ["0.1"])
        XCTAssertEqual(viaWorkers[201].problems.map(\.code), ["raw-html-dropped"])
    }

    /// Many blocking callers on two workers, as the Load stage calls them: a caller that
    /// finds a worker idle drives it for everyone's waiting files, the others wait for
    /// their own answers; none is lost or given another file's.
    func testManyCallersOnTwoWorkersEachGetTheirOwnAnswer() async throws {
        let pool = try realPool()
        let documents = (0..<600).map { i in "## 節 \(i) {#\(i).1}\n\n" + String(repeating: "本文 [[ref:r\(i)]] ", count: i % 7 * 40) + "\n" }
        let viaWorkers = await documents.threadedMap(width: 16) { pool.parse($0) }
        XCTAssertEqual(viaWorkers, documents.map { MarkdownRenderer.render($0) })
    }

    func testACrashingWorkerFailsOnlyItsFile() throws {
        // Reads the request's header, then dies by a signal the way cmark-gfm's abort() does.
        let pool = MarkdownWorkerPool(executable: "/bin/sh", arguments: ["-c", "head -c 4 >/dev/null; kill -ABRT $$"], size: 1)
        let fragment = pool.parse("# a\n")
        XCTAssertEqual(fragment, .parserFailed(.crash))
        XCTAssertEqual(fragment.problems.map(\.code), ["markdown-parser-failed"])
        XCTAssertEqual(fragment.problems.first?.message, "the Markdown parser failed on this file (crash); simplify repeated syntax such as long runs of link definitions, brackets or emphasis")
        // The slot is free again and a new worker is started for the next file.
        XCTAssertEqual(pool.parse("# b\n"), .parserFailed(.crash))
    }

    /// 500,000 emphasised words need some 400 MB in a worker: under a limit of 256 MiB its
    /// allocations fail, and the file, only it, is a memory failure.
    func testAWorkerOverItsMemoryLimitFailsOnlyItsFile() throws {
        let pool = try realPool(size: 1)
        let document = String(repeating: "*a* ", count: 500_000)
        let fragment = pool.parse(document, memoryLimit: 256 << 20)
        XCTAssertEqual(fragment, .parserFailed(.memory))
        XCTAssertEqual(fragment.problems.first?.message, "the Markdown parser failed on this file (memory); split the file, simplify large tables and long runs of repeated syntax, or raise 'limits: max_parser_memory:' (in bytes) in shingi.yml")
        XCTAssertEqual(pool.limitingMemory(to: 256 << 20).parse("# a\n").headings.map(\.id), ["a"])
        // Within the default limit (1 GiB) the same file parses as in-process.
        XCTAssertEqual(pool.parse(document), MarkdownRenderer.render(document))
    }

    /// Files sent to a worker together are answered as if each were sent alone.
    func testABatchGivesTheSameFragmentsAsInProcessParsing() throws {
        let pool = try realPool(size: 1)
        let documents = (0..<100).map { "## 節 \($0) {#\($0).1}\n\n[[ref:r\($0)]] *text*\n" } + ["", String(repeating: "x", count: 70_000)]
        XCTAssertEqual(pool.parse(documents, memoryLimit: Limits.defaultMaxParserMemory), documents.map { MarkdownRenderer.render($0) })
    }

    /// A file that makes its worker fail in a batch fails alone: the files before it keep
    /// their answers, the ones after it are parsed by a new worker.
    func testAFileThatFailsInABatchFailsAlone() throws {
        let pool = MarkdownWorkerPool(executable: try shingiBinary().path, arguments: ["markdown-worker"], size: 1, batchCapacity: 8 << 20)
        let bomb = String(repeating: "*a* ", count: 500_000)
        let documents = ["# a\n", "# b\n", bomb, "# c\n", bomb, "# d\n"]
        let fragments = pool.parse(documents, memoryLimit: 256 << 20)
        let expected = documents.map { $0 == bomb ? .parserFailed(.memory) : MarkdownRenderer.render($0) }
        XCTAssertEqual(fragments, expected)
    }

    /// A batch whose worker hangs: each file gets its own time bound and fails alone.
    func testEachFileOfAHangingBatchGetsItsOwnTimeBound() throws {
        let bound = ParseTimeBound(base: 0.3, secondsPer100KB: 0)
        let pool = MarkdownWorkerPool(executable: "/bin/sh", arguments: ["-c", "exec sleep 30"], size: 1, timeBound: bound)
        let start = Date()
        XCTAssertEqual(pool.parse(["# a\n", "# b\n"], memoryLimit: 1 << 30), [.parserFailed(.timeout), .parserFailed(.timeout)])
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThanOrEqual(elapsed, 0.6)
        XCTAssertLessThan(elapsed, 5)
    }

    func testAHangingWorkerIsKilledAtTheTimeBound() throws {
        let bound = ParseTimeBound(base: 0.3, secondsPer100KB: 0)
        let pool = MarkdownWorkerPool(executable: "/bin/sh", arguments: ["-c", "exec sleep 30"], size: 1, timeBound: bound)
        let start = Date()
        XCTAssertEqual(pool.parse("# a\n"), .parserFailed(.timeout))
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThanOrEqual(elapsed, 0.3)
        XCTAssertLessThan(elapsed, 5)
    }

    func testTheTimeBoundGrowsWithTheFile() {
        let bound = ParseTimeBound()
        XCTAssertEqual(bound.seconds(forBytes: 0), 2)
        XCTAssertEqual(bound.seconds(forBytes: 250_000), 4.5)
    }

    func testAWorkerThatDiedWhileIdleIsReplacedWithoutFailingTheNextFile() throws {
        let pool = try realPool(size: 1)
        XCTAssertEqual(pool.parse("# a\n").headings.map(\.id), ["a"])
        let workers = try childProcesses(named: "markdown-worker")
        XCTAssertEqual(workers.count, 1)
        for pid in workers { kill(pid, SIGKILL) }
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(pool.parse("# b\n").headings.map(\.id), ["b"])
    }

    func testAMissingWorkerExecutableIsAParserFailureNotACrash() {
        let pool = MarkdownWorkerPool(executable: "/nonexistent/shingi", arguments: ["markdown-worker"], size: 1)
        XCTAssertEqual(pool.parse("# a\n"), .parserFailed(.crash))
    }

    /// Children of this test process whose command line contains `name`.
    private func childProcesses(named name: String) throws -> [pid_t] {
        let me = getpid()
        return try FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let afterName = stat.range(of: ") ", options: .backwards) else { return nil }
            let fields = stat[afterName.upperBound...].split(separator: " ")
            guard fields.count > 1, pid_t(fields[1]) == me else { return nil }
            let command = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(entry)/cmdline"))).map { String(decoding: $0, as: UTF8.self) } ?? ""
            return command.contains(name) ? pid : nil
        }
    }
}

/// The binary form a worker sends its fragment in.
final class FragmentBinaryFormTests: XCTestCase {
    func testAFragmentSurvivesTheRoundTripExactly() {
        let fragments = [
            MarkdownRenderer.render("# 見出し {#１．１}\n\n[[issue:1#1.1|ラベル]] [[ref:x]]\n\n<b>raw</b>\n\n[^n]\n\n[^n]: note\n"),
            RenderedFragment.parserFailed(.timeout),
            MarkdownRenderer.render(""),
        ]
        for fragment in fragments {
            XCTAssertEqual(RenderedFragment(binary: fragment.binaryEncoded()), fragment)
        }
        XCTAssertEqual(fragments[0].crossLinks.map(\.label), ["ラベル", nil])
    }

    func testMalformedBytesAreRejectedNotTrusted() {
        let bytes = MarkdownRenderer.render("# a\n\n[[issue:1]]\n").binaryEncoded()
        XCTAssertNil(RenderedFragment(binary: Array(bytes.dropLast())))
        XCTAssertNil(RenderedFragment(binary: bytes + [0]))
        // A length far beyond the message.
        XCTAssertNil(RenderedFragment(binary: [0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0]))
        XCTAssertNil(RenderedFragment(binary: []))
    }
}
