import Foundation
import ShingiCore

/// A Markdown file split into its YAML front matter and its body.
public struct FrontMatterSplit: Sendable {
    /// The YAML between the `---` lines.
    public var yaml: String
    /// Line number of the first YAML line in the file (so YAML line 1 is file line 2).
    public var yamlFirstLine: Int
    public var body: String
    /// Line number of the first body line in the file.
    public var bodyFirstLine: Int

    /// Splits `source`; a file without a front matter block is an error, since every
    /// content file needs at least its required fields.
    public static func split(_ source: SourceText) -> Result<FrontMatterSplit, Diagnostic> {
        let text = source.text
        guard text.hasPrefix("---\n") || text == "---" else {
            return .failure(.error(
                "missing-front-matter",
                "the file does not start with YAML front matter; add a block between '---' lines at the top",
                at: SourceLocation(path: source.path)))
        }
        // Line by line on the UTF-8 bytes: `\n` is always a character of its own (CRLF is
        // folded by `SourceText`), so this splits where a walk over characters would.
        let bytes = text.utf8
        var lineNumber = 1
        var bodyStart: Int?
        var yamlEnd = 4
        var offset = min(4, bytes.count)
        while offset < bytes.count {
            let lineEnd = Self.offset(of: UInt8(ascii: "\n"), in: text, from: offset) ?? bytes.count
            lineNumber += 1
            let length = lineEnd - offset
            if length == 3, Self.isRepeated(UInt8(ascii: "-"), in: text, at: offset) || Self.isRepeated(UInt8(ascii: "."), in: text, at: offset) {
                bodyStart = min(lineEnd + 1, bytes.count)
                break
            }
            yamlEnd = lineEnd
            offset = min(lineEnd + 1, bytes.count)
        }
        guard let bodyStart else {
            return .failure(.error(
                "unterminated-front-matter",
                "the front matter is not closed; add a line '---' after the last field",
                at: SourceLocation(path: source.path)))
        }
        func index(_ offset: Int) -> String.Index { bytes.index(bytes.startIndex, offsetBy: offset) }
        return .success(FrontMatterSplit(yaml: String(text[index(4)..<index(max(4, yamlEnd))]), yamlFirstLine: 2,
                                         body: String(text[index(bodyStart)...]), bodyFirstLine: lineNumber + 1))
    }

    /// The byte offset of the first `byte` at or after `start`.
    private static func offset(of byte: UInt8, in text: String, from start: Int) -> Int? {
        var text = text
        return text.withUTF8 { $0.firstOffset(of: byte, from: start) }
    }

    /// Whether the three bytes at `offset` are `byte`.
    private static func isRepeated(_ byte: UInt8, in text: String, at offset: Int) -> Bool {
        let bytes = text.utf8
        let start = bytes.index(bytes.startIndex, offsetBy: offset)
        return bytes[start...].prefix(3).allSatisfy { $0 == byte }
    }
}
