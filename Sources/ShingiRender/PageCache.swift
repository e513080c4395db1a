import Crypto
import Foundation
import ShingiCore

/// The pages of the previous build, used again instead of rendering a page when
/// everything it read has the value it had then.
///
/// After each build the cache file records, for every page, what it read (its
/// `StoredInput`s, recorded while it rendered), the key those inputs' values gave
/// (`InputDigests`: with the theme, shingi.yml and the options every page depends on)
/// and the SHA-256 of its bytes. The next build computes the key of the same inputs in
/// the new site; only when it is the recorded one is the page taken, and only from the
/// previous site in the output folder whose file still has the recorded SHA-256, so a
/// page edited, deleted or replaced there is rendered again. The file is tied to the
/// program that wrote it (the renderer is code too); a foreign or damaged file is not
/// used at all.
public struct PageCache: Sendable {
    /// What a page read, as places in the table of inputs (`inputs`, `InputDigests`), and
    /// the key of those inputs' values (`InputDigests.key`).
    public struct Reads: Sendable, Equatable {
        public var key: [UInt8]
        var places: [Int32]
    }

    /// The inputs that `Reads` name by their places.
    public struct Inputs: Sendable {
        let inputs: [StoredInput]
        init(_ inputs: [StoredInput]) { self.inputs = inputs }
        public init() { inputs = [] }
    }

    public struct Entry: Sendable, Equatable {
        public var reads: Reads
        /// The SHA-256 of the page's bytes.
        public var output: [UInt8]

        public init(reads: Reads, output: [UInt8]) {
            self.reads = reads
            self.output = output
        }
    }

    static let magic = Array("shingi page cache 2\n".utf8)
    /// Far more than any site's list of pages and what they read (a few hundred bytes a
    /// page; the 意見対応表 of the whole site names every comment).
    static let maxFileSize = 1 << 30
    /// A page bigger than this is not read back (the largest index pages are a few MB).
    static let maxPageSize = 1 << 28

    /// The previous build's entries, by output path.
    public let entries: [String: Entry]
    /// Everything its pages read, each once: their `Reads` name places in it.
    let inputs: [StoredInput]
    /// The output folder holding the previous build.
    public let site: URL

    init(entries: [String: Entry], inputs: [StoredInput], site: URL) {
        self.entries = entries
        self.inputs = inputs
        self.site = site
    }

    /// The cache file of the site built into `output`, inside `directory`.
    public static func file(output: URL, in directory: URL) -> URL {
        CacheFile.url("pages", for: output, in: directory)
    }

    /// What a page depends on besides its templates and context: this program.
    public static func stamp() -> String { CacheFile.programStamp() }

    /// The page at `path` as the previous build wrote it, with its entry, when what it
    /// read has the values it had (`digests`) and the output folder still holds those
    /// very bytes.
    func page(at path: String, _ digests: InputDigests) -> (bytes: [UInt8], entry: Entry)? {
        guard let entry = entries[path], digests.key(entry.reads.places) == entry.reads.key else { return nil }
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
        guard let (bytes, body) = await CacheFile.read(file, magic: magic, stamp: stamp, maxSize: maxFileSize),
              let (entries, inputs) = parse(bytes, from: body.lowerBound) else { return PageCache(entries: [:], inputs: [], site: site) }
        return PageCache(entries: entries, inputs: inputs, site: site)
    }

    /// The table of inputs, then each page's path, key, output digest and places; nil
    /// unless all of it reads back (a file is not trusted in part).
    private static func parse(_ bytes: [UInt8], from offset: Int) -> ([String: Entry], [StoredInput])? {
        var scanner = CacheFile.Scanner(bytes: bytes, offset: offset)
        guard let inputs = StoredInput.table(&scanner), let count = scanner.count() else { return nil }
        var entries: [String: Entry] = [:]
        for _ in 0..<count {
            guard let path = scanner.range(), let key = scanner.range(), let output = scanner.range(),
                  let name = String(validating: bytes[path], as: UTF8.self),
                  let places = StoredInput.places(&scanner, count: inputs.count) else { return nil }
            entries[name] = Entry(reads: Reads(key: Array(bytes[key]), places: places), output: Array(bytes[output]))
        }
        guard entries.count == count, scanner.isAtEnd else { return nil }
        return (entries, inputs)
    }

    /// Replaces `file` with `entries`, whose places are in `inputs`; only the inputs some
    /// page read are kept.
    public static func write(_ entries: [String: Entry], inputs: Inputs, to file: URL, stamp: String) async throws {
        let paths = entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        // Put together in memory and written in a few large pieces: half a million inputs
        // written one call each cost more than the build that read them.
        let (header, renumbering) = StoredInput.header(inputs.inputs, reads: paths.map { entries[$0]!.reads.places })
        let writer = try CacheFile.Writer(file, magic: magic, stamp: stamp)
        writer.append(header)
        for path in paths {
            let entry = entries[path]!
            var record: [UInt8] = []
            for bytes in [Array(path.utf8), entry.reads.key, entry.output] {
                CacheFile.appendInt(UInt64(bytes.count), to: &record)
                record.append(contentsOf: bytes)
            }
            StoredInput.append(entry.reads.places, renumbering, to: &record)
            writer.append(record)
        }
        try writer.finish()
    }
}
