import Foundation
import ShingiCore

/// The Write stage: writes the whole site into a folder beside the output folder, then
/// swaps it in. A failed or interrupted build leaves the previous site as it was.
///
/// The site replaced by a build is kept beside it as `.<output>.previous` (a one-step
/// rollback) and is the folder the next build writes into: its folders are reused and
/// its files replaced. Making thousands of folders afresh, and deleting the old ones,
/// took most of the Write stage's time on ext4.
///
/// shingi replaces or removes only what it wrote itself, as listed in the manifest
/// beside the output folder (`OutputManifest`). Everything else in the output folder
/// (`.git` of a gh-pages checkout, `.well-known/security.txt`, `CNAME`, any file or
/// folder) is carried over into the new site, in place, across any number of builds.
public struct OutputWriter: Sendable {
    public let output: URL

    /// Written into every build by shingi before the manifest existed: a folder holding
    /// it is still recognised as ours (and the marker is removed).
    static let legacyMarkerName = ".shingi-build"

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    public enum WriteError: Error, CustomStringConvertible {
        case unsafePath(String)
        case notOurs(String)
        case symlink(String)
        case occupied(String, String)
        case io(String)

        public var description: String {
            switch self {
            case .unsafePath(let path): return "refusing to write '\(path)': it would land outside the output folder"
            case .notOurs(let path): return "\(path) exists and was not written by shingi; choose another --out, or build into a new folder and move what you keep there (.git, CNAME…) into it: shingi keeps files it did not write"
            case .symlink(let path): return "\(path) is a symbolic link; shingi writes only into a real folder, never through a link: remove the link or choose another --out"
            case .occupied(let output, let path): return "\(output)/\(path) was not written by shingi, and the new site has a page or folder there; move it away (shingi never replaces what it did not write)"
            case .io(let message): return message
            }
        }
    }

    /// Whether `path` stays inside the output folder whatever it contains.
    public static func isContained(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\") && !path.contains("\u{0}") && !path.contains("\n")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }

    /// Writes `files` as the new site: into the kept previous site when it can be reused,
    /// once every file is known (a failed build must not lose it).
    public func write(_ files: [OutputFile]) async throws {
        if let bad = files.first(where: { !Self.isContained($0.path) }) { throw WriteError.unsafePath(bad.path) }
        let paths = files.map(\.path)
        let staging = try await begin(await OutputManifest.read(for: output), checking: paths, reusingPrevious: true)
        let failures = await files.parallelMap { staging.put($0) }
        if let failure = failures.compactMap({ $0 }).first {
            await staging.abandon()
            throw WriteError.io(failure)
        }
        try await staging.commit(paths)
    }

    /// A new folder beside the output that takes the site's files while they are made
    /// (`OutputStaging.put`); nil when the kept previous site would be the folder to
    /// write into: its files go only once the build is known to succeed (`write`).
    public func beginWhileRendering() async throws -> OutputStaging? {
        let manifest = await OutputManifest.read(for: output)
        guard previousFiles(manifest) == nil else { return nil }
        return try await begin(manifest, checking: [], reusingPrevious: false)
    }

    /// The files shingi wrote into the kept previous site; nil when there is none, or it
    /// is not ours to write into.
    private func previousFiles(_ manifest: OutputManifest) -> Set<String>? {
        manifest.files(of: previous.path) ?? Self.legacyFiles(previous.path)
    }

    /// The staging folder, made from the kept previous site when `reusingPrevious` allows;
    /// throws when the output folder is not shingi's, or a file of `paths` would replace
    /// something shingi did not write.
    private func begin(_ manifest: OutputManifest, checking paths: [String], reusingPrevious: Bool) async throws -> OutputStaging {
        let owned = try ownedFiles(manifest)
        let foreign = owned.map { ForeignEntries.find(in: output.path, owned: $0) } ?? []
        try checkUnoccupied(paths, foreign: foreign)
        let parent = output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = OutputStaging(writer: self, folder: parent.appendingPathComponent(".\(output.lastPathComponent).new-\(ProcessInfo.processInfo.processIdentifier)"),
                                    manifest: manifest, owned: owned, foreign: foreign)
        try? FileManager.default.removeItem(at: staging.folder)
        do {
            try await Self.prepare(staging.folder, reusing: previous, owned: reusingPrevious ? previousFiles(manifest) : nil,
                                   directories: Self.directories(of: paths))
        } catch {
            await Self.removeTree(staging.folder)
            throw error
        }
        return staging
    }

    /// Throws when a path of the new site (or one of its folders) is a file or folder
    /// shingi did not write.
    func checkUnoccupied(_ paths: [String], foreign: [String]) throws {
        guard !foreign.isEmpty else { return }
        let files = Set(paths), directories = Self.directories(of: paths)
        if let occupied = foreign.first(where: { files.contains($0) || directories.contains($0) }) {
            throw WriteError.occupied(output.path, occupied)
        }
    }

    /// The files of the live output folder that shingi wrote: nil when there is no output
    /// folder yet. Throws when the folder is a link, or is not shingi's.
    private func ownedFiles(_ manifest: OutputManifest) throws -> Set<String>? {
        var info = stat()
        guard lstat(output.path, &info) == 0 else { return nil }
        if info.st_mode & S_IFMT == S_IFLNK { throw WriteError.symlink(output.path) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw WriteError.notOurs(output.path) }
        if let files = manifest.files(of: output.path) { return files }
        if let files = Self.legacyFiles(output.path) { return files }
        // An empty folder (made for the build) has nothing to lose; a folder of only
        // dot-entries (a home directory, a fresh clone) is not ours.
        guard (try? FileManager.default.contentsOfDirectory(atPath: output.path))?.isEmpty ?? false else { throw WriteError.notOurs(output.path) }
        return []
    }

    /// A folder written by a shingi that kept a marker inside: every file in it but the
    /// top-level dot-entries it used to carry over (`.gitkeep`, `.nojekyll`), which stay.
    static func legacyFiles(_ path: String) -> Set<String>? {
        var info = stat()
        guard lstat(path + "/" + legacyMarkerName, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let all = ForeignEntries.find(in: path, owned: [])
        var files: Set<String> = [legacyMarkerName]
        for entry in all where !entry.hasPrefix(".") { files.formUnion(ForeignEntries.files(below: path, entry)) }
        return files
    }

    /// The folders of the files at `paths`, each listed once.
    static func directories(of paths: [String]) -> Set<String> {
        var directories = Set<String>()
        for path in paths {
            var dir = path
            while let slash = dir.lastIndex(of: "/") {
                dir = String(dir[..<slash])
                if !directories.insert(dir).inserted { break }
            }
        }
        return directories
    }

    /// Moves `entries` (relative paths) from one tree to the other, making their folders;
    /// returns what was moved, so a failure can move it back.
    static func move(_ entries: [String], from source: String, to target: String) throws -> [String] {
        var moved: [String] = []
        for entry in entries {
            if let slash = entry.lastIndex(of: "/") {
                try? FileManager.default.createDirectory(atPath: target + "/" + entry[..<slash], withIntermediateDirectories: true)
            }
            guard Foundation.rename(source + "/" + entry, target + "/" + entry) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = try? move(moved, from: target, to: source)
                throw WriteError.io("cannot carry \(source)/\(entry) over into the new site: \(reason)")
            }
            moved.append(entry)
        }
        return moved
    }

    /// The site before the current one, kept for the next build to write into.
    var previous: URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous")
    }

    /// Makes `staging` an empty tree with `directories`: the kept previous site emptied of
    /// the files shingi wrote there (`owned`) and of extra folders, when it has a record,
    /// a new folder otherwise. If anything stays (something shingi did not write), the
    /// kept site is put back untouched and not used.
    static func prepare(_ staging: URL, reusing previous: URL, owned: Set<String>?, directories: Set<String>) async throws {
        var reused = false
        if let owned, OutputManifest.identity(of: previous.path) != nil, Foundation.rename(previous.path, staging.path) == 0 {
            // Files go (unlinked, never written into: they may be hard links shared with
            // the current site); so does any folder the new site does not have.
            reused = emptyTree(AT_FDCWD, staging.path.utf8CString.map { $0 }, relative: "", keeping: directories, owned: owned)
            if !reused, Foundation.rename(staging.path, previous.path) != 0 {
                throw WriteError.io("cannot put \(previous.path) back: \(String(cString: strerror(errno)))")
            }
        }
        if !reused {
            guard mkdir(staging.path, 0o755) == 0 else {
                throw WriteError.io("cannot create \(staging.path): \(String(cString: strerror(errno)))")
            }
        }
        // Sorted, a parent comes before its children. One thread: folders made in
        // parallel queue on their parent's lock and cost more CPU than they save.
        for dir in directories.sorted() {
            if let failure = makeDirectory(staging.path + "/" + dir) { throw WriteError.io(failure) }
        }
    }

    /// Makes the folder at `path`, or finds it already there as a real folder (not a
    /// link); a message when it can do neither.
    static func makeDirectory(_ path: String) -> String? {
        guard mkdir(path, 0o755) != 0 else { return nil }
        let reason = errno
        var info = stat()
        if reason == EEXIST, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return nil }
        return "cannot create \(path): \(String(cString: strerror(reason)))"
    }

    /// Puts `staging` in place of the output folder; the replaced site (holding only the
    /// files shingi wrote, `owned`, once what it did not write was carried over) becomes
    /// the kept previous site.
    func swapIn(_ staging: URL, owned: Set<String>) async throws {
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
        // ours has that name: then it is deleted, as far as it is shingi's).
        if hadPrevious {
            var info = stat()
            if lstat(previous.path, &info) != 0 && errno == ENOENT && Foundation.rename(aside.path, previous.path) == 0 { return }
            await Self.removeTree(aside, owned: owned)
        }
    }

    /// Deletes a tree with POSIX calls, one folder at a time (unlinking in parallel made
    /// the cores queue on each folder's lock). Links are removed, never followed. With
    /// `owned`, only those files go (and folders left empty); the rest stays.
    static func removeTree(_ root: URL, owned: Set<String>? = nil) async {
        emptyTree(AT_FDCWD, root.path.utf8CString.map { $0 }, relative: "", keeping: [], owned: owned)
        rmdir(root.path)
    }

    /// Removes everything below `name` (opened relative to `parent`) except the folders in
    /// `keeping` (paths relative to the tree's root), which are emptied the same way, and,
    /// when `owned` is given, every file not in it. Names are used as the bytes they are,
    /// so a name that is not UTF-8 goes too (unless only `owned` files may go).
    /// Returns false when something stayed.
    @discardableResult
    private static func emptyTree(_ parent: Int32, _ name: [CChar], relative: String, keeping: Set<String>, owned: Set<String>?) -> Bool {
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
                continue
            }
            if let owned {
                let path = path(of: child, in: relative)
                guard let path, owned.contains(path) else { complete = false; continue }
            }
            if unlinkat(fd, child, 0) != 0 {
                if errno == EISDIR { subdirectories.append(child) } else { complete = false }
            }
        }
        for child in subdirectories {
            let path = path(of: child, in: relative)
            complete = emptyTree(fd, child, relative: path ?? "", keeping: keeping, owned: owned) && complete
            if let path, keeping.contains(path) { continue }
            if unlinkat(fd, child, AT_REMOVEDIR) != 0 { complete = false }
        }
        return complete
    }

    /// The tree-relative path of a name read from a folder; nil when it is not UTF-8.
    private static func path(of child: [CChar], in relative: String) -> String? {
        String(validating: child.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self).map { relative.isEmpty ? $0 : relative + "/" + $0 }
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
    static func writeFile(_ bytes: [UInt8], to path: String) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { return "cannot write \(path): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        return BlockingIO.writeAll(fd, bytes) ? nil : "cannot write \(path): \(String(cString: strerror(errno)))"
    }
}
