import Foundation
import ShingiCore
import Synchronization

/// The comments the previous build rendered: each one's forms in every language
/// (`RenderedComments.Item`: list item, target line, 意見対応表 row, CSV cells, feed
/// entry), kept with what it read (`StoredInput`) and the key of those values, as the
/// page cache keeps pages. A comment is rendered again only when something it read has
/// another value. The comments do not depend on the output folder: one file per site.
/// The file is tied to the program that wrote it; a foreign or damaged file is not used
/// at all.
public final class CommentCache: Sendable {
    struct Entry: Sendable {
        var reads: PageCache.Reads
        var items: [Language: RenderedComments.Item]
    }

    static let magic = Array("shingi comment cache 1\n".utf8)
    static let maxFileSize = 1 << 30

    /// The previous build's comments, by id.
    let entries: [String: Entry]
    /// Everything they read, each once: their `Reads` name places in it.
    let inputs: [StoredInput]
    /// Where `save` puts the next build's cache: the file this one was read from.
    private let file: (url: URL, stamp: String)?
    private let rendered = Atomic<Int>(0)

    init(entries: [String: Entry] = [:], inputs: [StoredInput] = [], file: (url: URL, stamp: String)? = nil) {
        self.entries = entries
        self.inputs = inputs
        self.file = file
    }

    /// The cache file of the site at `root`, inside `directory`.
    public static func file(root: URL, in directory: URL) -> URL {
        CacheFile.url("comments", for: root, in: directory)
    }

    /// What a comment depends on besides what it reads: this program.
    public static func stamp() -> String { CacheFile.programStamp() }

    /// How many comments this build rendered (the others came from the cache).
    public var renderedCount: Int { rendered.load(ordering: .relaxed) }

    func countRendered() { rendered.add(1, ordering: .relaxed) }

    /// The cache in `file`; empty when it is missing, foreign or damaged.
    public static func read(_ file: URL, stamp: String) async -> CommentCache {
        guard let (bytes, body) = await CacheFile.read(file, magic: magic, stamp: stamp, maxSize: maxFileSize),
              let (entries, inputs) = parse(bytes, from: body.lowerBound) else { return CommentCache(file: (file, stamp)) }
        return CommentCache(entries: entries, inputs: inputs, file: (file, stamp))
    }

    private static func parse(_ bytes: [UInt8], from offset: Int) -> ([String: Entry], [StoredInput])? {
        var scanner = CacheFile.Scanner(bytes: bytes, offset: offset)
        guard let inputs = StoredInput.table(&scanner), let count = scanner.count() else { return nil }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let id = scanner.text(), let key = scanner.range(), let places = StoredInput.places(&scanner, count: inputs.count),
                  let languages = scanner.count() else { return nil }
            var items: [Language: RenderedComments.Item] = [:]
            for _ in 0..<languages {
                guard let language = scanner.text().flatMap(Language.init(rawValue:)), let item = RenderedComments.Item(&scanner) else { return nil }
                items[language] = item
            }
            entries[id] = Entry(reads: PageCache.Reads(key: Array(bytes[key]), places: places), items: items)
        }
        guard entries.count == count, scanner.isAtEnd else { return nil }
        return (entries, inputs)
    }

    /// Replaces the file with `entries`, whose places are in `inputs`, when any comment
    /// was rendered or went away. Only speed is lost when the file cannot be written.
    func save(_ entries: [String: Entry], inputs: PageCache.Inputs) async {
        guard let file, renderedCount > 0 || entries.count != self.entries.count else { return }
        let ids = entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let (header, renumbering) = StoredInput.header(inputs.inputs, reads: ids.map { entries[$0]!.reads.places })
        guard let writer = try? CacheFile.Writer(file.url, magic: Self.magic, stamp: file.stamp) else { return }
        writer.append(header)
        for id in ids {
            let entry = entries[id]!
            var record: [UInt8] = []
            CacheFile.appendText(id, to: &record)
            CacheFile.appendInt(UInt64(entry.reads.key.count), to: &record)
            record += entry.reads.key
            StoredInput.append(entry.reads.places, renumbering, to: &record)
            CacheFile.appendInt(UInt64(entry.items.count), to: &record)
            for language in entry.items.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
                CacheFile.appendText(language.rawValue, to: &record)
                entry.items[language]!.append(to: &record)
            }
            writer.append(record)
        }
        try? writer.finish()
    }
}

/// A comment's forms in one language as the comment cache writes them.
extension RenderedComments.Item {
    func append(to bytes: inout [UInt8]) {
        CacheFile.appendText(plain, to: &bytes)
        switch target {
        case .inserted(let offset, let line):
            CacheFile.appendInt(0, to: &bytes)
            CacheFile.appendInt(UInt64(offset), to: &bytes)
            CacheFile.appendInt(UInt64(line.count), to: &bytes)
            bytes += line
        case .whole(let item):
            CacheFile.appendInt(1, to: &bytes)
            CacheFile.appendText(item, to: &bytes)
        }
        CacheFile.appendText(listing.rowBeforeNumber, to: &bytes)
        CacheFile.appendInt(listing.rowAfterNumber == nil ? 0 : 1, to: &bytes)
        CacheFile.appendText(listing.rowAfterNumber ?? "", to: &bytes)
        CacheFile.appendText(listing.cells, to: &bytes)
        CacheFile.appendText(listing.feedEntry, to: &bytes)
        // A date is its year, month and day, 0 where it has none (months and days start at 1).
        for part in [listing.date?.year, listing.date?.month, listing.date?.day] { CacheFile.appendInt(UInt64(part ?? 0), to: &bytes) }
        CacheFile.appendInt(listing.isDraft ? 1 : 0, to: &bytes)
    }

    /// The item `append` wrote; nil when it does not read back.
    init?(_ scanner: inout CacheFile.Scanner) {
        guard let plain = scanner.text(), let kind = scanner.int() else { return nil }
        let target: Target
        switch kind {
        case 0:
            guard let offset = scanner.int(), let line = scanner.range(), Int(offset) <= plain.utf8.count else { return nil }
            target = .inserted(at: Int(offset), Array(scanner.bytes[line]))
        case 1:
            guard let item = scanner.text() else { return nil }
            target = .whole(item)
        default: return nil
        }
        guard let before = scanner.text(), let hasAfter = scanner.int(), let after = scanner.text(), let cells = scanner.text(),
              let feedEntry = scanner.text(), let year = scanner.int(), let month = scanner.int(), let day = scanner.int(),
              let isDraft = scanner.int() else { return nil }
        let date = year == 0 ? nil : ISODate(year: Int(year), month: month == 0 ? nil : Int(month), day: day == 0 ? nil : Int(day))
        let listing = CommentListing(rowBeforeNumber: before, rowAfterNumber: hasAfter == 1 ? after : nil, cells: cells,
                                     feedEntry: feedEntry, date: date, isDraft: isDraft == 1)
        self.init(plain: plain, target: target, listing: listing)
    }
}
