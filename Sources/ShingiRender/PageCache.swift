import Crypto
import Foundation
import ShingiCore

/// The pages of the previous build, used again instead of rendering a page whose
/// templates and context are exactly those it was rendered from.
///
/// After each build the cache file records, for every page, the key it was rendered
/// under (`ContextDigest`: theme, templates and the whole template context) and the
/// SHA-256 of its bytes. The bytes themselves are the previous site in the output folder:
/// a page is taken from there only when its key is the recorded one and the file's
/// SHA-256 is the recorded one, so a page edited, deleted or replaced in the output
/// folder is rendered again. The file is tied to the program that wrote it (the
/// renderer is code too); a foreign or damaged file is not used at all.
public struct PageCache: Sendable {
    public struct Entry: Sendable, Equatable {
        /// What the page was rendered from (`ContextDigest`).
        public var key: [UInt8]
        /// The SHA-256 of the page's bytes.
        public var output: [UInt8]

        public init(key: [UInt8], output: [UInt8]) {
            self.key = key
            self.output = output
        }
    }

    static let magic = Array("shingi page cache 1\n".utf8)
    /// Far more than any site's list of pages (about 80 bytes a page).
    static let maxFileSize = 1 << 28
    /// A page bigger than this is not read back (the largest index pages are a few MB).
    static let maxPageSize = 1 << 28

    /// The previous build's entries, by output path.
    public let entries: [String: Entry]
    /// The output folder holding the previous build.
    public let site: URL

    public init(entries: [String: Entry], site: URL) {
        self.entries = entries
        self.site = site
    }

    /// The cache file of the site built into `output`, inside `directory`.
    public static func file(output: URL, in directory: URL) -> URL {
        CacheFile.url("pages", for: output, in: directory)
    }

    /// What a page depends on besides its templates and context: this program.
    public static func stamp() -> String { CacheFile.programStamp() }

    /// The page at `path` as the previous build wrote it, with its entry, when it was
    /// rendered under `key` and the output folder still holds those very bytes.
    func page(at path: String, key: [UInt8]) -> (bytes: [UInt8], entry: Entry)? {
        guard let entry = entries[path], entry.key == key else { return nil }
        let descriptor = open(site.appendingPathComponent(path).path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size <= Self.maxPageSize,
              let bytes = BlockingIO.read(descriptor, count: Int(info.st_size)),
              Self.digest(bytes) == entry.output else { return nil }
        return (bytes, entry)
    }

    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    /// The entries in `file`, for the previous build in `site`; none when the file is
    /// missing, foreign or damaged.
    public static func read(_ file: URL, stamp: String, site: URL) async -> PageCache {
        var entries: [String: Entry] = [:]
        if let (bytes, body) = await CacheFile.read(file, magic: magic, stamp: stamp, maxSize: maxFileSize) {
            var scanner = CacheFile.Scanner(bytes: bytes, offset: body.lowerBound)
            if let count = scanner.count() {
                for _ in 0..<count {
                    guard let path = scanner.range(), let key = scanner.range(), let output = scanner.range(),
                          let name = String(validating: bytes[path], as: UTF8.self) else { break }
                    entries[name] = Entry(key: Array(bytes[key]), output: Array(bytes[output]))
                }
                // A file that does not parse to its end is not trusted in part.
                if entries.count != count || !scanner.isAtEnd { entries = [:] }
            }
        }
        return PageCache(entries: entries, site: site)
    }

    /// Replaces `file` with `entries`.
    public static func write(_ entries: [String: Entry], to file: URL, stamp: String) async throws {
        let writer = try CacheFile.Writer(file, magic: magic, stamp: stamp)
        writer.appendInt(UInt64(entries.count))
        for path in entries.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            writer.appendBytes(path.utf8)
            writer.appendBytes(entries[path]!.key)
            writer.appendBytes(entries[path]!.output)
        }
        try writer.finish()
    }
}
