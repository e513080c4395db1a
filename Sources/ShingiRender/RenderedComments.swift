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

        enum Target: Sendable, Equatable {
            /// Bytes: the place is found byte by byte, and may fall inside a character.
            case inserted(at: Int, [UInt8])
            case whole(String)
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

    private var items: [String: [Language: Item]] = [:]

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
        var out: [UInt8] = []
        out.reserveCapacity(skeleton.count * 4)
        let ok = skeleton.withUnsafeBufferPointer { buffer -> Bool in
            let count = buffer.count
            var start = 0
            while start < count {
                guard let open = buffer.firstOffset(of: 1, from: start) else {
                    out.append(contentsOf: buffer[start..<count])
                    break
                }
                out.append(contentsOf: buffer[start..<open])
                guard let close = buffer.firstOffset(of: 1, from: open + 1) else { return false }
                var inner = buffer[(open + 1)..<close]
                guard inner.first == UInt8(ascii: "<"), inner.last == UInt8(ascii: ">") else { return false }
                inner = inner.dropFirst().dropLast()
                if let hash = inner.firstIndex(of: UInt8(ascii: "#")) {
                    guard let number = Int(String(decoding: inner[(hash + 1)...], as: UTF8.self)),
                          let item = items[String(decoding: inner[..<hash], as: UTF8.self)]?[language] else { return false }
                    item.listing.appendRow(numbered: number, to: &out)
                    start = close + 1
                    continue
                }
                let showTarget = inner.last == UInt8(ascii: "+")
                if showTarget { inner = inner.dropLast() }
                guard let item = items[String(decoding: inner, as: UTF8.self)]?[language] else { return false }
                item.append(showTarget: showTarget, to: &out)
                start = close + 1
            }
            return true
        }
        return ok ? out : nil
    }

    func html(_ id: String, _ language: Language, showTarget: Bool) -> String {
        guard let item = items[id]?[language] else { return "" }
        guard showTarget else { return item.plain }
        var bytes: [UInt8] = []
        item.append(showTarget: true, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    func listing(_ id: String, _ language: Language) -> CommentListing? { items[id]?[language]?.listing }

    /// The comments rendered and, when recording, what each one read.
    struct Result: Sendable {
        var rendered: RenderedComments
        var logs: [String: ReadLog] = [:]
        /// The comments whose HTML in a language is not what it was (all of them without
        /// a previous render): only the pages that show those must change.
        var changed: Set<SiteInput> = []
    }

    /// Every comment of the site; with `previous`, only those in `changed` are rendered
    /// again and the others are taken from it.
    static func render(_ renderer: PageRenderer, reusing previous: RenderedComments? = nil, changed: Set<String> = [],
                       recording: Bool = false) async -> Result {
        let languages = renderer.site.config.languages
        let marker = Self.marker
        let ids = previous == nil ? renderer.site.unrecorded.comments.map(\.id) : changed.sorted()
        let rendered = await ids.parallelMap { id -> (String, [Language: Item], ReadLog?) in
            let log = recording ? ReadLog() : nil
            var renderer = renderer
            renderer.site = renderer.site.recording(into: log)
            // Assembled from the Markdown, never taken from comments rendered before.
            renderer.comments = .empty
            var byLanguage: [Language: Item] = [:]
            guard let comment = renderer.site.comment(id) else { return (id, [:], log) }
            for language in languages {
                let p = renderer.presenter(language)
                let context = renderer.commentContext(comment, p, targetLine: marker)
                let html = renderer.renderPartial("partials/comment", context, language) ?? ""
                let target = renderer.renderPartial("partials/comment-target", renderer.commentTargetContext(comment, p), language) ?? ""
                // Tagged here as on the page (LanguageOfParts): a page rendered with
                // placeholders gets its comments after the page's own pass.
                func tagged(_ item: String) -> String { language == .ja ? item : LanguageOfParts.tagJapanese(in: item) }
                let (row, cells) = renderer.responseRow(comment, p, item: context)
                let listing = CommentListing(row: tagged(row), cells: cells, feedEntry: renderer.feedEntry(comment, p, item: context),
                                             date: PageRenderer.date(comment, renderer.site), isDraft: comment.isDraft)
                byLanguage[language] = Item(plain: tagged(html.filling(marker, with: "")), withTarget: tagged(html.filling(marker, with: target)),
                                            listing: listing)
            }
            return (id, byLanguage, log)
        }
        var result = Result(rendered: previous ?? RenderedComments())
        for (id, items, log) in rendered {
            // The list item shows the text and the response, so it changes when they do.
            for language in languages where previous?.items[id]?[language] != items[language] {
                result.changed.insert(.renderedComment(id, language))
            }
            // A comment that went away leaves no HTML.
            result.rendered.items[id] = items.isEmpty ? nil : items
            if let log { result.logs[id] = log }
        }
        return result
    }
}
