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
        CacheFile.url("fragments", for: root, in: directory)
    }

    /// What a fragment depends on besides its Markdown: this program and its cmark-gfm.
    public static func stamp() -> String {
        "cmark-gfm \(MarkdownRenderer.parserVersion); \(CacheFile.programStamp())"
    }

    /// The fragments in `url`, or none when it is missing, foreign or damaged.
    public static func read(_ url: URL, stamp: String) async -> [(markdown: String, fragment: RenderedFragment)] {
        guard let (bytes, body) = await CacheFile.read(url, magic: magic, stamp: stamp, maxSize: maxFileSize),
              let entries = entries(bytes, from: body.lowerBound) else { return [] }
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
        let writer = try CacheFile.Writer(url, magic: magic, stamp: stamp)
        writer.appendInt(UInt64(sorted.count))
        // Encoded a slice at a time (each slice in parallel) and written as it goes: the
        // encoded fragments of a large site are never all in memory at once.
        for start in stride(from: 0, to: sorted.count, by: 1024) {
            let slice = sorted[start..<min(start + 1024, sorted.count)]
            for (entry, fragment) in zip(slice, await Array(slice).parallelMap { $0.fragment.binaryEncoded() }) {
                writer.appendBytes(entry.markdown.utf8)
                writer.appendBytes(fragment)
            }
            // A file too large to be worth reading back is not written (the old one stays).
            guard writer.size <= maxFileSize else { return }
        }
        try writer.finish()
    }

    // MARK: Body (inside `CacheFile`'s frame): count, then (Markdown, fragment) pairs.

    struct Entry: Sendable {
        var markdown: Range<Int>
        var fragment: Range<Int>
    }

    static func entries(_ bytes: [UInt8], from start: Int) -> [Entry]? {
        var scanner = CacheFile.Scanner(bytes: bytes, offset: start)
        guard let count = scanner.count() else { return nil }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let markdown = scanner.range(), let fragment = scanner.range() else { return nil }
            entries.append(Entry(markdown: markdown, fragment: fragment))
        }
        return scanner.isAtEnd ? entries : nil
    }
}
