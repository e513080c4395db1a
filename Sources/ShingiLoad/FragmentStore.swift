import Foundation
import ShingiCore
import ShingiMarkdown

/// The parsed Markdown of the previous build, kept on disk so that a build parses only
/// the bodies that changed since (`MarkdownCache` seeded from it). Each entry holds the
/// exact body it was parsed from, so a hit is an exact match, never a hash guess.
///
/// The file is tied to the program that wrote it (`stamp`: the cmark-gfm version and
/// the executable's identity); another version, a damaged or truncated file, or one that
/// cannot be read is simply not used: the cache can make a build faster, never different.
public enum FragmentStore {
    static let magic = Array("shingi fragment cache 1\n".utf8)
    /// A cache is not worth keeping past this size (the content itself is bounded by
    /// `max_file_size` per file, not in total).
    static let maxFileSize = 1 << 30

    /// The cache file of the site at `root` inside `directory`: one file per site root.
    public static func file(root: URL, in directory: URL) -> URL {
        directory.appendingPathComponent("fragments-" + hex(Array(root.standardizedFileURL.path.utf8).withUnsafeBufferPointer { fnv1a($0) }))
    }

    /// What a fragment depends on besides its Markdown: this program and its cmark-gfm.
    public static func stamp() -> String {
        var info = stat()
        let executable = stat("/proc/self/exe", &info) == 0
            ? "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
            : CommandLine.arguments.first ?? ""
        return "cmark-gfm \(MarkdownRenderer.parserVersion); \(executable)"
    }

    /// The fragments in `url`, or none when it is missing, foreign or damaged.
    public static func read(_ url: URL, stamp: String) async -> [(markdown: String, fragment: RenderedFragment)] {
        guard let bytes = readFile(url), let (sum, body) = header(bytes, stamp: stamp),
              await checksum(bytes[body]) == sum, let entries = entries(bytes, from: body.lowerBound) else { return [] }
        let decoded = await entries.parallelMap { entry -> (markdown: String, fragment: RenderedFragment)? in
            guard let markdown = String(validating: bytes[entry.markdown], as: UTF8.self),
                  let fragment = RenderedFragment(binary: bytes[entry.fragment]) else { return nil }
            return (markdown, fragment)
        }
        // One damaged entry means the file cannot be trusted.
        guard decoded.allSatisfy({ $0 != nil }) else { return [] }
        return decoded.compactMap { $0 }
    }

    /// Replaces `url` with `entries` (atomically: a reader sees the old file or the new one).
    public static func write(_ entries: [(markdown: String, fragment: RenderedFragment)], to url: URL, stamp: String) async throws {
        // In byte order: comparing Strings would normalise non-ASCII text on every comparison.
        let sorted = entries.sorted { $0.markdown.utf8.lexicographicallyPrecedes($1.markdown.utf8) }
        let encoded = await sorted.parallelMap { $0.fragment.binaryEncoded() }
        let size = 8 + zip(sorted, encoded).reduce(0) { $0 + 16 + $1.0.markdown.utf8.count + $1.1.count }
        guard size <= maxFileSize else { return }
        var body: [UInt8] = []
        body.reserveCapacity(size)
        appendInt(UInt64(sorted.count), to: &body)
        for (entry, fragment) in zip(sorted, encoded) {
            appendInt(UInt64(entry.markdown.utf8.count), to: &body)
            body.append(contentsOf: entry.markdown.utf8)
            append(fragment, to: &body)
        }
        var header = magic
        append(Array(stamp.utf8), to: &header)
        appendInt(await checksum(body[...]), to: &header)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard writeFile(temporary.path, [header, body]), rename(temporary.path, url.path) == 0 else {
            let error = CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            unlink(temporary.path)
            throw error
        }
    }

    /// Writes `parts` one after the other into a new file at `path`.
    private static func writeFile(_ path: String, _ parts: [[UInt8]]) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return parts.allSatisfy { BlockingIO.writeAll(descriptor, $0) }
    }

    // MARK: File format: magic, stamp, checksum of the rest, count, then (Markdown,
    // fragment) pairs; every length an 8-byte little-endian integer before its bytes.

    struct Entry: Sendable {
        var markdown: Range<Int>
        var fragment: Range<Int>
    }

    /// Reads 8-byte little-endian integers and length-prefixed ranges of `bytes`.
    private struct Scanner {
        let bytes: [UInt8]
        var offset: Int

        mutating func int() -> UInt64? {
            guard bytes.count - offset >= 8 else { return nil }
            var value: UInt64 = 0
            for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
            offset += 8
            return value
        }

        mutating func range() -> Range<Int>? {
            guard let count = int(), count <= UInt64(bytes.count - offset) else { return nil }
            defer { offset += Int(count) }
            return offset..<offset + Int(count)
        }
    }

    /// The checksum and the range it covers, when the file is a cache of this `stamp`.
    static func header(_ bytes: [UInt8], stamp: String) -> (UInt64, Range<Int>)? {
        guard bytes.starts(with: magic) else { return nil }
        var scanner = Scanner(bytes: bytes, offset: magic.count)
        guard let stampRange = scanner.range(), bytes[stampRange].elementsEqual(stamp.utf8), let sum = scanner.int() else { return nil }
        return (sum, scanner.offset..<bytes.count)
    }

    static func entries(_ bytes: [UInt8], from start: Int) -> [Entry]? {
        var scanner = Scanner(bytes: bytes, offset: start)
        guard let count = scanner.int(), count <= UInt64(bytes.count - scanner.offset) else { return nil }
        var entries: [Entry] = []
        entries.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let markdown = scanner.range(), let fragment = scanner.range() else { return nil }
            entries.append(Entry(markdown: markdown, fragment: fragment))
        }
        return scanner.offset == bytes.count ? entries : nil
    }

    /// FNV-1a of each 1 MiB block (in parallel), then of the blocks' sums: catches a
    /// damaged file; the stored Markdown, not this sum, is what makes a hit exact.
    static func checksum(_ bytes: ArraySlice<UInt8>) async -> UInt64 {
        let block = 1 << 20
        let starts = Array(stride(from: bytes.startIndex, to: bytes.endIndex, by: block))
        let sums = await starts.parallelMap { start in
            bytes[start..<min(start + block, bytes.endIndex)].withUnsafeBufferPointer { fnv1a($0) }
        }
        return sums.withUnsafeBytes { fnv1a($0.bindMemory(to: UInt8.self)) }
    }

    private static func appendInt(_ value: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func append(_ bytes: [UInt8], to out: inout [UInt8]) {
        appendInt(UInt64(bytes.count), to: &out)
        out.append(contentsOf: bytes)
    }

    private static func readFile(_ url: URL) -> [UInt8]? {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size <= maxFileSize else { return nil }
        return BlockingIO.read(descriptor, count: Int(info.st_size))
    }

    /// FNV-1a: stable from run to run (cache file names, checksums), unlike `Hasher`.
    private static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
