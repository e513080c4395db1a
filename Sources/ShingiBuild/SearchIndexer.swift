import Foundation
import ShingiCore

/// Runs Pagefind (`pagefind_extended`, whose build segments Japanese) over the site's
/// pages and returns its index as files under `pagefind/`, so that the index is written
/// with the rest of the output, in the same atomic swap and listed in the manifest.
/// Pagefind reads the pages from a scratch copy: the output folder is only ever written
/// by `OutputWriter`.
public struct SearchIndexer: Sendable {
    /// The `pagefind_extended` binary.
    public let executable: URL

    /// What a build says when search is on and Pagefind is not installed.
    public static let notInstalledNote = "search: skipped the search index: pagefind_extended is not installed; run scripts/bootstrap, or `python3 -m venv .venv-search && .venv-search/bin/pip install 'pagefind[extended]'` in the site root (or put pagefind_extended on PATH)"

    public init(executable: URL) {
        self.executable = executable
    }

    /// `pagefind_extended` on `PATH`, else in the virtual environment `.venv-search/` of
    /// the site root (where `scripts/bootstrap` installs it); `SHINGI_PAGEFIND` names the
    /// binary instead (empty: none, as if it were not installed).
    public static func locate(root: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> SearchIndexer? {
        let files = FileManager.default
        if let named = environment["SHINGI_PAGEFIND"] {
            return named.isEmpty || !files.isExecutableFile(atPath: named) ? nil : SearchIndexer(executable: URL(fileURLWithPath: named))
        }
        var candidates = (environment["PATH"] ?? "").split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("pagefind_extended") }
        let venv = root.appendingPathComponent(".venv-search")
        candidates.append(venv.appendingPathComponent("bin/pagefind_extended"))
        // pip installs the binary inside the package, with no script in bin/.
        if let libs = try? files.contentsOfDirectory(atPath: venv.appendingPathComponent("lib").path) {
            for lib in libs.sorted() where lib.hasPrefix("python") {
                candidates.append(venv.appendingPathComponent("lib/\(lib)/site-packages/pagefind_bin_extended/pagefind_extended"))
            }
        }
        return candidates.first { files.isExecutableFile(atPath: $0.path) }.map(SearchIndexer.init)
    }

    public enum Failure: Error, CustomStringConvertible {
        case failed(status: Int32, output: String)
        public var description: String {
            switch self {
            case .failed(let status, let output):
                let detail = output.trimmingCharacters(in: .whitespacesAndNewlines)
                return "pagefind_extended failed (exit status \(status)) while indexing the site for search" + (detail.isEmpty ? "" : ": \(detail)")
            }
        }
    }

    /// What Pagefind reads: the HTML pages among `files` and `records` (pages only the
    /// index sees).
    public static func inputs(_ files: [OutputFile], records: [OutputFile]) -> [OutputFile] {
        (files + records).filter { $0.path.hasSuffix(".html") }
    }

    /// The index of `inputs` as files under `pagefind/`, sorted by path.
    public func index(_ inputs: [OutputFile]) throws -> [OutputFile] {
        let scratch = try ScratchFolders.create(prefix: "shingi-search")
        defer { ScratchFolders.remove(scratch) }
        let site = scratch.appendingPathComponent("site")
        let bundle = scratch.appendingPathComponent("pagefind")
        for file in inputs {
            let url = site.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--site", site.path, "--output-path", bundle.path, "--silent"]
        process.currentDirectoryURL = scratch
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure.failed(status: process.terminationStatus, output: text) }
        // The search page uses Pagefind's JS API with the theme's markup, not its UIs.
        return try Self.files(below: bundle, prefix: "pagefind/").filter { !Self.unusedUI($0.path) }
    }

    /// Pagefind's ready-made interfaces (`pagefind-ui.js`, `pagefind-modular-ui.css`, …)
    /// and its highlighter, which the theme does not load.
    static func unusedUI(_ path: String) -> Bool {
        let name = path.split(separator: "/").last ?? ""
        return name.hasPrefix("pagefind-") && (name.contains("ui.") || name.hasPrefix("pagefind-highlight"))
    }

    private static func files(below folder: URL, prefix: String) throws -> [OutputFile] {
        var result: [OutputFile] = []
        let base = folder.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = url.resolvingSymlinksInPath().path
            let relative = String(path.dropFirst(base.count + 1))
            result.append(OutputFile(path: prefix + relative, bytes: Array(try Data(contentsOf: url))))
        }
        return result.sorted { $0.path < $1.path }
    }
}
