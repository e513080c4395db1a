import Crypto
import Foundation
import ShingiCore
import ShingiResolve

/// Every comment rendered with `partials/comment` once per language, before the pages
/// that list it are rendered, with how the 意見対応表 and the feeds list it. The variant
/// with its target line (member and meeting pages) is made by filling a marker, not by
/// rendering the comment twice. A preview rebuild keeps those of the comments that did
/// not change.
public struct RenderedComments: Sendable {
    /// A comment in one language: its list item, plain and with its target line, and how
    /// the 意見対応表 and the feeds list it, so that no page assembles a comment again.
    struct Item: Sendable, Equatable {
        var plain: String
        /// The list item with its target line: that line and where it goes in `plain`
        /// (a site's comments are in memory for the whole render, so not twice), or the
        /// whole item when the line does not simply go in between.
        var target: Target
        var listing: CommentListing

        /// The ids of each form: the list item, its target line, its 意見対応表 row.
        var ids: [[String]] {
            let line: [String] = switch target {
            case .inserted(_, let bytes): DuplicateIDs.ids(in: bytes)
            case .whole(let item): DuplicateIDs.ids(in: item.utf8)
            }
            return [DuplicateIDs.ids(in: plain.utf8), line, DuplicateIDs.ids(in: (listing.rowBeforeNumber + (listing.rowAfterNumber ?? "")).utf8)]
        }

        /// Every field, for `digest`: written out, since the item is most of what a
        /// comment's digest costs (`ValueDigest` would reflect on each field).
        func write(to writer: ValueDigest.Writer) {
            writer.text(plain)
            switch target {
            case .inserted(let offset, let line):
                writer.tag("i")
                writer.length(offset)
                writer.raw(line)
            case .whole(let item):
                writer.tag("w")
                writer.text(item)
            }
            writer.text(listing.rowBeforeNumber)
            writer.nested(listing.rowAfterNumber)
            writer.text(listing.cells)
            writer.text(listing.feedEntry)
            writer.nested(listing.date)
            writer.nested(listing.isDraft)
        }

        enum Target: Sendable, Equatable {
            /// Bytes: the place is found byte by byte, and may fall inside a character.
            case inserted(at: Int, [UInt8])
            case whole(String)
        }

        init(plain: String, target: Target, listing: CommentListing) {
            (self.plain, self.target, self.listing) = (plain, target, listing)
        }

        init(plain: String, withTarget: String, listing: CommentListing) {
            self.plain = plain
            self.listing = listing
            let (p, w) = (Array(plain.utf8), Array(withTarget.utf8))
            let prefix = zip(p, w).prefix { $0 == $1 }.count
            let rest = p.count - prefix
            if w.count >= p.count, w.suffix(rest).elementsEqual(p.suffix(rest)) {
                target = .inserted(at: prefix, Array(w[prefix..<(w.count - rest)]))
            } else {
                target = .whole(withTarget)
            }
        }

        /// The length in bytes of what `append` adds.
        func byteCount(showTarget: Bool) -> Int {
            switch (showTarget, target) {
            case (false, _): plain.utf8.count
            case (true, .whole(let html)): html.utf8.count
            case (true, .inserted(_, let line)): plain.utf8.count + line.count
            }
        }

        /// The list item, with its target line or without, as bytes added to `out`.
        func append(showTarget: Bool, to out: inout [UInt8]) {
            switch (showTarget, target) {
            case (false, _): out.append(contentsOf: plain.utf8)
            case (true, .whole(let html)): out.append(contentsOf: html.utf8)
            case (true, .inserted(let offset, let line)):
                let utf8 = plain.utf8
                let middle = utf8.index(utf8.startIndex, offsetBy: offset)
                out.append(contentsOf: utf8[..<middle])
                out.append(contentsOf: line)
                out.append(contentsOf: utf8[middle...])
            }
        }
    }

    /// Each comment's place in the lists of `items`.
    private var places: [String: Int] = [:]
    /// By language, the comments' items at their places (nil: a comment that went away).
    /// Boxed: a page refilled with thousands of comments reads each where it is, and a
    /// rebuild's copy of the lists (the previous render is kept until it succeeds) copies
    /// a reference per comment.
    private var items: [Language: [Box?]] = [:]

    private final class Box: Sendable {
        let item: Item
        init(_ item: Item) { self.item = item }
    }

    private func item(_ id: String, _ language: Language) -> Item? {
        guard let place = places[id] else { return nil }
        return items[language]?[place]?.item
    }

    /// Whether each comment of `changed` has, in every form a page shows it, the ids it had
    /// in `previous`: a page refilled with them then has the ids it had before, so its
    /// duplicate-id check (most of a comment reload's refills) need not run again.
    func haveSameIDs(_ changed: Set<SiteInput>, as previous: RenderedComments) -> Bool {
        changed.allSatisfy { input in
            guard case .renderedComment(let id, let language) = input,
                  let old = previous.item(id, language), let new = item(id, language) else { return false }
            return old.ids == new.ids
        }
    }

    /// Sets a comment's items (none: it went away), keeping the places of the others.
    private mutating func set(_ id: String, _ byLanguage: [Language: Item]) {
        guard !byLanguage.isEmpty else {
            if let place = places.removeValue(forKey: id) { for language in items.keys { items[language]![place] = nil } }
            return
        }
        let count = items.values.first?.count ?? 0
        let place = places[id] ?? count
        places[id] = place
        for language in Set(items.keys).union(byLanguage.keys) {
            // Taken out and put back, so the list is changed in place, not copied.
            var list = items.removeValue(forKey: language) ?? Array(repeating: nil, count: count)
            let box = byLanguage[language].map(Box.init)
            if place == list.count { list.append(box) } else { list[place] = box }
            items[language] = list
        }
    }

    static let empty = RenderedComments()

    /// Stands in the comment for its target line; U+0001 never reaches a page otherwise.
    private static let marker = "\u{1}comment-target\u{1}"

    /// Stands in a page for a comment's HTML while the page's skeleton is rendered; the
    /// `<>` make sure an escaped use of it is not taken for it.
    static func placeholder(_ id: String, showTarget: Bool) -> String {
        "\u{1}<\(id)\(showTarget ? "+" : "")>\u{1}"
    }

    /// Stands in the 意見対応表 for a comment's row numbered `number` (ids have no `#`).
    static func placeholder(_ id: String, row number: Int) -> String {
        "\u{1}<\(id)#\(number)>\u{1}"
    }

    /// A page rendered with placeholders (its skeleton) with each replaced by the
    /// comment's HTML in `language`: the page as rendering it with the comments gives,
    /// for the cost of a copy. Nil when a placeholder names no comment or is malformed.
    func fill(_ skeleton: [UInt8], _ language: Language) -> [UInt8]? {
        let list = items[language] ?? []
        // The pieces first, so that the page is written into a buffer of its exact size
        // (the 意見対応表 is megabytes of rows in a skeleton of kilobytes).
        var pieces: [Piece] = []
        let parsed = skeleton.withUnsafeBufferPointer { buffer -> Bool in
            /// The item of the comment named by `id`'s bytes, when it has one in `language`.
            func box(_ id: Slice<UnsafeBufferPointer<UInt8>>) -> Box? {
                places[String(decoding: id, as: UTF8.self)].flatMap { list[$0] }
            }
            let count = buffer.count
            var start = 0
            while start < count {
                guard let open = buffer.firstOffset(of: 1, from: start) else {
                    pieces.append(.text(start..<count))
                    break
                }
                pieces.append(.text(start..<open))
                guard let close = buffer.firstOffset(of: 1, from: open + 1) else { return false }
                var inner = buffer[(open + 1)..<close]
                guard inner.first == UInt8(ascii: "<"), inner.last == UInt8(ascii: ">") else { return false }
                inner = inner.dropFirst().dropLast()
                if let hash = inner.firstIndex(of: UInt8(ascii: "#")) {
                    guard let number = Int(String(decoding: inner[(hash + 1)...], as: UTF8.self)),
                          let box = box(inner[..<hash]) else { return false }
                    pieces.append(.row(box, number: number))
                } else {
                    let showTarget = inner.last == UInt8(ascii: "+")
                    if showTarget { inner = inner.dropLast() }
                    guard let box = box(inner) else { return false }
                    pieces.append(.item(box, showTarget: showTarget))
                }
                start = close + 1
            }
            return true
        }
        guard parsed else { return nil }
        let size = pieces.reduce(0) { $0 + $1.byteCount }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        defer { assert(out.count == size, "a filled page's size was counted wrong") }
        for piece in pieces {
            switch piece {
            case .text(let range): out.append(contentsOf: skeleton[range])
            case .item(let box, let showTarget): box.item.append(showTarget: showTarget, to: &out)
            case .row(let box, let number): box.item.listing.appendRow(numbered: number, to: &out)
            }
        }
        return out
    }

    /// A stretch of a skeleton, or what fills one of its placeholders.
    private enum Piece {
        case text(Range<Int>)
        case item(Box, showTarget: Bool)
        case row(Box, number: Int)

        var byteCount: Int {
            switch self {
            case .text(let range): range.count
            case .item(let box, let showTarget): box.item.byteCount(showTarget: showTarget)
            case .row(let box, let number): box.item.listing.rowByteCount(numbered: number)
            }
        }
    }

    func html(_ id: String, _ language: Language, showTarget: Bool) -> String {
        guard let item = item(id, language) else { return "" }
        guard showTarget else { return item.plain }
        var bytes: [UInt8] = []
        item.append(showTarget: true, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The digest of every form of a comment in a language: what a page that shows it
    /// read (`SiteInput.renderedComment`), compared between builds.
    func digest(_ id: String, _ language: Language) -> [UInt8] {
        let writer = ValueDigest.Writer()
        item(id, language)?.write(to: writer)
        return Array(SHA256.hash(data: writer.bytes))
    }

    /// Read from its box: the feeds and CSV files take every comment's listing.
    func listing(_ id: String, _ language: Language) -> CommentListing? {
        guard let place = places[id] else { return nil }
        return items[language]?[place]?.item.listing
    }

    /// The comments rendered and, when recording, what each one read.
    struct Result: Sendable {
        var rendered: RenderedComments
        var logs: [String: ReadLog] = [:]
        /// The comments whose HTML in a language is not what it was (all of them without
        /// a previous render): only the pages that show those must change.
        var changed: Set<SiteInput> = []
        /// With a comment cache: every comment's entry, for the next build.
        var cacheEntries: [String: CommentCache.Entry] = [:]
    }

    /// What a comment read, for the cache: its own comment as a whole (it reads all of it,
    /// in both languages; one input, not one per field: a site has thousands of comments),
    /// and the rest as read.
    private static func stored(_ log: ReadLog, of id: String) -> [StoredInput] {
        let own = SiteItem(.comment, id)
        return log.stored.filter { input in
            if case .field(own, _) = input { false } else { true }
        } + [.field(own, "comment")]
    }

    /// The previous build's comments and the values in this site of what they read.
    struct CachedComments: Sendable {
        let cache: CommentCache
        let digests: InputDigests
        /// Where the cache's table starts in the build's (`InputDigests`).
        let offset: Int32

        /// The comment as the previous build rendered it, with what it read (as places in
        /// the build's table), when all of that has the value it had.
        func kept(_ id: String) -> CommentCache.Entry? {
            guard var entry = cache.entries[id] else { return nil }
            if offset != 0 { entry.reads.places = entry.reads.places.map { $0 + offset } }
            return digests.key(entry.reads.places) == entry.reads.key ? entry : nil
        }
    }

    /// Every comment of the site; with `previous`, only those in `changed` are rendered
    /// again and the others are taken from it. With `cached` (a build), a comment whose
    /// stored inputs have the values they had is taken from the comment cache.
    static func render(_ renderer: PageRenderer, reusing previous: RenderedComments? = nil, changed: Set<String> = [],
                       recording: Bool = false, cached: CachedComments? = nil) async -> Result {
        let languages = renderer.site.config.languages
        let marker = Self.marker
        let ids = previous == nil ? renderer.site.unrecorded.comments.map(\.id) : changed.sorted()
        let rendered = await ids.parallelMap { id -> (String, [Language: Item], ReadLog?, PageCache.Reads?) in
            if let entry = cached?.kept(id) { return (id, entry.items, nil, entry.reads) }
            let log = recording || cached != nil ? ReadLog(comparing: recording) : nil
            var renderer = renderer
            renderer.site = renderer.site.recording(into: log)
            // Assembled from the Markdown, never taken from comments rendered before.
            renderer.comments = .empty
            var byLanguage: [Language: Item] = [:]
            guard let comment = renderer.site.comment(id) else { return (id, [:], log, nil) }
            cached?.cache.countRendered()
            for language in languages {
                let p = renderer.presenter(language)
                let context = renderer.commentContext(comment, p, targetLine: marker)
                let response = renderer.responseContext(comment, p)
                let html = renderer.theme.render("partials/comment", Merged(context, response)) ?? ""
                let target = renderer.theme.render("partials/comment-target", renderer.commentTargetContext(comment, p)) ?? ""
                // Tagged here as on the page (LanguageOfParts): a page rendered with
                // placeholders gets its comments after the page's own pass.
                func tagged(_ item: String) -> String { language == .ja ? item : LanguageOfParts.tagJapanese(in: item) }
                let (row, cells) = renderer.responseRow(comment, p, item: context, response: response)
                let listing = CommentListing(row: tagged(row), cells: cells, feedEntry: renderer.feedEntry(comment, p, item: context, response: response),
                                             date: PageRenderer.date(comment, renderer.site), isDraft: comment.isDraft)
                byLanguage[language] = Item(plain: tagged(html.filling(marker, with: "")), withTarget: tagged(html.filling(marker, with: target)),
                                            listing: listing)
            }
            let reads = cached.flatMap { cached in log.map { log in
                let places = cached.digests.places(Self.stored(log, of: id))
                return PageCache.Reads(key: cached.digests.key(places), places: places)
            } }
            return (id, byLanguage, recording ? log : nil, reads)
        }
        var result = Result(rendered: previous ?? RenderedComments())
        for (id, items, log, reads) in rendered {
            if let reads, !items.isEmpty { result.cacheEntries[id] = CommentCache.Entry(reads: reads, items: items) }
            // The list item shows the text and the response, so it changes when they do.
            for language in languages where previous?.item(id, language) != items[language] {
                result.changed.insert(.renderedComment(id, language))
            }
            // A comment that went away leaves no HTML.
            result.rendered.set(id, items)
            if let log { result.logs[id] = log }
        }
        return result
    }
}
