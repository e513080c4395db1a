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

    /// Exports the site root as it is at `revision` and returns where it now is.
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
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let archive = scratch.appendingPathComponent("\(name).tar")
        let exported = try git(["-C", repository, "archive", "--format=tar", "--output=\(archive.path)", hash, "--", prefix.isEmpty ? "." : prefix])
        guard exported.status == 0 else {
            throw DiffError.unreadable(side: name, message: "the site root '\(prefix)' does not exist at revision '\(revision)'")
        }
        let tree = scratch.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        let unpacked = try Self.run(["tar", "-x", "-f", archive.path, "-C", tree.path])
        guard unpacked.status == 0 else {
            throw DiffError.unreadable(side: name, message: "could not unpack revision '\(revision)': \(unpacked.error.trimmingCharacters(in: .newlines))")
        }
        try? FileManager.default.removeItem(at: archive)
        return prefix.isEmpty ? tree : tree.appendingPathComponent(prefix)
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
