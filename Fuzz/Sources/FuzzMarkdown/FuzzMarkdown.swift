#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import ShingiCore
import ShingiMarkdown

/// libFuzzer entry point: the input as a Markdown body, the way the loader hands it to the
/// Markdown stage (lossy UTF-8, no byte-order mark, CRLF and lone CR folded to LF), rendered
/// once; every invariant of `RenderedFragment` is checked and a violation traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    let body = loaderText(bytes)
    onSmallStack {
        let fragment = MarkdownRenderer.render(body)
        FragmentInvariants(body: body, fragment: fragment).check()
    }
    return 0
}

/// The build renders on worker threads; here the stack is small enough that recursion as
/// deep as the input overflows within `-max_len` (8 kB of `**` is 2,000 levels), as it
/// would with a large file on a full-size stack.
let smallStackSize = 128 * 1024

private final class Job {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

func onSmallStack(_ body: @escaping () -> Void) {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, smallStackSize)
    let job = Unmanaged.passRetained(Job(body)).toOpaque()
    #if canImport(Glibc)
    var thread = pthread_t()
    #else
    var thread: pthread_t?
    #endif
    let created = pthread_create(&thread, &attributes, { raw in
        // A stack of its own for signal handlers, so that an overflow is reported (and its
        // input saved) by the sanitizer's handler instead of killing the process silently.
        let altStackSize = 64 * 1024
        let altStack = UnsafeMutableRawPointer.allocate(byteCount: altStackSize, alignment: 16)
        var stack = stack_t()
        stack.ss_sp = altStack
        stack.ss_size = altStackSize
        sigaltstack(&stack, nil)
        Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue().body()
        var disable = stack_t()
        disable.ss_flags = Int32(SS_DISABLE)
        sigaltstack(&disable, nil)
        altStack.deallocate()
        return nil
    }, job)
    guard created == 0 else { fatalError("pthread_create: \(created)") }
    #if canImport(Glibc)
    pthread_join(thread, nil)
    #else
    pthread_join(thread!, nil)
    #endif
}

/// What `SourceText.decode` makes of a file's bytes, for bytes that are not UTF-8 too.
func loaderText(_ bytes: [UInt8]) -> String {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    var text = String(decoding: body, as: UTF8.self)
    if text.utf8.contains(UInt8(ascii: "\r")) {
        var folded: [UInt8] = []
        folded.reserveCapacity(text.utf8.count)
        var previousCR = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\r") {
                folded.append(UInt8(ascii: "\n"))
                previousCR = true
                continue
            }
            if !(byte == UInt8(ascii: "\n") && previousCR) { folded.append(byte) }
            previousCR = false
        }
        text = String(decoding: folded, as: UTF8.self)
    }
    return text
}

func fail(_ message: String) -> Never {
    fatalError("shingi fuzz invariant violated: \(message)")
}

struct FragmentInvariants {
    let body: String
    let fragment: RenderedFragment
    /// Characters per line of the body (lines split at LF).
    let lineLengths: [Int]

    static let allowedTags: Set<String> = [
        "p", "blockquote", "ul", "ol", "li", "pre", "code", "hr", "br", "em", "strong", "a", "img",
        "del", "table", "thead", "tbody", "tr", "th", "td", "input", "sup", "section",
        "h1", "h2", "h3", "h4", "h5", "h6",
    ]
    static let allowedAttributes: Set<String> = [
        "id", "href", "src", "alt", "title", "class", "align", "type", "checked", "disabled", "start",
        "aria-hidden", "aria-label", "data-footnotes", "data-footnote-ref", "data-footnote-backref",
        "data-footnote-backref-idx",
    ]
    static let problemCodes: Set<String> = [
        "raw-html-dropped", "unsafe-url", "invalid-heading-id", "duplicate-heading-id", "reserved-heading-id",
        "not-a-cross-link", "invalid-cross-link", "unlinked-url", "url-end-unclear", "nesting-too-deep",
    ]

    init(body: String, fragment: RenderedFragment) {
        self.body = body
        self.fragment = fragment
        lineLengths = body.split(separator: "\n", omittingEmptySubsequences: false).map(\.count)
    }

    func check() {
        checkHeadings()
        checkCrossLinks()
        for footnote in fragment.footnotes { checkPosition(footnote.position, "footnote [^\(footnote.label)]") }
        for problem in fragment.problems {
            if !Self.problemCodes.contains(problem.code) { fail("unknown problem code \(problem.code)") }
            checkPosition(problem.position, "problem \(problem.code)")
        }
        checkHTML()
    }

    func checkPosition(_ position: BodyPosition, _ what: String) {
        guard position.line >= 1, position.line <= lineLengths.count else {
            fail("\(what): line \(position.line) outside 1...\(lineLengths.count)")
        }
        guard position.column >= 1, position.column <= lineLengths[position.line - 1] + 1 else {
            fail("\(what): column \(position.column) outside line \(position.line) of \(lineLengths[position.line - 1]) characters")
        }
    }

    func checkHeadings() {
        var ids = Set<String>()
        for heading in fragment.headings {
            if !(1...6).contains(heading.level) { fail("heading level \(heading.level)") }
            if heading.id.isEmpty { fail("empty heading id") }
            if !ids.insert(heading.id).inserted { fail("duplicate heading id '\(heading.id)'") }
            if !Slug.isValidExplicitID(heading.id) { fail("heading id '\(heading.id)' is not a usable HTML id") }
            if heading.text.unicodeScalars.contains("\u{1}") || heading.id.unicodeScalars.contains("\u{1}") {
                fail("placeholder delimiter in heading '\(heading.text)'")
            }
            if !heading.isExplicitID {
                let base = Slug.make(heading.text).isEmpty ? "section" : Slug.make(heading.text)
                // A slug that could be a footnote's or comment's id is made a section's (ReservedIDs).
                let shown = ReservedIDs.prefixes.contains { (base + "-").hasPrefix($0) } ? "section-" + base : base
                if !(heading.id == shown || heading.id.hasPrefix(shown + "-")) {
                    fail("automatic heading id '\(heading.id)' is not the slug '\(base)' of '\(heading.text)'")
                }
            }
            checkPosition(heading.position, "heading '\(heading.text)'")
        }
    }

    func checkCrossLinks() {
        for link in fragment.crossLinks {
            if !(link.source.hasPrefix("[[") && link.source.hasSuffix("]]")) { fail("cross-link source '\(link.source)'") }
            if link.kind.isEmpty || !link.kind.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || $0 == "-" }) {
                fail("cross-link kind '\(link.kind)'")
            }
            for part in [link.kind, link.target, link.anchor ?? "", link.label ?? "", link.source]
            where part.unicodeScalars.contains("\u{1}") {
                fail("placeholder delimiter in cross-link '\(link.source)'")
            }
            checkPosition(link.position, "cross-link \(link.source)")
        }
    }

    // MARK: HTML

    /// Walks the HTML: text, tags and placeholders. Only tags and attributes that cmark-gfm
    /// and the heading wrapper print are allowed; U+0001 only in well-formed placeholders,
    /// each cross-link and heading exactly once and in order; no script URLs.
    func checkHTML() {
        let html = Array(fragment.html.utf8)
        var i = 0
        var nextLink = 0
        var nextHeading = 0
        var openLink: Int?
        let hasUnsafeURLProblem = fragment.problems.contains { $0.code == "unsafe-url" }
        while i < html.count {
            let byte = html[i]
            switch byte {
            case 1:
                // A footnote namespace mark: only right after `fn-` / `fnref-` in an id or link.
                if html[i...].starts(with: Array("\u{1}N\u{1}".utf8)) {
                    let before = String(decoding: html[max(0, i - 14)..<i], as: UTF8.self)
                    guard before.hasSuffix("\"fn-") || before.hasSuffix("#fn-") || before.hasSuffix("fnref-") else { fail("stray footnote mark at byte \(i)") }
                    i += 3
                    continue
                }
                guard i + 2 < html.count, "LHOC".utf8.contains(html[i + 1]) else {
                    fail("stray U+0001 at byte \(i)")
                }
                var j = i + 2
                var number = 0
                while j < html.count, (0x30...0x39).contains(html[j]), j - i < 12 {
                    number = number * 10 + Int(html[j] - 0x30)
                    j += 1
                }
                guard j > i + 2, j < html.count, html[j] == 1 else { fail("malformed placeholder at byte \(i)") }
                if html[i + 1] == UInt8(ascii: "L") || html[i + 1] == UInt8(ascii: "O") {
                    // A whole link, or the opening of a labelled one (its closing follows).
                    guard number == nextLink, number < fragment.crossLinks.count, openLink == nil else {
                        fail("cross-link placeholder \(number), expected \(nextLink) of \(fragment.crossLinks.count)")
                    }
                    if html[i + 1] == UInt8(ascii: "O") { openLink = number }
                    nextLink += 1
                    i = j + 1
                } else if html[i + 1] == UInt8(ascii: "C") {
                    guard openLink == number else { fail("closing placeholder \(number) without its opening") }
                    openLink = nil
                    i = j + 1
                } else {
                    guard number == nextHeading, number < fragment.headings.count else {
                        fail("heading placeholder \(number), expected \(nextHeading) of \(fragment.headings.count)")
                    }
                    let heading = fragment.headings[number]
                    let open = Array("<h\(heading.level) id=\"\(HTMLEscape.text(heading.id))\">".utf8)
                    guard html[(j + 1)...].starts(with: open) else { fail("heading placeholder \(number) not followed by \(String(decoding: open, as: UTF8.self))") }
                    nextHeading += 1
                    i = j + 1
                }
            case UInt8(ascii: "<"):
                i = checkTag(html, at: i, hasUnsafeURLProblem: hasUnsafeURLProblem)
            case UInt8(ascii: ">"), UInt8(ascii: "\""):
                fail("unescaped '\(Character(Unicode.Scalar(byte)))' in text at byte \(i)")
            case UInt8(ascii: "&"):
                guard let end = entityEnd(html, at: i) else { fail("bare '&' in text at byte \(i)") }
                i = end
            default:
                i += 1
            }
        }
        if let openLink { fail("cross-link \(openLink) opened but not closed") }
        if nextLink != fragment.crossLinks.count { fail("\(fragment.crossLinks.count) cross-links but \(nextLink) placeholders") }
        if nextHeading != fragment.headings.count { fail("\(fragment.headings.count) headings but \(nextHeading) placeholders") }
    }

    /// The index after `&name;`, `&#123;` or `&#x1F;` at `i`, or nil.
    func entityEnd(_ html: [UInt8], at i: Int) -> Int? {
        var j = i + 1
        while j < html.count, j - i <= 32, isAlnum(html[j]) || html[j] == UInt8(ascii: "#") { j += 1 }
        guard j > i + 1, j < html.count, html[j] == UInt8(ascii: ";") else { return nil }
        return j + 1
    }

    func isAlnum(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }

    /// Checks the tag starting at `i` and returns the index after it.
    func checkTag(_ html: [UInt8], at start: Int, hasUnsafeURLProblem: Bool) -> Int {
        let comment = Array("<!-- raw HTML omitted -->".utf8)
        if html[start...].starts(with: comment) { return start + comment.count }
        var i = start + 1
        if i < html.count, html[i] == UInt8(ascii: "/") { i += 1 }
        let nameStart = i
        while i < html.count, isAlnum(html[i]) { i += 1 }
        let name = String(decoding: html[nameStart..<i], as: UTF8.self)
        if !Self.allowedTags.contains(name) { fail("tag <\(name) at byte \(start)") }
        while true {
            while i < html.count, html[i] == UInt8(ascii: " ") { i += 1 }
            guard i < html.count else { fail("unterminated tag <\(name)") }
            if html[i] == UInt8(ascii: ">") { return i + 1 }
            if html[i...].starts(with: Array("/>".utf8)) { return i + 2 }
            let attrStart = i
            while i < html.count, isAlnum(html[i]) || html[i] == UInt8(ascii: "-") { i += 1 }
            let attr = String(decoding: html[attrStart..<i], as: UTF8.self)
            if !Self.allowedAttributes.contains(attr) { fail("attribute '\(attr)' in <\(name)> at byte \(start)") }
            guard i < html.count else { fail("unterminated tag <\(name)") }
            if html[i] != UInt8(ascii: "=") { continue }
            guard i + 1 < html.count, html[i + 1] == UInt8(ascii: "\"") else { fail("unquoted attribute \(attr) in <\(name)>") }
            let valueStart = i + 2
            guard let close = html[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { fail("unterminated attribute \(attr)") }
            var rawValue = html[valueStart..<close]
            // The footnote namespace mark, right after `fn-` / `fnref-` of an id or a same-page link.
            for prefix in ["fn-", "#fn-", "fnref-", "#fnref-"] where (attr == "id" || attr == "href") && rawValue.starts(with: Array((prefix + "\u{1}N\u{1}").utf8)) {
                rawValue = ArraySlice(Array(prefix.utf8) + rawValue.dropFirst(prefix.utf8.count + 3))
            }
            if rawValue.contains(UInt8(ascii: "<")) || rawValue.contains(1) {
                fail("'<' or U+0001 in attribute \(attr) of <\(name)>")
            }
            if attr == "href" || attr == "src" {
                let url = decodeEntities(String(decoding: rawValue, as: UTF8.self))
                if let scheme = browserScheme(url), !["http", "https", "mailto"].contains(scheme) {
                    if scheme == "javascript" || scheme == "vbscript" { fail("\(scheme): URL in \(attr): \(url)") }
                    if !hasUnsafeURLProblem { fail("\(scheme): URL in \(attr) without an unsafe-url problem: \(url)") }
                }
            }
            i = close + 1
        }
    }

    /// The scheme a browser would see (WHATWG URL parsing: leading/trailing C0 and space
    /// stripped, tabs and newlines removed), lower-cased; nil for a relative URL.
    func browserScheme(_ url: String) -> String? {
        var scalars = Array(url.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        guard let first = scalars.first, first.isASCII, first.properties.isAlphabetic else { return nil }
        var scheme = ""
        for scalar in scalars {
            if scalar == ":" { return scheme.lowercased() }
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "+-.".unicodeScalars.contains(scalar) else {
                return nil
            }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }

    func decodeEntities(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var out = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semi = rest.firstIndex(of: ";"), rest.distance(from: rest.startIndex, to: semi) <= 10 else {
                out += "&"
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: rest.startIndex)..<semi]
            let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
            var decoded: String?
            if let n = named[name] {
                decoded = n
            } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) {
                decoded = String(Character(s))
            } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let s = Unicode.Scalar(v) {
                decoded = String(Character(s))
            }
            if let decoded {
                out += decoded
                rest = rest[rest.index(after: semi)...]
            } else {
                out += "&"
                rest = rest.dropFirst()
            }
        }
        return out + rest
    }
}
