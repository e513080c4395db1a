import Foundation
import ShingiCore

/// What shingi wrote, kept beside the output folder (`.<output>.manifest`), never inside
/// it: the output folder holds the site and nothing a web server should not serve.
///
/// It lists the files of each tree shingi wrote (the live site and the kept previous
/// one), keyed by the folder's device and inode: a folder moved by `mv` (a rollback
/// from `.site.previous`) is still recognised, and a folder made anew by someone else is
/// not (unless it still holds every file of a record: a copy). A folder with a record is "ours"; within it, only the listed files are shingi's
/// to replace or remove, and everything else (`.git`, `.well-known/`, `CNAME`) is kept.
struct OutputManifest: Sendable {
    struct Identity: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    var trees: [Identity: Set<String>] = [:]

    static let magic = Array("shingi output manifest\n".utf8)
    /// The format's version (not the program's: a new shingi must still own the folder).
    static let version = "1"

    static func url(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).manifest")
    }

    /// The folder at `path`, not following a link; nil when it is not a real folder.
    static func identity(of path: String) -> Identity? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The files shingi wrote into the folder at `path`, or nil when it has no record.
    /// A folder copied with its manifest (`cp -a` of a whole project) has a new inode:
    /// it is recognised when it still holds every file of a record (the largest such).
    func files(of path: String) -> Set<String>? {
        guard let identity = Self.identity(of: path) else { return nil }
        if let files = trees[identity] { return files }
        return trees.values.filter { !$0.isEmpty && $0.allSatisfy { Self.isRegularFile(path + "/" + $0) } }.max { $0.count < $1.count }
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// The manifest beside `output`; empty when there is none or it is damaged.
    static func read(for output: URL) async -> OutputManifest {
        guard let (bytes, body) = await CacheFile.read(url(for: output), magic: magic, stamp: version, maxSize: 1 << 30) else { return OutputManifest() }
        var scanner = CacheFile.Scanner(bytes: bytes, offset: body.lowerBound)
        var manifest = OutputManifest()
        while !scanner.isAtEnd {
            guard let device = scanner.int(), let inode = scanner.int(), let count = scanner.count() else { return OutputManifest() }
            var files = Set<String>()
            for _ in 0..<count {
                guard let range = scanner.range() else { return OutputManifest() }
                files.insert(String(decoding: bytes[range], as: UTF8.self))
            }
            manifest.trees[Identity(device: device, inode: inode)] = files
        }
        return manifest
    }

    func write(for output: URL) async throws {
        let writer = try CacheFile.Writer(Self.url(for: output), magic: Self.magic, stamp: Self.version)
        for identity in trees.keys.sorted(by: { ($0.device, $0.inode) < ($1.device, $1.inode) }) {
            let files = trees[identity]!.sorted()
            writer.appendInt(identity.device)
            writer.appendInt(identity.inode)
            writer.appendInt(UInt64(files.count))
            for file in files { writer.appendBytes(file.utf8) }
        }
        try writer.finish()
    }
}
