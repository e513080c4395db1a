import Foundation
import ShingiCore

/// Ids a built page carries more than once: a link to such an id lands on the first
/// element only. Headings and footnotes are kept apart by construction (`ReservedIDs`,
/// footnote namespaces); this catches what is left, e.g. a theme's own ids.
enum DuplicateIDs {
    /// One diagnostic per id that occurs again, at its second occurrence in the page.
    static func diagnostics(_ file: OutputFile) -> [Diagnostic] {
        guard file.path.hasSuffix(".html") else { return [] }
        let bytes = file.bytes
        var result: [Diagnostic] = []
        bytes.withUnsafeBufferPointer { buffer in
            var seen = Set<Span>()
            var reported = Set<Span>()
            forEachID(in: buffer) { at, id in
                let span = Span(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[id])))
                guard !seen.insert(span).inserted, reported.insert(span).inserted else { return }
                // Where it is, counted only for what is reported.
                let before = bytes[..<(at + 1)]
                let line = before.count { $0 == UInt8(ascii: "\n") } + 1
                let lineStart = (before.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
                let column = String(decoding: bytes[lineStart..<(at + 1)], as: UTF8.self).count + 1
                result.append(.error("duplicate-id", "the built page \(file.path) has the id '\(String(decoding: bytes[id], as: UTF8.self))' more than once, so links to it reach only the first; give the heading (or the theme's element) another id",
                                     at: SourceLocation(path: file.path, line: line, column: column)))
            }
        }
        return result
    }

    /// The ids in `html`, in order (a comment's item: what a refilled page gains and loses).
    static func ids(in html: some Collection<UInt8>) -> [String] {
        var ids: [String] = []
        Array(html).withUnsafeBufferPointer { buffer in
            forEachID(in: buffer) { _, id in ids.append(String(decoding: buffer[id], as: UTF8.self)) }
        }
        return ids
    }

    /// Calls `body` with the offset of each ` id="` and the range of the id's value.
    private static func forEachID(in buffer: UnsafeBufferPointer<UInt8>, _ body: (_ at: Int, _ id: Range<Int>) -> Void) {
        let pattern = Array(" id=\"".utf8)
        pattern.withUnsafeBufferPointer { pattern in
            var i = 0
            while let at = buffer.firstOffset(of: pattern, from: i) {
                let start = at + pattern.count
                guard start < buffer.count else { break }
                var end = start
                while end < buffer.count, buffer[end] != UInt8(ascii: "\""), buffer[end] != UInt8(ascii: "\n") { end += 1 }
                body(at, start..<end)
                i = end
            }
        }
    }

    /// An id's bytes in the page, hashed and compared as memory: hashing an `ArraySlice`
    /// combines it byte by byte, which was most of the check on a large page.
    private struct Span: Hashable {
        let bytes: UnsafeRawBufferPointer

        func hash(into hasher: inout Hasher) { hasher.combine(bytes: bytes) }

        static func == (a: Span, b: Span) -> Bool {
            a.bytes.count == b.bytes.count && (a.bytes.isEmpty || memcmp(a.bytes.baseAddress!, b.bytes.baseAddress!, a.bytes.count) == 0)
        }
    }
}
