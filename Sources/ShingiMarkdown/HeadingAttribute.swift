/// The trailing `{#id}` attribute of a heading (`## １．１ 機能 {#1.1}`).
enum HeadingAttribute {
    /// Splits `text` into the visible text and the id, if the text ends with `{#…}`.
    /// Scans UTF-8 bytes from the end: every heading of every file passes here.
    static func split(_ text: String) -> (text: String, id: String)? {
        let bytes = Array(text.utf8)
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        guard end >= 3, bytes[end - 1] == UInt8(ascii: "}") else { return nil }
        var open = end - 2
        while open > 0 && !(bytes[open - 1] == UInt8(ascii: "{") && bytes[open] == UInt8(ascii: "#")) {
            if bytes[open] == UInt8(ascii: "}") { return nil }
            open -= 1
        }
        guard open > 0 else { return nil }
        var visibleEnd = open - 1
        while visibleEnd > 0, bytes[visibleEnd - 1] == UInt8(ascii: " ") || bytes[visibleEnd - 1] == UInt8(ascii: "\t") { visibleEnd -= 1 }
        return (String(decoding: bytes[..<visibleEnd], as: UTF8.self), String(decoding: bytes[(open + 1)..<(end - 1)], as: UTF8.self))
    }
}
