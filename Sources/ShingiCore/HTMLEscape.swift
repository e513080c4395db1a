/// Escaping for text placed in HTML or XML by code (templates escape their own values).
public enum HTMLEscape {
    public static func text(_ value: String) -> String {
        // Most text has nothing to escape: one pass over the contiguous UTF-8, no copy.
        var contiguous = value
        let needsEscaping = contiguous.withUTF8 { bytes in
            bytes.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        }
        guard needsEscaping else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 16)
        for ch in value.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
