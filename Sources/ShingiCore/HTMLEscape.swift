/// Escaping for text placed in HTML or XML by code (templates escape their own values).
public enum HTMLEscape {
    /// `& < > " '` as entities. The characters escaped are ASCII, which never occurs
    /// inside a multi-byte character, so this works on the UTF-8 bytes: a feed escapes
    /// every comment's HTML through here.
    public static func text(_ value: String) -> String {
        var contiguous = value
        let escaped = contiguous.withUTF8 { bytes -> [UInt8]? in
            // Most text has nothing to escape: one pass, no copy.
            guard let first = bytes.firstIndex(where: isEscaped) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8 + 16)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return out
        }
        return escaped.map { String(decoding: $0, as: UTF8.self) } ?? value
    }

    private static func isEscaped(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }
}
