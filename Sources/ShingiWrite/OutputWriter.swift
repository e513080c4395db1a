import Foundation
import ShingiCore

/// The Write stage: writes the whole site into a fresh folder beside the output folder,
/// then swaps it in. A failed or interrupted build leaves the previous site as it was;
/// the old tree is moved aside and deleted only after the new one is in place.
public struct OutputWriter: Sendable {
    public let output: URL

    /// Written into every build so a later build knows the folder is ours to replace.
    public static let markerName = ".shingi-build"
    static let marker = "This folder is written by `shingi build` and replaced on every build.\n"

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    public enum WriteError: Error, CustomStringConvertible {
        case unsafePath(String)
        case notOurs(String)
        case symlink(String)
        case io(String)

        public var description: String {
            switch self {
            case .unsafePath(let path): return "refusing to write '\(path)': it would land outside the output folder"
            case .notOurs(let path): return "\(path) exists and was not written by shingi; choose another --out or empty that folder"
            case .symlink(let path): return "\(path) is a symbolic link; shingi writes only into a real folder, never through a link: remove the link or choose another --out"
            case .io(let message): return message
            }
        }
    }

    /// Whether `path` stays inside the output folder whatever it contains.
    public static func isContained(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\") && !path.contains("\u{0}")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }

    public func write(_ files: [OutputFile]) async throws {
        let fm = FileManager.default
        if let bad = files.first(where: { !Self.isContained($0.path) }) { throw WriteError.unsafePath(bad.path) }
        let kept = try previousDotfiles()
        let parent = output.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).new-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            try await Self.makeDirectories(for: files, in: staging.path)
            let all = files + kept + [OutputFile(path: Self.markerName, text: Self.marker)]
            let stagingPath = staging.path
            let previousPath = fm.fileExists(atPath: output.path) ? output.path : nil
            let failures = await all.parallelMap { file -> String? in
                let target = stagingPath + "/" + file.path
                // An unchanged file is linked from the previous build instead of written:
                // no new inode, and its modification time tells deploy tools it is the same.
                if let previousPath, Self.linkIfUnchanged(file.bytes, from: previousPath + "/" + file.path, to: target) { return nil }
                return Self.writeFile(file.bytes, to: target)
            }
            if let failure = failures.compactMap({ $0 }).first { throw WriteError.io(failure) }
            try await swapIn(staging)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }

    /// Top-level dotfiles of the previous output (`.gitkeep`, `.nojekyll`) are kept.
    private func previousDotfiles() throws -> [OutputFile] {
        let fm = FileManager.default
        var info = stat()
        if lstat(output.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { throw WriteError.symlink(output.path) }
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { throw WriteError.notOurs(output.path) }
        let names = try fm.contentsOfDirectory(atPath: output.path)
        let isOurs = names.contains(Self.markerName) || names.allSatisfy { $0.hasPrefix(".") }
        guard isOurs else { throw WriteError.notOurs(output.path) }
        return names.sorted().filter { $0.hasPrefix(".") && $0 != Self.markerName }.compactMap { name in
            let path = output.appendingPathComponent(name).path
            var dir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &dir), !dir.boolValue, let data = fm.contents(atPath: path) else { return nil }
            return OutputFile(path: name, bytes: Array(data))
        }
    }

    private func swapIn(_ staging: URL) async throws {
        let fm = FileManager.default
        let aside = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: aside)
        let hadPrevious = fm.fileExists(atPath: output.path)
        if hadPrevious { try rename(output, aside) }
        do {
            try rename(staging, output)
        } catch {
            if hadPrevious { try? rename(aside, output) }
            throw error
        }
        if hadPrevious { await Self.removeTree(aside) }
    }

    /// Deletes a tree with its files unlinked on all cores: the old site has as many
    /// files as the new one.
    static func removeTree(_ root: URL) async {
        let fm = FileManager.default
        var files: [String] = []
        if let enumerator = fm.enumerator(atPath: root.path) {
            while let relative = enumerator.nextObject() as? String {
                if enumerator.fileAttributes?[.type] as? FileAttributeType != .typeDirectory {
                    files.append(root.path + "/" + relative)
                }
            }
        }
        _ = await files.parallelMap { unlink($0) }
        try? fm.removeItem(at: root)
    }

    private func rename(_ from: URL, _ to: URL) throws {
        guard Foundation.rename(from.path, to.path) == 0 else {
            throw WriteError.io("cannot move \(from.path) to \(to.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Creates the folders of `files` below `root`, one depth level at a time (parents
    /// first), each level on all cores.
    static func makeDirectories(for files: [OutputFile], in root: String) async throws {
        var directories = Set<String>()
        for file in files {
            var dir = file.path
            while let slash = dir.lastIndex(of: "/") {
                dir = String(dir[..<slash])
                if !directories.insert(dir).inserted { break }
            }
        }
        let levels = Dictionary(grouping: directories) { $0.count { $0 == "/" } }
        for depth in levels.keys.sorted() {
            let failures = await levels[depth]!.sorted().parallelMap { dir -> String? in
                let path = root + "/" + dir
                return mkdir(path, 0o755) == 0 || errno == EEXIST ? nil : "cannot create \(path): \(String(cString: strerror(errno)))"
            }
            if let failure = failures.compactMap({ $0 }).first { throw WriteError.io(failure) }
        }
    }

    /// Hard-links `previous` to `target` when it is a regular file with exactly `bytes`.
    static func linkIfUnchanged(_ bytes: [UInt8], from previous: String, to target: String) -> Bool {
        let fd = open(previous, O_RDONLY | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else { return false }
        var old = [UInt8](repeating: 0, count: bytes.count)
        var done = 0
        while done < old.count {
            let n = old.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, bytes.count - done) }
            guard n > 0 else { return false }
            done += n
        }
        return old == bytes && link(previous, target) == 0
    }

    /// Writes with POSIX calls: one open, write and close per file, no temporary copies.
    private static func writeFile(_ bytes: [UInt8], to path: String) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { return "cannot write \(path): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, bytes.count - written) }
            guard n > 0 else { return "cannot write \(path): \(String(cString: strerror(errno)))" }
            written += n
        }
        return nil
    }
}
