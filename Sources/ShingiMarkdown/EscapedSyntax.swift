import ShingiCore

/// Keeps shingi's syntax characters literal where the author escaped them: `\[`, `\]`,
/// `\{`, `\}`, `\|` and the entities of those characters (`&#91;`, `&lbrack;`, …).
///
/// cmark-gfm merges an escaped character into the text around it, so after parsing
/// `\[\[issue:1]]` and `[[issue:1]]` look the same. Before parsing, each such escape is
/// therefore replaced by a sentinel of the same byte length (positions do not move) that
/// starts with U+0001, which `Placeholder.sanitise` has removed from the input: `\[`
/// becomes U+0001 U+0002 (U+0002…U+0006 for `[ ] { } |`), `&#91;` becomes U+0001 `#91`
/// U+0002. cmark sees ordinary text (control characters end no autolink and are no part
/// of an e-mail address, so the extension never splits a sentinel), shingi's syntax sees
/// no bracket, and `restore` puts back the character (in text, URLs) or the text as
/// written (in code, where Markdown escapes do not apply).
enum EscapedSyntax {
    /// The characters an escape hides, by the digit of their sentinel.
    private static let escaped: [UInt8] = Array("[]{}|".utf8)

    /// Named entities of the hidden characters (and the numeric ones of U+0001, which
    /// would otherwise forge a placeholder delimiter).
    private static let named: [String: Character] = [
        "lbrack": "[", "lsqb": "[", "rbrack": "]", "rsqb": "]", "lcub": "{", "lbrace": "{",
        "rcub": "}", "rbrace": "}", "vert": "|", "verbar": "|", "VerticalLine": "|",
    ]

    /// The input with every escape of a syntax character hidden; nil when there is none.
    static func hide(_ markdown: String) -> String? {
        let bytes = Array(markdown.utf8)
        var out = bytes
        var changed = false
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\\"), i + 1 < bytes.count {
                let next = bytes[i + 1]
                if let code = escaped.firstIndex(of: next) {
                    out[i] = 1
                    out[i + 1] = 2 + UInt8(code)
                    changed = true
                }
                // Any escaped punctuation (`\\` included) is skipped as a pair.
                i += next < 0x80 && isASCIIPunctuation(next) ? 2 : 1
            } else if byte == UInt8(ascii: "&"), let length = hiddenEntityLength(bytes, at: i) {
                out[i] = 1
                out[i + length - 1] = 2
                changed = true
                i += length
            } else {
                i += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : nil
    }

    /// Text with its sentinels turned back: into the character (`decoded`, for text, URLs
    /// and titles) or into the escape as written (code). Placeholders are left as they are.
    /// (A footnote label keeps its sentinels: cmark prints it percent-encoded into the ids
    /// of its note, the same in the reference and the note.)
    static func restore(_ text: String, decoded: Bool) -> String {
        guard text.containsUTF8("\u{1}") else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 1 else { out.append(bytes[i]); i += 1; continue }
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            if (2...6).contains(next) {
                let character = escaped[Int(next - 2)]
                out += decoded ? [character] : [UInt8(ascii: "\\"), character]
                i += 2
            } else if let end = bytes[(i + 1)...].prefix(14).firstIndex(of: 2),
                      case let name = String(decoding: bytes[(i + 1)..<end], as: UTF8.self), let value = entityValue(name) {
                out += decoded ? Array(String(value).utf8) : [UInt8(ascii: "&")] + Array(name.utf8) + [UInt8(ascii: ";")]
                i = end + 1
            } else if let length = Placeholder.length(bytes, at: i) {
                out += bytes[i..<(i + length)]
                i += length
            } else {
                // Never a bare delimiter in the output, whatever split a sentinel.
                out += Array("\u{FFFD}".utf8)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    /// The byte length of the entity at `start` if it stands for a hidden character.
    private static func hiddenEntityLength(_ bytes: [UInt8], at start: Int) -> Int? {
        var end = start + 1
        while end < bytes.count, end - start <= 13, bytes[end] != UInt8(ascii: ";") {
            let b = bytes[end]
            guard b == UInt8(ascii: "#") || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) else { return nil }
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start + 1 else { return nil }
        let name = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        return entityValue(name) == nil ? nil : end + 1 - start
    }

    /// The character an entity (`#91`, `#x5B`, `lbrack`) stands for, if hidden here;
    /// `&#1;` gives U+FFFD, as cmark gives for `&#0;`. Digit counts as cmark reads them.
    private static func entityValue(_ name: String) -> Character? {
        if let character = named[name] { return character }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value: UInt32?
        if let first = digits.first, first == "x" || first == "X" {
            value = (2...7).contains(digits.count) ? UInt32(digits.dropFirst(), radix: 16) : nil
        } else {
            value = (1...7).contains(digits.count) ? UInt32(digits, radix: 10) : nil
        }
        guard let value else { return nil }
        if value == 1 { return "\u{FFFD}" }
        guard let scalar = Unicode.Scalar(value), "[]{}|".unicodeScalars.contains(scalar) else { return nil }
        return Character(scalar)
    }
}
