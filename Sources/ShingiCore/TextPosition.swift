/// Converts positions reported in UTF-8 bytes (cmark, offsets in a buffer) to the
/// character columns a person counts in an editor.
public enum TextPosition {
    /// The 1-based character column of the 1-based `byteColumn` in `line`.
    /// A Japanese character is three bytes but one column.
    public static func characterColumn(byteColumn: Int, inLine line: Substring.UTF8View) -> Int {
        guard byteColumn > 1 else { return 1 }
        let prefix = line.prefix(byteColumn - 1)
        return String(decoding: prefix, as: UTF8.self).count + 1
    }

    /// The 1-based line and character column of a UTF-8 byte `offset` in `text`.
    public static func lineAndColumn(ofByteOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        let utf8 = text.utf8
        let target = utf8.index(utf8.startIndex, offsetBy: min(offset, utf8.count))
        var line = 1
        var lineStart = utf8.startIndex
        var index = utf8.startIndex
        while index < target {
            if utf8[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        let column = String(decoding: utf8[lineStart..<target], as: UTF8.self).count + 1
        return (line, column)
    }
}
