import Foundation
import ShingiCore
import Synchronization

/// The partials rendered by code before the pages (each comment's list item and target
/// line, in each language), kept from the previous build by what they were rendered
/// from: the theme and the whole context (`ContextDigest`). A partial whose key is known
/// is not rendered again. The file is tied to the program that wrote it; a foreign or
/// damaged file is not used at all.
public final class PartialCache: Sendable {
    static let magic = Array("shingi partial cache 1\n".utf8)
    static let maxFileSize = 1 << 30

    private let previous: [[UInt8]: String]
    /// What this build used or rendered: the next build's cache.
    private let used = Mutex<[[UInt8]: String]>([:])
    private let rendered = Atomic<Int>(0)
    /// Where `save` puts the next build's cache: the file this one was read from.
    private let file: (url: URL, stamp: String)?

    init(previous: [[UInt8]: String] = [:], file: (url: URL, stamp: String)? = nil) {
        self.previous = previous
        self.file = file
    }

    /// The cache file of the site at `root`, inside `directory`.
    public static func file(root: URL, in directory: URL) -> URL {
        CacheFile.url("partials", for: root, in: directory)
    }

    /// What a partial depends on besides its template and context: this program.
    public static func stamp() -> String { CacheFile.programStamp() }

    /// `template` rendered with `context`, from the previous build when it rendered the same.
    func render(_ template: String, _ context: some TemplateContext, theme: Theme) -> String? {
        let key = ContextDigest.key(theme, template, context)
        if let text = previous[key] {
            used.withLock { $0[key] = text }
            return text
        }
        guard let text = theme.render(template, context) else { return nil }
        rendered.add(1, ordering: .relaxed)
        used.withLock { $0[key] = text }
        return text
    }

    /// How many partials this build rendered (the others came from the cache).
    public var renderedCount: Int { rendered.load(ordering: .relaxed) }

    /// Whether this build's entries differ from the file's: something was rendered, or
    /// something kept is no longer used.
    var changed: Bool {
        rendered.load(ordering: .relaxed) > 0 || used.withLock { $0.count } != previous.count
    }

    /// The cache in `file`; empty when it is missing, foreign or damaged.
    public static func read(_ file: URL, stamp: String) async -> PartialCache {
        let empty = PartialCache(file: (file, stamp))
        guard let (bytes, body) = await CacheFile.read(file, magic: magic, stamp: stamp, maxSize: maxFileSize) else { return empty }
        var scanner = CacheFile.Scanner(bytes: bytes, offset: body.lowerBound)
        var entries: [[UInt8]: String] = [:]
        guard let count = scanner.count() else { return empty }
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let key = scanner.range(), let text = scanner.range(),
                  let string = String(validating: bytes[text], as: UTF8.self) else { return empty }
            entries[Array(bytes[key])] = string
        }
        return scanner.isAtEnd ? PartialCache(previous: entries, file: (file, stamp)) : empty
    }

    /// Once the build has rendered every partial (before its pages): replaces the file
    /// with what this build used, when that changed, and lets those entries go; they are
    /// most of the comments' HTML, which the render holds once more for the pages. Only
    /// speed is lost when the file cannot be written.
    func save() async {
        let changed = self.changed
        let entries = used.withLock { entries in
            defer { entries = [:] }
            return entries
        }
        guard let file, changed else { return }
        try? Self.write(entries, to: file.url, stamp: file.stamp)
    }

    private static func write(_ entries: [[UInt8]: String], to file: URL, stamp: String) throws {
        let writer = try CacheFile.Writer(file, magic: Self.magic, stamp: stamp)
        writer.appendInt(UInt64(entries.count))
        // In key order, so the file is the same from run to run.
        for key in entries.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            writer.appendBytes(key)
            writer.appendBytes(entries[key]!.utf8)
        }
        try writer.finish()
    }
}
