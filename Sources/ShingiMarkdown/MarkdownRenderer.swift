import CCmarkGFM
import Foundation
import ShingiCore

/// The Markdown stage: one file's Markdown in, a `RenderedFragment` out.
///
/// This file and the `TreeRewriter+…` extensions beside it are the only code that
/// touches the cmark-gfm C API. Every tree and buffer is freed before `render` returns;
/// only Swift values leave it.
public enum MarkdownRenderer {
    /// Safe mode (no `CMARK_OPT_UNSAFE`): raw HTML is omitted and `javascript:` URLs dropped.
    static let options: Int32 = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// cmark-gfm 0.29.0.gfm.6 mutates a global character table in `cmark_parser_finish`
    /// (upstream PR #176), so parsing is serialised process-wide; the tree walk and the
    /// HTML rendering, the larger part of the work, stay parallel.
    private static let parseLock = NSLock()

    /// The cmark-gfm library in use, e.g. `0.29.0.gfm.6`: a fragment cached by another
    /// version of the library is not trusted (`FragmentStore`).
    public static var parserVersion: String { String(cString: cmark_version_string()) }

    /// Registers the core extensions exactly once, before any concurrent use.
    private static let registration: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    public static func render(_ input: String) -> RenderedFragment {
        _ = registration
        let sanitised = Placeholder.sanitise(input)
        let hidden = EscapedSyntax.hide(sanitised)
        let markdown = hidden ?? sanitised
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

        var rewriter = TreeRewriter(source: markdown, hasHiddenEscapes: hidden != nil)
        rewriter.rewrite(root)

        guard let cHTML = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else {
            fatalError("cmark_render_html: out of memory")
        }
        defer { free(cHTML) }
        var html = String(cString: cHTML)
        if rewriter.hasLineBreaks { html = html.replacingOccurrences(of: Placeholder.lineBreak, with: "<br>") }
        if rewriter.hasFootnotes { html = FootnoteIDs.namespaced(html) }
        return RenderedFragment(html: html, headings: rewriter.headings,
                                crossLinks: rewriter.crossLinks, footnotes: rewriter.footnotes,
                                problems: rewriter.problems)
    }
}

/// Walks a parsed tree once and applies our extensions on the AST: heading ids and
/// placeholders, cross-link placeholders. Text in code spans and code blocks is never
/// a text node, so it is never touched.
struct TreeRewriter {
    let source: String
    /// Whether `EscapedSyntax.hide` changed the source: its sentinels are restored last.
    let hasHiddenEscapes: Bool
    /// The source's UTF-8, copied once: positions slice lines out of it.
    let sourceBytes: [UInt8]
    let lineStarts: [Int]
    var headings: [Heading] = []
    var crossLinks: [CrossLinkReference] = []
    var footnotes: [FootnoteDefinition] = []
    var problems: [MarkdownProblem] = []
    /// Whether a `<br>` of a table cell was kept (as `Placeholder.lineBreak`).
    var hasLineBreaks = false
    /// Whether the HTML has footnote ids to namespace.
    var hasFootnotes = false
    /// Where the last link the autolink extension made was found, per block, so the
    /// next search for the same text starts after it.
    var autolinkCursor: (block: OpaquePointer?, offset: Int) = (nil, 0)
    private let columns = LineColumns()

    init(source: String, hasHiddenEscapes: Bool = false) {
        self.source = source
        self.hasHiddenEscapes = hasHiddenEscapes
        sourceBytes = Array(source.utf8)
        var starts = [0]
        for (offset, byte) in sourceBytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    mutating func rewrite(_ root: OpaquePointer) {
        cmark_consolidate_text_nodes(root)
        var headingNodes: [OpaquePointer] = []
        var containers: [(node: OpaquePointer, inTableCell: Bool)] = []
        var seenContainers = Set<OpaquePointer>()
        var lineBreaks: [OpaquePointer] = []
        var autolinks: [OpaquePointer] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        var linkDepth = 0
        var cellDepth = 0
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
            if Self.isTableCell(node) { cellDepth += event == CMARK_EVENT_ENTER ? 1 : -1 }
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                linkDepth += event == CMARK_EVENT_ENTER ? 1 : -1
                if event == CMARK_EVENT_ENTER {
                    if type == CMARK_NODE_LINK, isAutolinkExtensionLink(node) { autolinks.append(node) } else { checkURL(of: node, isImage: type == CMARK_NODE_IMAGE) }
                }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            if type == CMARK_NODE_HEADING {
                headingNodes.append(node)
            } else if type == CMARK_NODE_TEXT, linkDepth == 0 {
                // Each container once, in document order (its text nodes are siblings).
                if let parent = cmark_node_parent(node), seenContainers.insert(parent).inserted {
                    containers.append((parent, cellDepth > 0))
                }
            } else if type == CMARK_NODE_TEXT {
                reportCrossLinksInLink(node)
            } else if type == CMARK_NODE_FOOTNOTE_REFERENCE {
                hasFootnotes = true
            } else if type == CMARK_NODE_HTML_INLINE, cellDepth > 0, Self.isLineBreakTag(node) {
                lineBreaks.append(node)
            } else if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE {
                problems.append(MarkdownProblem(
                    isError: false, code: "raw-html-dropped",
                    message: "raw HTML is not published (safe mode); write it as Markdown",
                    position: position(of: node)))
            } else if type == CMARK_NODE_FOOTNOTE_DEFINITION {
                let label = EscapedSyntax.restore(cmark_node_get_literal(node).map { String(cString: $0) } ?? "", decoded: true)
                footnotes.append(FootnoteDefinition(label: label, position: position(of: node)))
                hasFootnotes = true
            }
        }
        for node in lineBreaks { keepLineBreak(node) }
        for node in autolinks { checkAutolink(node) }
        assignHeadingIDs(headingNodes)
        for (container, inTableCell) in containers { replaceCrossLinks(inChildrenOf: container, inTableCell: inTableCell) }
        if crossLinks.count > 1 && containers.count > 1 { renumberCrossLinks(root) }
        if hasHiddenEscapes { restoreEscapes(root) }
        for (index, node) in headingNodes.enumerated() { wrapHeading(node, index: index) }
    }

    // MARK: Line breaks in table cells

    /// `<br>`, `<br/>` or `<br />`: GFM cells hold no blocks, so this is how a cell shows
    /// several lines (as on GitHub). The one raw HTML tag safe mode keeps.
    private static func isLineBreakTag(_ node: OpaquePointer) -> Bool {
        guard let literal = cmark_node_get_literal(node) else { return false }
        return ["<br>", "<br/>", "<br />"].contains(String(cString: literal).lowercased())
    }

    private static func isTableCell(_ node: OpaquePointer) -> Bool {
        guard let name = cmark_node_get_type_string(node) else { return false }
        return strcmp(name, "table_cell") == 0
    }

    /// Replaces the raw HTML node by text holding `Placeholder.lineBreak`, which `render`
    /// turns into `<br>` (a cell may hold only inline nodes, not a custom one).
    private mutating func keepLineBreak(_ node: OpaquePointer) {
        guard let text = cmark_node_new(CMARK_NODE_TEXT) else { return }
        cmark_node_set_literal(text, Placeholder.lineBreak)
        if cmark_node_replace(node, text) == 0 { cmark_node_free(text); return }
        cmark_node_free(node)
        hasLineBreaks = true
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
        var drafts = Set<Int>()
        var used = Set<String>()
        /// The next `-N` to try per base: a file of thousands of equal headings stays linear.
        var nextSuffix: [String: Int] = [:]
        for node in nodes {
            let pos = position(of: node)
            var id: String?
            if let last = lastTextChild(of: node), let literal = literalString(last),
               let split = HeadingAttribute.split(literal) {
                cmark_node_set_literal(last, split.text)
                let attribute = HeadingAttribute.read(split.id)
                for message in attribute.problems {
                    problems.append(MarkdownProblem(isError: true, code: "invalid-heading-attribute", message: message, position: pos))
                }
                if attribute.isDraft { drafts.insert(explicit.count) }
                guard let written = attribute.id else {
                    explicit.append(nil)
                    continue
                }
                let normalised = Slug.normaliseExplicit(written)
                if !Slug.isValidExplicitID(normalised) {
                    problems.append(MarkdownProblem(
                        isError: true, code: "invalid-heading-id",
                        message: "heading id '{#\(written)}' is not usable as an HTML id; use letters, digits, '.', '-' or '_' without spaces",
                        position: pos))
                } else if ReservedIDs.isReserved(normalised) {
                    problems.append(MarkdownProblem(
                        isError: true, code: "reserved-heading-id",
                        message: "heading id '\(normalised)' is taken by the page around the text (layout, comments or footnotes); choose another id",
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
        for (index, (node, id)) in zip(nodes, explicit).enumerated() {
            let text = plainText(of: node)
            var finalID = id ?? Slug.make(text)
            if id == nil {
                if finalID.isEmpty { finalID = "section" }
                // A slug that could be a layout, comment or footnote id is made a section's.
                // (`fn` too: its `-2` would be one.)
                if ReservedIDs.prefixes.contains(where: { (finalID + "-").hasPrefix($0) }) { finalID = "section-" + finalID }
                var candidate = finalID
                var n = nextSuffix[finalID] ?? 2
                while used.contains(candidate) || ReservedIDs.layout.contains(candidate) { candidate = "\(finalID)-\(n)"; n += 1 }
                nextSuffix[finalID] = n
                finalID = candidate
                used.insert(finalID)
            }
            headings.append(Heading(level: Int(cmark_node_get_heading_level(node)), id: finalID, text: text,
                                    isExplicitID: id != nil, isDraft: id != nil && drafts.contains(index), position: position(of: node)))
        }
    }

    /// Replaces the heading by a custom block that prints `<hN id="…">` around the same
    /// children: in safe mode cmark would drop raw HTML, but prints custom blocks.
    private func wrapHeading(_ node: OpaquePointer, index: Int) {
        let heading = headings[index]
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        let id = HTMLEscape.text(heading.id)
        cmark_node_set_on_enter(block, Placeholder.headingStart(index) + "<h\(heading.level) id=\"\(id)\">")
        cmark_node_set_on_exit(block, "<a class=\"heading-anchor\" href=\"#\(id)\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h\(heading.level)>")
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            if cmark_node_append_child(block, child) == 0 { cmark_node_free(child) }
        }
        cmark_node_replace(node, block)
        cmark_node_free(node)
    }

    // MARK: Positions and text

    func literalString(_ node: OpaquePointer) -> String? {
        cmark_node_get_literal(node).map { String(cString: $0) }
    }

    private func lastTextChild(of node: OpaquePointer) -> OpaquePointer? {
        guard let last = cmark_node_last_child(node), cmark_node_get_type(last) == CMARK_NODE_TEXT else { return nil }
        return last
    }

    /// The heading's visible text: text and code literals, cross-links shown by label or id.
    /// An iterator, not recursion: inline nesting is as deep as the file makes it.
    private func plainText(of node: OpaquePointer) -> String {
        let bytes = Array(visibleText(of: node).utf8)
        var shown: [UInt8] = []
        var consumed = 0
        for case .link(let match) in CrossLinkSyntax.scan(bytes) {
            shown += bytes[consumed..<match.range.lowerBound]
            if let label = match.labelRange { shown += bytes[label] } else { shown += Array(match.target.utf8) }
            consumed = match.range.upperBound
        }
        shown += bytes[consumed...]
        return EscapedSyntax.restore(String(decoding: shown, as: UTF8.self), decoded: true).trimmingSpaces
    }

    /// The node's start, with cmark's byte column converted to characters.
    func position(of node: OpaquePointer) -> BodyPosition {
        let line = max(1, Int(cmark_node_get_start_line(node)))
        let byteColumn = max(1, Int(cmark_node_get_start_column(node)))
        return BodyPosition(line: line, column: characterColumn(line: line, byteColumn: byteColumn))
    }

    /// Where `token` really stands: cmark's inline positions can be off after escapes or
    /// entities, so check the source line and search it when they disagree: from the
    /// guess on, then from the start of the line, over the following lines of the
    /// paragraph, within `searchWindow` bytes each (every cross-link of a long line searching
    /// all of it would make the stage quadratic).
    func locate(_ token: String, near start: BodyPosition, byteOffset: Int) -> BodyPosition {
        guard let lineText = lineBytes(start.line) else { return start }
        let startByteColumn = byteColumn(line: start.line, characterColumn: start.column)
        let guess = startByteColumn - 1 + byteOffset
        let tokenBytes = Array(token.utf8)
        if guess >= 0, guess + tokenBytes.count <= lineText.count,
           lineText.dropFirst(guess).prefix(tokenBytes.count).elementsEqual(tokenBytes) {
            return BodyPosition(line: start.line, column: characterColumn(line: start.line, byteColumn: guess + 1))
        }
        let lastLine = min(start.line + 199, lineStarts.count)
        let limit = lastLine < lineStarts.count ? lineStarts[lastLine] : sourceBytes.count
        for from in [lineText.startIndex + min(max(0, guess), lineText.count), lineText.startIndex] {
            let region = sourceBytes[from..<min(limit, from + Self.searchWindow)]
            guard let found = firstRange(of: tokenBytes, in: region) else { continue }
            return offsetPosition(from + found)
        }
        return start
    }

    private static let searchWindow = 4096

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
        let end = line < lineStarts.count ? lineStarts[line] - 1 : sourceBytes.count
        guard start <= end else { return nil }
        return sourceBytes[start..<end]
    }

    /// The characters that start before the byte column, plus one.
    func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard let starts = characterStarts(line) else { return byteColumn }
        let byteOffset = max(0, byteColumn - 1)
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] < byteOffset { low = mid + 1 } else { high = mid }
        }
        return low + 1
    }

    private func byteColumn(line: Int, characterColumn: Int) -> Int {
        guard let starts = characterStarts(line), let bytes = lineBytes(line) else { return characterColumn }
        let index = max(0, characterColumn - 1)
        return (index < starts.count ? starts[index] : bytes.count) + 1
    }

    /// Byte offsets of the line's characters, computed once per line: a long line with
    /// thousands of nodes would otherwise be decoded again for each.
    private func characterStarts(_ line: Int) -> [Int]? {
        if let known = columns.starts[line] { return known }
        guard let bytes = lineBytes(line) else { return nil }
        if let starts = SimpleScalars.starts(bytes) {
            columns.starts[line] = starts
            return starts
        }
        var starts: [Int] = []
        var offset = 0
        for character in String(decoding: bytes, as: UTF8.self) {
            starts.append(offset)
            offset += character.utf8.count
        }
        columns.starts[line] = starts
        return starts
    }
}

/// Per-line character offsets of one render (a class, so the rewriter's non-mutating
/// position lookups can fill it).
private final class LineColumns {
    var starts: [Int: [Int]] = [:]
}
