import CCmarkGFM
import Foundation
import ShingiCore

/// The Markdown stage: one file's Markdown in, a `RenderedFragment` out.
///
/// This is the only file that touches the cmark-gfm C API. Every tree and buffer it
/// allocates is freed before `render` returns; only Swift values leave it.
public enum MarkdownRenderer {
    /// Safe mode (no `CMARK_OPT_UNSAFE`): raw HTML is omitted and `javascript:` URLs dropped.
    static let options: Int32 = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// cmark-gfm 0.29.0.gfm.6 mutates a global character table in `cmark_parser_finish`
    /// (upstream PR #176), so parsing is serialised process-wide; the tree walk and the
    /// HTML rendering, the larger part of the work, stay parallel.
    private static let parseLock = NSLock()

    /// Registers the core extensions exactly once, before any concurrent use.
    private static let registration: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    public static func render(_ input: String) -> RenderedFragment {
        _ = registration
        let markdown = Placeholder.sanitise(input)
        if let position = NestingScan.firstTooDeep(markdown, limit: Limits.maxMarkdownNesting) {
            return RenderedFragment(html: "", headings: [], crossLinks: [], footnotes: [], problems: [TreeRewriter.tooDeep(at: position)])
        }
        guard let parser = cmark_parser_new(options) else { fatalError("cmark_parser_new: out of memory") }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        parseLock.lock()
        var text = markdown
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        let root = cmark_parser_finish(parser)
        parseLock.unlock()
        guard let root else { fatalError("cmark_parser_finish: out of memory") }
        defer { cmark_node_free(root) }

        var rewriter = TreeRewriter(source: markdown)
        rewriter.rewrite(root)

        guard let cHTML = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else {
            fatalError("cmark_render_html: out of memory")
        }
        defer { free(cHTML) }
        return RenderedFragment(html: String(cString: cHTML), headings: rewriter.headings,
                                crossLinks: rewriter.crossLinks, footnotes: rewriter.footnotes,
                                problems: rewriter.problems)
    }
}

/// Walks a parsed tree once and applies our extensions on the AST: heading ids and
/// placeholders, cross-link placeholders. Text in code spans and code blocks is never
/// a text node, so it is never touched.
private struct TreeRewriter {
    /// The body's UTF-8 bytes, and where each line starts in them.
    let source: [UInt8]
    let lineStarts: [Int]
    /// Memo for column conversions, so that many positions on one long line cost one pass.
    private let columns = ColumnMemo()
    var headings: [Heading] = []
    var crossLinks: [CrossLinkReference] = []
    var footnotes: [FootnoteDefinition] = []
    var problems: [MarkdownProblem] = []

    init(source: String) {
        self.source = Array(source.utf8)
        var starts = [0]
        var offset = 0
        for byte in self.source {
            offset += 1
            if byte == UInt8(ascii: "\n") { starts.append(offset) }
        }
        lineStarts = starts
    }

    mutating func rewrite(_ root: OpaquePointer) {
        cmark_consolidate_text_nodes(root)
        var headingNodes: [OpaquePointer] = []
        var textNodes: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        var linkDepth = 0
        var nesting = 0
        var reportedNesting = false
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if Self.nestingTypes.contains(type.rawValue) {
                nesting += event == CMARK_EVENT_ENTER ? 1 : -1
                if nesting > Limits.maxMarkdownNesting && !reportedNesting {
                    problems.append(Self.tooDeep(at: position(of: node)))
                    reportedNesting = true
                }
            }
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                linkDepth += event == CMARK_EVENT_ENTER ? 1 : -1
                if event == CMARK_EVENT_ENTER { checkURL(of: node, isImage: type == CMARK_NODE_IMAGE) }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            if type == CMARK_NODE_HEADING {
                headingNodes.append(node)
            } else if type == CMARK_NODE_TEXT, linkDepth == 0 {
                textNodes.append(node)
            } else if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE {
                problems.append(MarkdownProblem(
                    isError: false, code: "raw-html-dropped",
                    message: "raw HTML is not published (safe mode); write it as Markdown",
                    position: position(of: node)))
            } else if type == CMARK_NODE_FOOTNOTE_DEFINITION {
                let label = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                footnotes.append(FootnoteDefinition(label: label, position: position(of: node)))
            }
        }
        assignHeadingIDs(headingNodes)
        for node in textNodes { replaceCrossLinks(in: node) }
        for (index, node) in headingNodes.enumerated() { wrapHeading(node, index: index) }
    }

    /// The nodes that count as one level of nesting: each is one `>`, list marker,
    /// emphasis or link as written (lists, paragraphs and table parts add none).
    private static let nestingTypes: Set<UInt32> = [
        CMARK_NODE_BLOCK_QUOTE.rawValue, CMARK_NODE_ITEM.rawValue, CMARK_NODE_EMPH.rawValue, CMARK_NODE_STRONG.rawValue,
        CMARK_NODE_LINK.rawValue, CMARK_NODE_IMAGE.rawValue, CMARK_NODE_FOOTNOTE_DEFINITION.rawValue,
    ]

    static func tooDeep(at position: BodyPosition) -> MarkdownProblem {
        MarkdownProblem(isError: true, code: "nesting-too-deep",
                        message: "block quotes, lists, emphasis or links nest more than \(Limits.maxMarkdownNesting) levels deep here; flatten the structure",
                        position: position)
    }

    /// Only http, https, mailto and relative URLs may be linked; cmark's safe mode would
    /// silently empty the worst ones, but the author should hear about every one.
    private mutating func checkURL(of node: OpaquePointer, isImage: Bool) {
        guard let url = cmark_node_get_url(node).map({ String(cString: $0) }), !URLPolicy.isAllowed(url) else { return }
        problems.append(MarkdownProblem(
            isError: true, code: "unsafe-url",
            message: "the \(isImage ? "image" : "link") URL '\(url)' is not an http(s), mailto or relative URL; only those are published",
            position: position(of: node)))
    }

    // MARK: Headings

    /// Explicit ids first (they are what links rely on), then slugs that avoid them.
    private mutating func assignHeadingIDs(_ nodes: [OpaquePointer]) {
        var explicit: [String?] = []
        var used = Set<String>()
        for node in nodes {
            let pos = position(of: node)
            var id: String?
            if let last = lastTextChild(of: node), let literal = literalString(last),
               let split = HeadingAttribute.split(literal) {
                cmark_node_set_literal(last, split.text)
                let normalised = Slug.normaliseExplicit(split.id)
                if !Slug.isValidExplicitID(normalised) {
                    problems.append(MarkdownProblem(
                        isError: true, code: "invalid-heading-id",
                        message: "heading id '{#\(split.id)}' is not usable as an HTML id; use letters, digits, '.', '-' or '_' without spaces",
                        position: pos))
                } else if used.contains(normalised) {
                    problems.append(MarkdownProblem(
                        isError: true, code: "duplicate-heading-id",
                        message: "heading id '\(normalised)' is used twice in this file; give each section its own id",
                        position: pos))
                } else {
                    used.insert(normalised)
                    id = normalised
                }
            }
            explicit.append(id)
        }
        for (node, id) in zip(nodes, explicit) {
            let text = plainText(of: node)
            var finalID = id ?? Slug.make(text)
            if id == nil {
                if finalID.isEmpty { finalID = "section" }
                var candidate = finalID
                var n = 2
                while used.contains(candidate) { candidate = "\(finalID)-\(n)"; n += 1 }
                finalID = candidate
                used.insert(finalID)
            }
            headings.append(Heading(level: Int(cmark_node_get_heading_level(node)), id: finalID, text: text,
                                    isExplicitID: id != nil, position: position(of: node)))
        }
    }

    /// Replaces the heading by a custom block that prints `<hN id="…">` around the same
    /// children: in safe mode cmark would drop raw HTML, but prints custom blocks.
    private func wrapHeading(_ node: OpaquePointer, index: Int) {
        let heading = headings[index]
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        let id = HTMLEscape.text(heading.id)
        cmark_node_set_on_enter(block, Placeholder.headingStart(index) + "<h\(heading.level) id=\"\(id)\">")
        cmark_node_set_on_exit(block, "<a class=\"heading-anchor\" href=\"#\(id)\" aria-hidden=\"true\">#</a></h\(heading.level)>")
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            if cmark_node_append_child(block, child) == 0 { cmark_node_free(child) }
        }
        cmark_node_replace(node, block)
        cmark_node_free(node)
    }

    // MARK: Cross-links

    /// Rewrites the text node's literal with a placeholder for each cross-link. The
    /// placeholder survives HTML escaping (only `&<>"` are escaped) and, unlike a custom
    /// inline node, is allowed everywhere text is, table cells included.
    private mutating func replaceCrossLinks(in node: OpaquePointer) {
        guard let literal = literalString(node), literal.utf8.count >= 5, Self.hasDoubleBracket(literal) else { return }
        let matches = CrossLinkSyntax.matches(in: literal)
        guard !matches.isEmpty else { return }
        let startLine = max(1, Int(cmark_node_get_start_line(node)))
        let startByteColumn = max(1, Int(cmark_node_get_start_column(node)))
        let utf8 = Array(literal.utf8)
        var rewritten = ""
        var consumed = 0
        for match in matches {
            rewritten += String(decoding: utf8[consumed..<match.range.lowerBound], as: UTF8.self)
            rewritten += Placeholder.crossLink(crossLinks.count)
            crossLinks.append(CrossLinkReference(
                kind: match.kind, target: match.target, anchor: match.anchor, label: match.label,
                source: match.source, position: locate(match.source, line: startLine, byteColumn: startByteColumn, byteOffset: match.range.lowerBound)))
            consumed = match.range.upperBound
        }
        rewritten += String(decoding: utf8[consumed...], as: UTF8.self)
        cmark_node_set_literal(node, rewritten)
    }

    /// A byte scan: Foundation's `contains` on every text node of every file is slow.
    private static func hasDoubleBracket(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "[") && previous == byte { return true }
            previous = byte
        }
        return false
    }

    // MARK: Positions and text

    private func literalString(_ node: OpaquePointer) -> String? {
        cmark_node_get_literal(node).map { String(cString: $0) }
    }

    private func lastTextChild(of node: OpaquePointer) -> OpaquePointer? {
        guard let last = cmark_node_last_child(node), cmark_node_get_type(last) == CMARK_NODE_TEXT else { return nil }
        return last
    }

    /// The heading's visible text: text and code literals, cross-links shown by label or id.
    /// Walks with cmark's iterator, not by recursion: a heading may nest emphasis
    /// arbitrarily deep, and a recursive walk would overflow the stack.
    private func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += literalString(current) ?? ""
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        let matches = CrossLinkSyntax.matches(in: text)
        guard !matches.isEmpty else { return text.trimmingSpaces }
        let utf8 = Array(text.utf8)
        var shown = ""
        var consumed = 0
        for match in matches {
            shown += String(decoding: utf8[consumed..<match.range.lowerBound], as: UTF8.self) + (match.label ?? match.target)
            consumed = match.range.upperBound
        }
        shown += String(decoding: utf8[consumed...], as: UTF8.self)
        return shown.trimmingSpaces
    }

    /// The node's start, with cmark's byte column converted to characters.
    private func position(of node: OpaquePointer) -> BodyPosition {
        let line = max(1, Int(cmark_node_get_start_line(node)))
        let byteColumn = max(1, Int(cmark_node_get_start_column(node)))
        return BodyPosition(line: line, column: characterColumn(line: line, byteColumn: byteColumn))
    }

    /// Where `token` really stands: cmark's inline positions can be off after escapes or
    /// entities, so check the source line and search it when they disagree. `line` and
    /// `byteColumn` are where the text node starts, as cmark reports it.
    private func locate(_ token: String, line: Int, byteColumn: Int, byteOffset: Int) -> BodyPosition {
        var start: BodyPosition { BodyPosition(line: line, column: characterColumn(line: line, byteColumn: byteColumn)) }
        guard let lineText = lineBytes(line) else { return start }
        let guess = byteColumn - 1 + byteOffset
        let tokenBytes = Array(token.utf8)
        if guess >= 0, guess + tokenBytes.count <= lineText.count,
           lineText[(lineText.startIndex + guess)...].starts(with: tokenBytes) {
            return BodyPosition(line: line, column: characterColumn(line: line, byteColumn: guess + 1))
        }
        // Search the following lines of the paragraph for the token (once per token: a
        // token written with entities is nowhere in the source).
        guard !columns.notInSource.contains(token) else { return start }
        for candidate in line..<min(line + 200, lineStarts.count + 1) {
            guard let bytes = lineBytes(candidate) else { break }
            if let found = firstRange(of: tokenBytes, in: bytes) {
                return BodyPosition(line: candidate, column: characterColumn(line: candidate, byteColumn: found + 1))
            }
        }
        columns.notInSource.insert(token)
        return start
    }

    private func firstRange(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        let base = haystack.startIndex
        for i in base...(haystack.endIndex - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i - base }
        }
        return nil
    }

    private func lineBytes(_ line: Int) -> ArraySlice<UInt8>? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] - 1 : source.count
        guard start <= end else { return nil }
        return source[start..<end]
    }

    /// The character column of a byte column. Positions are mostly asked for in order, so
    /// the count continues from the last answer on the same line.
    private func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard let bytes = lineBytes(line) else { return byteColumn }
        let target = min(max(0, byteColumn - 1), bytes.count)
        var fromByte = 0, fromCharacter = 1
        if columns.line == line, columns.byte <= target {
            fromByte = columns.byte
            fromCharacter = columns.character
        }
        let counted = String(decoding: bytes[(bytes.startIndex + fromByte)..<(bytes.startIndex + target)], as: UTF8.self).count
        columns.line = line
        columns.byte = target
        columns.character = fromCharacter + counted
        return columns.character
    }
}

/// The last column conversion of a `TreeRewriter` (a class, so the rewriter's
/// non-mutating helpers can update it).
private final class ColumnMemo {
    var line = 0
    /// Byte offset in the line, and the character column it is at.
    var byte = 0
    var character = 1
    var notInSource = Set<String>()
}
