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

    public init(previous: [[UInt8]: String] = [:]) {
        self.previous = previous
    }

    /// The cache file of the site at `root`, inside `directory`.
    public static func file(root: URL, in directory: URL) -> URL {
        CacheFile.url("partials", for: root, in: directory)
    }

    /// What a partial depends on besides its template and context: this program.
    public static func stamp() -> String { CacheFile.programStamp() }

    /// `template` rendered with `context` (whose `t` holds the UI strings in `language`),
    /// from the previous build when it rendered the same.
    func render(_ template: String, _ context: [String: Any], uiStringsIn language: Language, theme: Theme) -> String? {
        guard let key = ContextDigest.key(theme, template, [context], uiStringsIn: language) else { return theme.render(template, context) }
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
    public var changed: Bool {
        rendered.load(ordering: .relaxed) > 0 || used.withLock { $0.count } != previous.count
    }

    /// The cache in `file`; empty when it is missing, foreign or damaged.
    public static func read(_ file: URL, stamp: String) async -> PartialCache {
        guard let (bytes, body) = await CacheFile.read(file, magic: magic, stamp: stamp, maxSize: maxFileSize) else { return PartialCache() }
        var scanner = CacheFile.Scanner(bytes: bytes, offset: body.lowerBound)
        var entries: [[UInt8]: String] = [:]
        guard let count = scanner.count() else { return PartialCache() }
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let key = scanner.range(), let text = scanner.range(),
                  let string = String(validating: bytes[text], as: UTF8.self) else { return PartialCache() }
            entries[Array(bytes[key])] = string
        }
        return scanner.isAtEnd ? PartialCache(previous: entries) : PartialCache()
    }

    /// Replaces `file` with what this build used.
    public func write(to file: URL, stamp: String) async throws {
        let entries = used.withLock { $0 }
        var body: [UInt8] = []
        body.reserveCapacity(entries.reduce(8) { $0 + 16 + $1.key.count + $1.value.utf8.count })
        CacheFile.appendInt(UInt64(entries.count), to: &body)
        // In key order, so the file is the same from run to run.
        for key in entries.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            CacheFile.append(key, to: &body)
            CacheFile.append(entries[key]!.utf8, to: &body)
        }
        try await CacheFile.write(body, to: file, magic: Self.magic, stamp: stamp)
    }
}
