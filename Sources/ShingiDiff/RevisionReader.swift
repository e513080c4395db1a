import Foundation
import ShingiCore
import ShingiLoad
import ShingiMarkdown
import ShingiResolve

/// Reads one side of a comparison into the engine's model. A git revision is exported
/// with `git archive` into a scratch folder, so the working tree and the index are never
/// touched; then the side is loaded and resolved like any site.
public struct RevisionReader: Sendable {
    /// The site root in the working tree (`--root`).
    public let root: URL
    public let parser: any MarkdownParsing

    public init(root: URL, parser: any MarkdownParsing = InProcessMarkdownParser()) {
        self.root = root
        self.parser = parser
    }

    /// Loads `side` (named `name`, `old` or `new`, in messages), using `scratch` for an
    /// exported revision. Throws when it cannot be read or its content has errors.
    public func read(_ side: DiffSide, name: String, scratch: URL) async throws -> ResolvedSite {
        try await load(side, name: name, scratch: scratch).site
    }

    /// Like `read`, and also where the side's site root is (in `scratch` for a revision),
    /// e.g. to find its theme; valid until `scratch` is deleted.
    public func load(_ side: DiffSide, name: String, scratch: URL) async throws -> (site: ResolvedSite, root: URL) {
        let siteRoot: URL
        switch side {
        case .directory(let path):
            siteRoot = URL(fileURLWithPath: path)
            try requireSite(siteRoot, name: name, what: "folder '\(path)'")
        case .workingTree:
            siteRoot = root
            try requireSite(siteRoot, name: name, what: "site root '\(root.path)'")
        case .revision(let revision):
            siteRoot = try export(revision, name: name, into: scratch)
        }
        let resolved = Resolver().resolve(await ContentLoader(root: siteRoot, parser: parser).load())
        if resolved.diagnostics.hasErrors {
            throw DiffError.doesNotLoad(side: name, diagnostics: resolved.diagnostics)
        }
        return (resolved, siteRoot)
    }

    private func requireSite(_ url: URL, name: String, what: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiffError.unreadable(side: name, message: "the \(what) does not exist")
        }
    }

    /// Why `revision` cannot be handed to git, if it cannot: one starting with `-` would be
    /// read as an option (`--output=…`, `--upload-pack=…`), whatever follows it.
    public static func problem(withRevision revision: String) -> String? {
        if revision.isEmpty { return "a revision may not be empty" }
        if revision.hasPrefix("-") { return "'\(revision)' is not a revision: a revision may not start with '-' (git would read it as an option)" }
        if revision.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\u{7F}" }) { return "a revision may not contain control characters" }
        return nil
    }

    /// What a site build reads of a site root; nothing else of a revision is exported.
    static let sitePaths = ["shingi.yml", "content", "templates"]

    /// Exports what a build reads of the site root as it is at `revision` (`shingi.yml`,
    /// `content/`, `templates/`, whichever exist) and returns where it now is. The sizes
    /// are checked in git's listing first: a file over the limit is reported, never
    /// extracted (a 1 GiB file compresses to a megabyte in git).
    private func export(_ revision: String, name: String, into scratch: URL) throws -> URL {
        if let problem = Self.problem(withRevision: revision) {
            throw DiffError.unreadable(side: name, message: problem)
        }
        try requireSite(root, name: name, what: "site root '\(root.path)'")
        let top = try git(["-C", root.path, "rev-parse", "--show-toplevel"])
        guard top.status == 0 else {
            throw DiffError.notInGit(side: name, path: root.path)
        }
        let repository = top.output.trimmingCharacters(in: .newlines)
        let prefix = try git(["-C", root.path, "rev-parse", "--show-prefix"]).output.trimmingCharacters(in: .newlines)
        let commit = try git(["-C", repository, "rev-parse", "--verify", "--quiet", "--end-of-options", "\(revision)^{commit}"])
        guard commit.status == 0 else {
            throw DiffError.unreadable(side: name, message: "unknown revision '\(revision)' in the git repository at \(repository)")
        }
        let hash = commit.output.trimmingCharacters(in: .newlines)
        if !prefix.isEmpty, try git(["-C", repository, "cat-file", "-e", "\(hash):\(prefix)"]).status != 0 {
            throw DiffError.unreadable(side: name, message: "the site root '\(prefix)' does not exist at revision '\(revision)'")
        }
        let listing = try git(["-C", repository, "ls-tree", "-r", "-l", "-z", "--full-name", hash, "--"] + Self.sitePaths.map { prefix + $0 })
        guard listing.status == 0 else {
            throw DiffError.unreadable(side: name, message: "could not list revision '\(revision)': \(listing.error.trimmingCharacters(in: .newlines))")
        }
        let files = Self.blobs(inListing: listing.output, prefix: prefix)
        let tree = scratch.appendingPathComponent(name)
        let siteRoot = prefix.isEmpty ? tree : tree.appendingPathComponent(prefix)
        try FileManager.default.createDirectory(at: siteRoot, withIntermediateDirectories: true)
        func extract(_ paths: [String]) throws {
            guard !paths.isEmpty else { return }
            try unpack(hash, paths: paths.map { prefix + $0 }, repository: repository, revision: revision, name: name, scratch: scratch, tree: tree)
        }

        // shingi.yml first, read within the default limit: its own limit applies to the rest.
        var tooLarge: [Diagnostic] = []
        if let config = files["shingi.yml"] {
            if config > Limits.defaultMaxFileSize {
                tooLarge.append(.fileTooLarge(path: "shingi.yml", size: config, limit: Limits.defaultMaxFileSize))
            } else {
                try extract(["shingi.yml"])
            }
        }
        let limit = SiteConfig.load(root: siteRoot).config.maxFileSize
        for (path, size) in files where path != "shingi.yml" && size > limit {
            tooLarge.append(.fileTooLarge(path: path, size: size, limit: limit))
        }
        if !tooLarge.isEmpty { throw DiffError.doesNotLoad(side: name, diagnostics: tooLarge.sorted()) }
        try extract(Self.sitePaths.dropFirst().filter { folder in files.keys.contains { $0 == folder || $0.hasPrefix(folder + "/") } })
        return siteRoot
    }

    /// The entries of `git ls-tree -r -l -z` below the site root, by path relative to it,
    /// with their sizes (links count as the length of their target; submodules are left out).
    static func blobs(inListing listing: String, prefix: String) -> [String: Int] {
        var result: [String: Int] = [:]
        for record in listing.split(separator: "\0") {
            guard let tab = record.firstIndex(of: "\t") else { continue }
            let fields = record[..<tab].split(separator: " ")
            let path = record[record.index(after: tab)...]
            guard fields.count == 4, fields[1] == "blob", let size = Int(fields[3]), path.hasPrefix(prefix) else { continue }
            result[String(path.dropFirst(prefix.count))] = size
        }
        return result
    }

    /// Writes `paths` (relative to the repository) of `hash` into `tree` with git archive and tar.
    private func unpack(_ hash: String, paths: [String], repository: String, revision: String, name: String, scratch: URL, tree: URL) throws {
        let archive = scratch.appendingPathComponent("\(name).tar")
        defer { try? FileManager.default.removeItem(at: archive) }
        let exported = try git(["-C", repository, "archive", "--format=tar", "--output=\(archive.path)", hash, "--"] + paths)
        guard exported.status == 0 else {
            throw DiffError.unreadable(side: name, message: "could not export revision '\(revision)': \(exported.error.trimmingCharacters(in: .newlines))")
        }
        let unpacked = try Self.run(["tar", "-x", "-f", archive.path, "-C", tree.path])
        guard unpacked.status == 0 else {
            throw DiffError.unreadable(side: name, message: "could not unpack revision '\(revision)': \(unpacked.error.trimmingCharacters(in: .newlines))")
        }
    }

    private func git(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        try Self.run(["git"] + arguments)
    }

    /// Runs a program found on PATH and collects its (small) output.
    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }
}
