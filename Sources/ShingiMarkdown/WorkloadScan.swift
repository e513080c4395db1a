import ShingiCore

/// Counts, before cmark-gfm sees a body, the constructs whose cost grows faster than the
/// file: table cells (cmark-gfm fills every short row up to the header's width, so a
/// 50,000-column header over 1.8 million one-character rows asks for 9 × 10¹⁰ cells from
/// 3.9 MB), footnote references (each adds a back-link to its note: 975,000 of them made
/// 445 MB of HTML) and headings (780,000 took half a minute to number and check). Past a
/// cap the file is refused with a problem where the excess starts; the caps are far above
/// any paper, and they protect the in-process parser too, which has no memory limit.
/// One pass over the bytes; lines of fenced code blocks are skipped.
public enum WorkloadScan {
    public static func firstExcess(_ text: String, maxTableCells: Int = Limits.maxTableCells,
                                   maxFootnoteReferences: Int = Limits.maxFootnoteReferences,
                                   maxHeadings: Int = Limits.maxHeadings) -> MarkdownProblem? {
        var counter = Counter(maxTableCells: maxTableCells, maxFootnoteReferences: maxFootnoteReferences, maxHeadings: maxHeadings)
        var text = text
        return text.withUTF8 { counter.scan($0) }
    }

    private struct Counter {
        let maxTableCells: Int
        let maxFootnoteReferences: Int
        let maxHeadings: Int
        var footnoteReferences = 0
        var headings = 0
        /// The table being read: where its header stands, its width and rows so far.
        var table: (line: Int, columns: Int, rows: Int)?

        mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> MarkdownProblem? {
            var lineNumber = 0
            var fence: (byte: UInt8, count: Int)?
            var previousBlank = true
            var lineStart = 0
            while lineStart <= bytes.count {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                let line = Self.content(bytes[lineStart..<lineEnd])
                defer { lineStart = lineEnd + 1 }
                if let open = fence {
                    if NestingScan.closes(line, fence: open) { fence = nil }
                    continue
                }
                if let opened = NestingScan.opensFence(line) {
                    fence = opened
                    table = nil
                    previousBlank = false
                    continue
                }
                let blank = line.isEmpty
                if let problem = countTable(line, blank: blank, previousBlank: previousBlank, lineNumber: lineNumber) { return problem }
                if !blank && isHeading(line, previousBlank: previousBlank) {
                    headings += 1
                    if headings > maxHeadings {
                        return problem("too-many-headings", "the file has more than \(maxHeadings) headings; split it into several pages", line: lineNumber, column: 1)
                    }
                }
                if let column = footnoteOverflow(bytes[lineStart..<lineEnd], contentStart: line.startIndex) {
                    return problem("too-many-footnotes", "the file has more than \(maxFootnoteReferences) footnote references; split it into several pages",
                                   line: lineNumber, column: column)
                }
                previousBlank = blank
            }
            return nil
        }

        /// A delimiter row under a non-blank line starts a table (its width is the row's
        /// cells); every following non-blank line is a row of it, filled to that width.
        private mutating func countTable(_ line: Slice<UnsafeBufferPointer<UInt8>>, blank: Bool, previousBlank: Bool, lineNumber: Int) -> MarkdownProblem? {
            if blank { table = nil; return nil }
            if var current = table {
                current.rows += 1
                table = current
            } else if !previousBlank, let columns = Self.delimiterCells(line) {
                table = (lineNumber - 1, columns, 2)
            }
            guard let current = table, current.columns * current.rows > maxTableCells else { return nil }
            let message = "this table is \(current.columns) columns wide, and every row is filled to that width: more than \(maxTableCells) cells; split it into smaller tables"
            return problem("table-too-large", message, line: current.line, column: 1)
        }

        /// Counts the references (`[^`, but not the definition `[^label]:` that starts a
        /// line) on the line; the character column of the one past the cap.
        private mutating func footnoteOverflow(_ line: Slice<UnsafeBufferPointer<UInt8>>, contentStart: Int) -> Int? {
            var index = line.startIndex
            while index + 1 < line.endIndex {
                if line[index] == UInt8(ascii: "["), line[index + 1] == UInt8(ascii: "^") {
                    if index == contentStart, let close = line[index...].firstIndex(of: UInt8(ascii: "]")),
                       close + 1 < line.endIndex, line[close + 1] == UInt8(ascii: ":") {
                        index = close + 2
                        continue
                    }
                    footnoteReferences += 1
                    if footnoteReferences > maxFootnoteReferences {
                        return String(decoding: line[line.startIndex..<index], as: UTF8.self).count + 1
                    }
                    index += 2
                } else {
                    index += 1
                }
            }
            return nil
        }

        /// An ATX heading (`#` to `######` then a blank or the end) or a setext underline
        /// (`===`, `---`) under a non-blank line. Thematic breaks may be counted too: a
        /// cap only needs an upper bound.
        private func isHeading(_ line: Slice<UnsafeBufferPointer<UInt8>>, previousBlank: Bool) -> Bool {
            let hashes = line.prefix { $0 == UInt8(ascii: "#") }.count
            if (1...6).contains(hashes) {
                let next = line.index(line.startIndex, offsetBy: hashes)
                return next == line.endIndex || line[next] == UInt8(ascii: " ") || line[next] == UInt8(ascii: "\t")
            }
            guard !previousBlank, let first = line.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "-") else { return false }
            return line.allSatisfy { $0 == first || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        }

        /// The number of cells of a table's delimiter row (`| --- | :-: |`), or nil when
        /// `line` is not one.
        private static func delimiterCells(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
            var pipes = false, cells = 0, inCell = false
            for byte in line {
                switch byte {
                case UInt8(ascii: "|"): pipes = true; inCell = false
                case UInt8(ascii: "-"): if !inCell { cells += 1; inCell = true }
                case UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\t"): break
                default: return nil
                }
            }
            return pipes && cells > 0 ? cells : nil
        }

        /// The line without its indentation and block-quote markers, and without trailing blanks.
        private static func content(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Slice<UnsafeBufferPointer<UInt8>> {
            var start = line.startIndex, end = line.endIndex
            while start < end && (line[start] == UInt8(ascii: " ") || line[start] == UInt8(ascii: "\t") || line[start] == UInt8(ascii: ">")) { start += 1 }
            while end > start && (line[end - 1] == UInt8(ascii: " ") || line[end - 1] == UInt8(ascii: "\t")) { end -= 1 }
            return line[start..<end]
        }

        private func problem(_ code: String, _ message: String, line: Int, column: Int) -> MarkdownProblem {
            MarkdownProblem(isError: true, code: code, message: message, position: BodyPosition(line: line, column: column))
        }
    }
}
