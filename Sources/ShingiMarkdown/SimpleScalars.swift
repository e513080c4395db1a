/// Byte offsets of a line's characters without Unicode's grapheme-breaking rules, for
/// the lines where those rules cannot join two scalars: every scalar ASCII or of the
/// CJK, kana and full-width blocks (none of them Extend, SpacingMark, Prepend, ZWJ,
/// Hangul or regional indicator), so each scalar is a character of its own. A paper's
/// lines are nearly all like this, and walking their characters was a tenth of the
/// Markdown stage; any other line gives nil and is walked by characters.
enum SimpleScalars {
    /// The offset of each character of `bytes` (valid UTF-8 without line ends), or nil.
    static func starts(_ bytes: ArraySlice<UInt8>) -> [Int]? {
        var starts: [Int] = []
        starts.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let width: Int
            var value: UInt32
            switch lead {
            case 0..<0x80: (width, value) = (1, UInt32(lead))
            case 0xE0..<0xF0: (width, value) = (3, UInt32(lead & 0x0F))
            default: return nil  // two-byte (Latin, combining marks…) and four-byte scalars
            }
            guard bytes.endIndex - index >= width else { return nil }
            for next in bytes[(index + 1)..<(index + width)] { value = value << 6 | UInt32(next & 0x3F) }
            guard isOwnCharacter(value) else { return nil }
            starts.append(index - bytes.startIndex)
            index += width
        }
        return starts
    }

    /// Scalars that always form a character alone (Grapheme_Cluster_Break Other or
    /// Control, no line end: `\r` is folded away before parsing).
    static func isOwnCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x00..<0x0D, 0x0E..<0x80: return true
        case 0x3000...0x3029, 0x3030...0x303F: return true  // CJK punctuation (not the tone marks 302A–302F)
        case 0x3041...0x3096, 0x309B...0x309F: return true  // hiragana (not the combining marks 3099, 309A)
        case 0x30A0...0x30FF: return true  // katakana
        case 0x4E00...0x9FFF: return true  // CJK unified ideographs
        case 0xFF01...0xFF9D: return true  // full-width forms, half-width katakana (not FF9E, FF9F)
        default: return false
        }
    }
}
