import ShingiCore

/// Finds a control character in a content file: a C0 control other than tab and line
/// end, DEL, or a C1 control. None has a place in a paper, none is visible in an
/// editor, and each can act on the terminal of whoever reviews the text (`shingi diff`,
/// diagnostics), so it is an error where it stands rather than something published.
enum ControlCharacterScan {
    /// The error for the first control character of `text` (already decoded, line ends
    /// folded to `\n`), or nil when there is none.
    static func firstProblem(in text: String, path: String) -> Diagnostic? {
        guard let (offset, value) = firstControl(text) else { return nil }
        let (line, column) = TextPosition.lineAndColumn(ofByteOffset: offset, in: text)
        let code = String(value, radix: 16, uppercase: true)
        let name = "U+" + String(repeating: "0", count: 4 - code.count) + code
        return .error("control-character",
                      "the file contains the invisible control character \(name); delete it (a terminal showing this text would act on it)",
                      at: SourceLocation(path: path, line: line, column: column))
    }

    /// The UTF-8 offset and value of the first control character. One pass over the
    /// bytes: C1 controls are U+0080–U+009F, encoded 0xC2 0x80–0x9F.
    private static func firstControl(_ text: String) -> (offset: Int, value: UInt32)? {
        var text = text
        return text.withUTF8 { bytes -> (Int, UInt32)? in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x20 && byte != 0x09 && byte != 0x0A || byte == 0x7F { return (index, UInt32(byte)) }
                if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                    return (index, UInt32(bytes[index + 1]))
                }
                index += 1
            }
            return nil
        }
    }
}
