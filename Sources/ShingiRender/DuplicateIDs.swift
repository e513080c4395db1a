import ShingiCore

/// Ids a built page carries more than once: a link to such an id lands on the first
/// element only. Headings and footnotes are kept apart by construction (`ReservedIDs`,
/// footnote namespaces); this catches what is left, e.g. a theme's own ids.
enum DuplicateIDs {
    /// One diagnostic per id that occurs again, at its second occurrence in the page.
    static func diagnostics(_ file: OutputFile) -> [Diagnostic] {
        guard file.path.hasSuffix(".html") else { return [] }
        let bytes = file.bytes
        let pattern = Array(" id=\"".utf8)
        var seen = Set<ArraySlice<UInt8>>()
        var reported = Set<ArraySlice<UInt8>>()
        var result: [Diagnostic] = []
        bytes.withUnsafeBufferPointer { buffer in
            pattern.withUnsafeBufferPointer { pattern in
                var i = 0
                while let at = buffer.firstOffset(of: pattern, from: i) {
                    let start = at + pattern.count
                    guard start < buffer.count else { break }
                    var end = start
                    while end < buffer.count, buffer[end] != UInt8(ascii: "\""), buffer[end] != UInt8(ascii: "\n") { end += 1 }
                    let id = bytes[start..<end]
                    if !seen.insert(id).inserted, reported.insert(id).inserted {
                        // Where it is, counted only for what is reported.
                        let before = bytes[..<(at + 1)]
                        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
                        let lineStart = (before.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
                        let column = String(decoding: bytes[lineStart..<(at + 1)], as: UTF8.self).count + 1
                        result.append(.error("duplicate-id", "the built page \(file.path) has the id '\(String(decoding: id, as: UTF8.self))' more than once, so links to it reach only the first; give the heading (or the theme's element) another id",
                                             at: SourceLocation(path: file.path, line: line, column: column)))
                    }
                    i = end
                }
            }
        }
        return result
    }
}
