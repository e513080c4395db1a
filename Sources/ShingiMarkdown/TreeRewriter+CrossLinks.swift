import CCmarkGFM
import Foundation
import ShingiCore

/// Cross-links on the AST. A cross-link is found in the children of one inline container
/// (paragraph, heading, cell, emphasis): its `[[kind:target` in one text node, its label
/// free to hold emphasis, code and line breaks. Without a label it becomes one placeholder;
/// with one, the label's nodes stay in the tree between an opening and a closing
/// placeholder, so cmark renders the label and the render stage wraps it in the link.
extension TreeRewriter {
    /// One child of the container and where its bytes start in the scanned text.
    private struct Piece {
        var node: OpaquePointer
        var isText: Bool
        var start: Int
        var bytes: [UInt8]
    }

    /// Inline nodes a label may hold besides text.
    private static let labelTypes: Set<String> = ["emph", "strong", "code", "strikethrough", "softbreak", "linebreak"]

    mutating func replaceCrossLinks(inChildrenOf container: OpaquePointer, inTableCell: Bool) {
        var pieces: [Piece] = []
        var scanned: [UInt8] = []
        var child = cmark_node_first_child(container)
        var hasOpening = false
        while let node = child {
            let type = cmark_node_get_type(node)
            var bytes: [UInt8]
            if type == CMARK_NODE_TEXT {
                bytes = Array((literalString(node) ?? "").utf8)
                // In a cell the bar must be escaped (`\|`) not to end the cell: there it separates the label.
                if inTableCell, bytes.contains(1) {
                    let restored = Self.unhideBars(bytes)
                    if restored != bytes { bytes = restored; cmark_node_set_literal(node, String(decoding: bytes, as: UTF8.self)) }
                }
                hasOpening = hasOpening || Self.hasDoubleBracket(bytes)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                bytes = [UInt8(ascii: " ")]
            } else {
                bytes = [CrossLinkSyntax.inlineMarker]
            }
            pieces.append(Piece(node: node, isText: type == CMARK_NODE_TEXT, start: scanned.count, bytes: bytes))
            scanned += bytes
            child = cmark_node_next(node)
        }
        guard hasOpening else { return }
        let found = CrossLinkSyntax.scan(scanned)
        // Last first: each edit leaves the offsets of the earlier matches valid.
        var edits: [(Int, CrossLinkSyntax.Match, Int)] = []
        for item in found {
            switch item {
            case .link(let match):
                guard let a = Self.piece(containing: match.range.lowerBound, in: pieces), pieces[a].isText else { continue }
                let position = locateMatch(pieces[a], at: match.range.lowerBound, headEnd: match.headEnd)
                if let problem = problemOf(match, pieces: pieces, a: a) {
                    report(problem, source: plainText(of: pieces, range: match.range), at: position)
                    continue
                }
                let label = match.labelRange.map { plainText(of: pieces, range: $0) }
                let useLabel = label.map { !$0.isEmpty } ?? false
                let index = crossLinks.count
                let target = EscapedSyntax.restore(match.target, decoded: true)
                let anchor = match.anchor.map { EscapedSyntax.restore($0, decoded: true) }
                let head = EscapedSyntax.restore(String(decoding: scanned[(match.range.lowerBound + 2)..<match.headEnd], as: UTF8.self), decoded: true)
                crossLinks.append(CrossLinkReference(
                    kind: match.kind, target: target, anchor: anchor, label: useLabel ? label : nil,
                    source: "[[\(head)\(label.map { "|\($0)" } ?? "")]]", position: position))
                var edited = match
                if !useLabel { edited.labelRange = nil }
                edits.append((a, edited, index))
            case .notALink(let range, let word):
                guard let a = Self.piece(containing: range.lowerBound, in: pieces) else { continue }
                let source = plainText(of: pieces, range: range)
                problems.append(MarkdownProblem(
                    isError: false, code: "not-a-cross-link",
                    message: "'\(source)' is left as text: '\(word)' is not a link kind (\(CrossLinkKind.allCases.map(\.rawValue).joined(separator: ", "))); write \\[\\[ to show double brackets without this warning",
                    position: locateMatch(pieces[a], at: range.lowerBound, headEnd: range.upperBound)))
            case .invalid(let range, let message):
                guard let a = Self.piece(containing: range.lowerBound, in: pieces) else { continue }
                report(message, source: plainText(of: pieces, range: range), at: locateMatch(pieces[a], at: range.lowerBound, headEnd: range.upperBound))
            }
        }
        var replacements: [Int: [(range: Range<Int>, text: String)]] = [:]
        for (a, match, index) in edits {
            for (piece, range, text) in Self.replacements(match, index: index, pieces: pieces, a: a) {
                replacements[piece, default: []].append((range, text))
            }
        }
        for (piece, list) in replacements {
            let bytes = pieces[piece].bytes
            var text = ""
            var consumed = 0
            for (range, replacement) in list.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                text += String(decoding: bytes[consumed..<range.lowerBound], as: UTF8.self) + replacement
                consumed = range.upperBound
            }
            text += String(decoding: bytes[consumed...], as: UTF8.self)
            cmark_node_set_literal(pieces[piece].node, text)
        }
    }

    /// The piece whose bytes hold `offset` (a binary search: a container may have many).
    private static func piece(containing offset: Int, in pieces: [Piece]) -> Int? {
        var low = 0, high = pieces.count
        while low < high {
            let mid = (low + high) / 2
            if pieces[mid].start <= offset { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }

    /// Numbers the cross-links in reading order: containers are scanned one by one, so a
    /// link inside emphasis got its number after the links around the emphasis. (Citations
    /// are numbered in reading order.)
    mutating func renumberCrossLinks(_ root: OpaquePointer) {
        var order: [Int] = []
        var seen = Set<Int>()
        var nodes: [(OpaquePointer, [UInt8])] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_TEXT else { continue }
            let bytes = Array((literalString(node) ?? "").utf8)
            guard bytes.contains(1) else { continue }
            nodes.append((node, bytes))
            for (kind, number, _) in Self.linkPlaceholders(bytes) where kind != UInt8(ascii: "C") && seen.insert(number).inserted {
                order.append(number)
            }
        }
        guard order != Array(order.indices) else { return }
        var newIndex = [Int](repeating: 0, count: crossLinks.count)
        for (new, old) in order.enumerated() { newIndex[old] = new }
        crossLinks = order.map { crossLinks[$0] }
        for (node, bytes) in nodes {
            var out: [UInt8] = []
            var consumed = 0
            for (kind, number, range) in Self.linkPlaceholders(bytes) {
                out += bytes[consumed..<range.lowerBound]
                out += [1, kind] + Array(String(newIndex[number]).utf8) + [1]
                consumed = range.upperBound
            }
            out += bytes[consumed...]
            cmark_node_set_literal(node, String(decoding: out, as: UTF8.self))
        }
    }

    /// The cross-link placeholders (L, O, C) in text, with their numbers and byte ranges.
    private static func linkPlaceholders(_ bytes: [UInt8]) -> [(kind: UInt8, number: Int, range: Range<Int>)] {
        var result: [(kind: UInt8, number: Int, range: Range<Int>)] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 1, let length = Placeholder.length(bytes, at: i) else { i += 1; continue }
            let kind = bytes[i + 1]
            if "LOC".utf8.contains(kind), let number = Int(String(decoding: bytes[(i + 2)..<(i + length - 1)], as: UTF8.self)) {
                result.append((kind, number, i..<(i + length)))
            }
            i += length
        }
        return result
    }

    /// A cross-link in the text of a link cannot become a link (links do not nest): an
    /// error rather than text that silently stays as written.
    mutating func reportCrossLinksInLink(_ node: OpaquePointer) {
        let bytes = Array((literalString(node) ?? "").utf8)
        guard Self.hasDoubleBracket(bytes) else { return }
        let piece = Piece(node: node, isText: true, start: 0, bytes: bytes)
        for case .link(let match) in CrossLinkSyntax.scan(bytes) {
            report("is inside the text of a link, and a link cannot hold another; take it out of the [text](url)",
                   source: EscapedSyntax.restore(String(decoding: bytes[match.range], as: UTF8.self), decoded: true),
                   at: locateMatch(piece, at: match.range.lowerBound, headEnd: match.headEnd))
        }
    }

    private mutating func report(_ message: String, source: String, at position: BodyPosition) {
        var text = source
        if text.count > 60 { text = String(text.prefix(60)) + "…" }
        problems.append(MarkdownProblem(isError: true, code: "invalid-cross-link", message: "cross-link '\(text)' \(message)", position: position))
    }

    /// Why the match cannot be rendered as a link, if it cannot.
    private func problemOf(_ match: CrossLinkSyntax.Match, pieces: [Piece], a: Int) -> String? {
        let first = pieces[a]
        guard match.headEnd <= first.start + first.bytes.count else {
            return "has its kind and target across lines or inline markup; keep '[[\(match.kind):…' up to the '|' on one line"
        }
        guard let label = match.labelRange else { return nil }
        for piece in pieces where !piece.isText && piece.start >= label.lowerBound && piece.start < label.upperBound {
            let name = cmark_node_get_type_string(piece.node).map { String(cString: $0) } ?? "?"
            if !Self.labelTypes.contains(name) || containsLinkLike(piece.node) {
                return "has a link, image, footnote, raw HTML or another cross-link in its label; a label may hold emphasis, code and line breaks only"
            }
        }
        return nil
    }

    /// Whether emphasis (or the like) holds a link, image, footnote reference, raw HTML or
    /// a cross-link.
    private func containsLinkLike(_ node: OpaquePointer) -> Bool {
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE || type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_FOOTNOTE_REFERENCE {
                return true
            }
            // A cross-link in emphasis of the label would be a link inside the link (it may
            // span nodes there, so any `[[` counts).
            if type == CMARK_NODE_TEXT, Self.hasDoubleBracket(Array((literalString(current) ?? "").utf8)) {
                return true
            }
        }
        return false
    }

    /// The label's visible text: text as written, other nodes by their text, breaks as spaces.
    private func plainText(of pieces: [Piece], range: Range<Int>) -> String {
        var text = ""
        for piece in pieces where piece.start < range.upperBound && piece.start + piece.bytes.count > range.lowerBound {
            if piece.isText || piece.bytes == [UInt8(ascii: " ")] {
                let low = max(range.lowerBound - piece.start, 0), high = min(range.upperBound - piece.start, piece.bytes.count)
                text += String(decoding: piece.bytes[low..<high], as: UTF8.self)
            } else {
                text += visibleText(of: piece.node)
            }
        }
        return EscapedSyntax.restore(text, decoded: true)
    }

    /// What the match replaces in its text nodes (piece, byte range in the piece, text):
    /// the whole `[[…]]` by a placeholder, or what is around the label by the opening and
    /// the closing placeholder. Applied to each node at once: a line of thousands of
    /// cross-links stays linear.
    private static func replacements(_ match: CrossLinkSyntax.Match, index: Int, pieces: [Piece], a: Int) -> [(Int, Range<Int>, String)] {
        let first = pieces[a]
        let start = match.range.lowerBound - first.start
        guard let label = match.labelRange else {
            return [(a, start..<(match.range.upperBound - first.start), Placeholder.crossLink(index))]
        }
        guard let b = piece(containing: match.range.upperBound - 2, in: pieces), pieces[b].isText else { return [] }
        let last = pieces[b]
        let labelStart = min(first.bytes.count, label.lowerBound - first.start)
        let labelEnd = max(0, label.upperBound - last.start)
        return [(a, start..<labelStart, Placeholder.crossLinkOpen(index)),
                (b, labelEnd..<(match.range.upperBound - last.start), Placeholder.crossLinkClose(index))]
    }

    /// Where the match stands in the source, searched from the text node's position with
    /// the match's text up to its `|` (the rest may span nodes).
    private func locateMatch(_ piece: Piece, at offset: Int, headEnd: Int) -> BodyPosition {
        let start = offset - piece.start
        let end = min(piece.bytes.count, max(start, headEnd - piece.start))
        var token = Array(piece.bytes[start..<end])
        if let bar = token.firstIndex(of: UInt8(ascii: "|")) { token = Array(token[..<bar]) }
        return locate(String(decoding: token, as: UTF8.self), near: position(of: piece.node), byteOffset: start)
    }

    /// Text and code of a node and its descendants, breaks as spaces.
    func visibleText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += literalString(current) ?? ""
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }

    /// U+0001 U+0006 (an escaped bar) back to `|`.
    private static func unhideBars(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 1, i + 1 < bytes.count, bytes[i + 1] == 6 { out.append(UInt8(ascii: "|")); i += 2 } else { out.append(bytes[i]); i += 1 }
        }
        return out
    }

    /// A byte scan: Foundation's `contains` on every text node of every file is slow.
    static func hasDoubleBracket(_ bytes: [UInt8]) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "[") && previous == byte { return true }
            previous = byte
        }
        return false
    }
}
