import Crypto
import ShingiCore
import ShingiMarkdown

/// A Markdown body cut into the parts whose translations are tracked: the text before
/// the first section (`_intro`) and each section, from a level-2 heading with an explicit
/// id (`## 1.1 … {#1.1}`) to the next. Each part has a hash of its normalised text, so a
/// translation can record what it was made from and learn when that changed.
public struct SourceParts: Sendable, Hashable {
    public struct Part: Sendable, Hashable {
        /// `_intro` or the section id.
        public var key: String
        /// First 12 hex digits of the SHA-256 of the normalised text.
        public var hash: String
        /// Body line of the part's heading (1 for `_intro`).
        public var line: Int
    }

    public static let intro = "_intro"

    public var parts: [Part]

    public init(_ source: MarkdownSource) {
        // By scalar, not by Character: a "\r\n" is one Character.
        let lines = source.body.lines
        let starts = source.fragment.headings.filter { $0.level == 2 && $0.isExplicitID }
            .map { ($0.id, $0.position.line) }.filter { $0.1 >= 1 && $0.1 <= lines.count }
        var parts: [Part] = []
        var bounds = [(Self.intro, 1)] + starts
        bounds.append(("", lines.count + 1))
        for index in 0..<(bounds.count - 1) {
            let (key, start) = bounds[index]
            let end = max(start, bounds[index + 1].1)
            let text = Self.normalised(lines[(start - 1)..<(end - 1)])
            // An empty introduction (a text that starts with its first section) is no part.
            if key == Self.intro && text.isEmpty && !starts.isEmpty { continue }
            parts.append(Part(key: key, hash: Self.hash(text), line: start))
        }
        self.parts = parts
    }

    public func part(_ key: String) -> Part? { parts.first { $0.key == key } }

    /// Only the introduction: recorded as a plain `translation_of: <hash>`.
    public var isWhole: Bool { parts.count == 1 && parts[0].key == Self.intro }

    /// Line ends without `\r` and trailing blanks, runs of blank lines as one, no blank
    /// lines at either end: edits that change nothing a reader sees change no hash.
    static func normalised(_ lines: ArraySlice<String>) -> String {
        var out: [Substring] = []
        for line in lines {
            var scalars = Substring(line).unicodeScalars
            while let last = scalars.last, last == "\r" || last == " " || last == "\t" { scalars = scalars.dropLast() }
            let trimmed = Substring(scalars)
            if trimmed.isEmpty && (out.isEmpty || out.last!.isEmpty) { continue }
            out.append(trimmed)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n")
    }

    static func hash(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).prefix(6).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
