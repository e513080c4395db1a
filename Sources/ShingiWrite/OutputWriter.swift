import Foundation
import ShingiCore

/// The Write stage: writes the whole site into a folder beside the output folder, then
/// swaps it in. A failed or interrupted build leaves the previous site as it was.
///
/// The site replaced by a build is kept beside it as `.<output>.previous` (a one-step
/// rollback) and is the folder the next build writes into: its folders are reused and
/// its files replaced. Making thousands of folders afresh, and deleting the old ones,
/// took most of the Write stage's time on ext4.
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
            let all = files + kept + [OutputFile(path: Self.markerName, text: Self.marker)]
            try await Self.prepare(staging, reusing: previous, for: all)
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
            await Self.removeTree(staging)
            throw error
        }
    }

    /// The site before the current one, kept for the next build to write into.
    var previous: URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous")
    }

    /// Makes `staging` an empty tree with the folders of `files`: the kept previous site
    /// emptied of its files and extra folders when it is ours, a new folder otherwise.
    static func prepare(_ staging: URL, reusing previous: URL, for files: [OutputFile]) async throws {
        var directories = Set<String>()
        for file in files {
            var dir = file.path
            while let slash = dir.lastIndex(of: "/") {
                dir = String(dir[..<slash])
                if !directories.insert(dir).inserted { break }
            }
        }
        var info = stat()
        let reusable = lstat(previous.path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            && lstat(previous.path + "/" + markerName, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        // Files go (unlinked, never written into: they may be hard links shared with the
        // current site); so does anything that is not a folder the new site has. If
        // anything stays, the tree is not used: it would be published.
        let reused = reusable && Foundation.rename(previous.path, staging.path) == 0
            && emptyTree(AT_FDCWD, staging.path.utf8CString.map { $0 }, relative: "", keeping: directories)
        if !reused {
            await removeTree(staging)
            guard mkdir(staging.path, 0o755) == 0 else {
                throw WriteError.io("cannot create \(staging.path): \(String(cString: strerror(errno)))")
            }
        }
        // Sorted, a parent comes before its children. One thread: folders made in
        // parallel queue on their parent's lock and cost more CPU than they save.
        for dir in directories.sorted() {
            let path = staging.path + "/" + dir
            guard mkdir(path, 0o755) == 0 || (errno == EEXIST && isRealDirectory(path)) else {
                throw WriteError.io("cannot create \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    private static func isRealDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
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
        // The replaced site becomes the kept previous one (unless a folder that is not
        // ours has that name: then it is deleted).
        if hadPrevious {
            var info = stat()
            if lstat(previous.path, &info) != 0 && errno == ENOENT && Foundation.rename(aside.path, previous.path) == 0 { return }
            await Self.removeTree(aside)
        }
    }

    /// Deletes a tree of our own with POSIX calls, one folder at a time (unlinking in
    /// parallel made the cores queue on each folder's lock). Links are removed, never followed.
    static func removeTree(_ root: URL) async {
        emptyTree(AT_FDCWD, root.path.utf8CString.map { $0 }, relative: "", keeping: [])
        rmdir(root.path)
    }

    /// Removes everything below `name` (opened relative to `parent`) except the folders in
    /// `keeping` (paths relative to the tree's root), which are emptied the same way.
    /// Names are used as the bytes they are, so a name that is not UTF-8 goes too.
    /// Returns false when something could not be removed.
    @discardableResult
    private static func emptyTree(_ parent: Int32, _ name: [CChar], relative: String, keeping: Set<String>) -> Bool {
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        guard let dir = fdopendir(fd) else { close(fd); return false }
        defer { closedir(dir) }
        var complete = true
        var subdirectories: [[CChar]] = []
        while let entry = readdir(dir) {
            let child = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                Array(bytes.prefix { $0 != 0 }.map { CChar(bitPattern: $0) }) + [0]
            }
            if child == [46, 0] || child == [46, 46, 0] { continue }  // "." and ".."
            if entry.pointee.d_type == UInt8(DT_DIR) {
                subdirectories.append(child)
            } else if unlinkat(fd, child, 0) != 0 {
                if errno == EISDIR { subdirectories.append(child) } else { complete = false }
            }
        }
        for child in subdirectories {
            let text = String(validating: child.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let path = text.map { relative.isEmpty ? $0 : relative + "/" + $0 }
            complete = emptyTree(fd, child, relative: path ?? "", keeping: keeping) && complete
            if let path, keeping.contains(path) { continue }
            if unlinkat(fd, child, AT_REMOVEDIR) != 0 { complete = false }
        }
        return complete
    }

    private func rename(_ from: URL, _ to: URL) throws {
        guard Foundation.rename(from.path, to.path) == 0 else {
            throw WriteError.io("cannot move \(from.path) to \(to.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Hard-links `previous` to `target` when it is a regular file with exactly `bytes`.
    static func linkIfUnchanged(_ bytes: [UInt8], from previous: String, to target: String) -> Bool {
        let fd = open(previous, O_RDONLY | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else { return false }
        guard let old = BlockingIO.read(fd, count: bytes.count) else { return false }
        let same = bytes.isEmpty || old.withUnsafeBytes { a in bytes.withUnsafeBytes { b in memcmp(a.baseAddress!, b.baseAddress!, b.count) == 0 } }
        return same && link(previous, target) == 0
    }

    /// Writes with POSIX calls: one open, write and close per file, no temporary copies.
    private static func writeFile(_ bytes: [UInt8], to path: String) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { return "cannot write \(path): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        return BlockingIO.writeAll(fd, bytes) ? nil : "cannot write \(path): \(String(cString: strerror(errno)))"
    }
}
