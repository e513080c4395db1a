/// Finds YAML anchors (`&name`) and aliases (`*name`) in the text itself: Yams keeps a
/// node's anchor only weakly, so after composing it can no longer be seen. A `&` or `*`
/// is one exactly where YAML reads it so: at the start of a node (after indentation,
/// `- `, `: `, `? `, `[`, `{` or `,`), outside quotes, comments and block scalars.
/// Works on UTF-8 bytes (all the syntax is ASCII); every front matter passes here.
enum YAMLAliasScan {
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), hash = UInt8(ascii: "#")
    private static let quotes: Set<UInt8> = [UInt8(ascii: "\""), UInt8(ascii: "'")]
    private static let openers: Set<UInt8> = [UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ",")]
    private static let indicators: Set<UInt8> = [UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "?")]

    static func firstAnchorOrAlias(in text: String) -> (line: Int, column: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "&")) || bytes.contains(UInt8(ascii: "*")) else { return nil }
        var blockIndent: Int?
        var lineNumber = 0
        var lineStart = 0
        while lineStart <= bytes.count {
            lineNumber += 1
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            defer { lineStart = lineEnd + 1 }
            let indent = line.prefix { $0 == space }.count
            if let block = blockIndent {
                if line.allSatisfy({ $0 == space }) || indent > block { continue }
                blockIndent = nil
            }
            if let column = scan(line) {
                let prefix = String(decoding: line.prefix(column), as: UTF8.self)
                return (lineNumber, prefix.count + 1)
            }
            if startsBlockScalar(line) { blockIndent = indent }
        }
        return nil
    }

    /// The byte offset in `line` of an anchor or alias, if any.
    private static func scan(_ line: ArraySlice<UInt8>) -> Int? {
        var quote: UInt8?
        var previous: UInt8?
        for index in line.indices {
            let byte = line[index]
            if let open = quote {
                if byte == open { quote = nil }
                previous = byte
                continue
            }
            if byte == space || byte == tab { continue }
            if byte == hash, index == line.startIndex || line[index - 1] == space { return nil }
            if quotes.contains(byte) {
                if previous == nil || indicators.contains(previous!) || openers.contains(previous!) { quote = byte }
            } else if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "*") {
                let afterIndicator = previous.map { indicators.contains($0) } ?? false && index > line.startIndex && line[index - 1] == space
                let startsNode = previous == nil || openers.contains(previous!) || afterIndicator
                let next = index + 1 < line.endIndex ? line[index + 1] : space
                if startsNode && next != space { return index - line.startIndex }
            }
            previous = byte
        }
        return nil
    }

    /// Whether the line ends with a block scalar header (`key: |`, `- >-`, `|2`).
    private static func startsBlockScalar(_ line: ArraySlice<UInt8>) -> Bool {
        var content = line
        if let comment = content.indices.first(where: { content[$0] == hash && ($0 == content.startIndex || content[$0 - 1] == space) }) {
            content = content[..<comment]
        }
        while let last = content.last, last == space || last == tab { content = content.dropLast() }
        let tokenStart = content.lastIndex(of: space).map { $0 + 1 } ?? content.startIndex
        let token = content[tokenStart...]
        guard let first = token.first, first == UInt8(ascii: "|") || first == UInt8(ascii: ">") else { return false }
        return token.dropFirst().allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") || (0x30...0x39).contains($0) }
    }
}
