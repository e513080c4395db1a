import ShingiCore

/// Finds, before cmark-gfm sees a body, a line that opens more than the allowed number of
/// nested block quotes and list items (`> > > …`, `- - - x`). Such runs are what make
/// cmark-gfm 0.29.0.gfm.6 quadratic (CVE-2023-24824: tens of KB take seconds); no paper
/// needs them. One pass over the bytes; lines of fenced code blocks are skipped. The tree
/// walk checks the nesting cmark builds in other ways (indentation, emphasis).
enum NestingScan {
    static func firstTooDeep(_ text: String, limit: Int) -> BodyPosition? {
        var lineNumber = 0
        var fence: (byte: UInt8, count: Int)?
        var found: BodyPosition?
        var text = text
        text.withUTF8 { bytes in
            var lineStart = 0
            while lineStart <= bytes.count && found == nil {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                let line = bytes[lineStart..<lineEnd]
                let (overAt, rest) = markers(line, limit: limit)
                if let open = fence {
                    if closes(rest, fence: open) { fence = nil }
                } else if let overAt {
                    found = BodyPosition(line: lineNumber, column: overAt - lineStart + 1)
                } else if let opened = opensFence(rest) {
                    fence = opened
                }
                lineStart = lineEnd + 1
            }
        }
        return found
    }

    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    /// Counts the container markers at the start of `line`; returns where the marker
    /// beyond `limit` stands (an index into the text's bytes) and the rest of the line.
    private static func markers(_ line: Slice<UnsafeBufferPointer<UInt8>>, limit: Int) -> (Int?, Slice<UnsafeBufferPointer<UInt8>>) {
        var i = line.startIndex
        var depth = 0
        func skipBlanks() { while i < line.endIndex && (line[i] == space || line[i] == tab) { i += 1 } }
        func isBlank(_ j: Int) -> Bool { j >= line.endIndex || line[j] == space || line[j] == tab }
        skipBlanks()
        while i < line.endIndex {
            let byte = line[i]
            var width = 0
            if byte == UInt8(ascii: ">") {
                width = 1
            } else if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+")) && isBlank(i + 1) {
                if isThematicBreak(line[i...]) { break }
                width = 1
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                var j = i
                while j < line.endIndex && j - i < 9 && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[j]) { j += 1 }
                guard j < line.endIndex, line[j] == UInt8(ascii: ".") || line[j] == UInt8(ascii: ")"), isBlank(j + 1) else { break }
                width = j + 1 - i
            } else {
                break
            }
            depth += 1
            if depth > limit { return (i, line[i...]) }
            i += width
            skipBlanks()
        }
        return (nil, line[i...])
    }

    /// `- - -`, `***`, `* * *`: a rule, not list items.
    private static func isThematicBreak(_ rest: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let first = rest.first else { return false }
        var count = 0
        for byte in rest {
            if byte == first { count += 1 } else if byte != space && byte != tab { return false }
        }
        return count >= 3
    }

    static func opensFence(_ rest: Slice<UnsafeBufferPointer<UInt8>>) -> (byte: UInt8, count: Int)? {
        guard let first = rest.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return nil }
        let count = rest.prefix { $0 == first }.count
        return count >= 3 ? (first, count) : nil
    }

    static func closes(_ rest: Slice<UnsafeBufferPointer<UInt8>>, fence: (byte: UInt8, count: Int)) -> Bool {
        let count = rest.prefix { $0 == fence.byte }.count
        return count >= fence.count && rest.dropFirst(count).allSatisfy { $0 == space || $0 == tab }
    }
}
