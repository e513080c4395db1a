import Foundation
import ShingiCore

/// A file's text as the rest of the pipeline sees it: valid UTF-8, without a byte-order
/// mark, with `\n` line endings (CRLF and lone CR are folded), without control characters
/// (`ControlCharacterScan`), and with its site-relative path.
public struct SourceText: Sendable, Hashable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Decodes `bytes`, or explains where the first byte that is not UTF-8 stands.
    public static func decode(_ bytes: [UInt8], path: String) -> Result<SourceText, Diagnostic> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        // One validating pass for the usual, valid file; the offset only for a bad one.
        guard var text = String(validating: body, as: UTF8.self) else {
            let badOffset = firstInvalidUTF8Offset(body) ?? 0
            let prefix = String(decoding: body.prefix(badOffset), as: UTF8.self)
            let (line, column) = TextPosition.lineAndColumn(ofByteOffset: prefix.utf8.count, in: prefix)
            return .failure(.error(
                "invalid-utf8",
                "the file is not valid UTF-8 (byte offset \(badOffset + (bytes.count - body.count))); save it as UTF-8",
                at: SourceLocation(path: path, line: line, column: column)))
        }
        if text.containsUTF8("\r") {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        if let problem = ControlCharacterScan.firstProblem(in: text, path: path) { return .failure(problem) }
        return .success(SourceText(path: path, text: text))
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var consumedBefore = 0
        var utf8Count = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                utf8Count = UTF8.width(scalar)
                consumedBefore += utf8Count
                offset = consumedBefore
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}
