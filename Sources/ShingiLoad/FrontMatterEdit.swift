/// Rewrites one top-level field of a Markdown file's front matter and leaves every other
/// byte of the file as it was, for tools that update a field the author does not type
/// (`shingi translations --mark`).
public enum FrontMatterEdit {
    /// `text` with the field `key` (its line and the indented lines under it) replaced by
    /// `lines`, or added before the closing `---` when absent; nil when the file has no
    /// closed front matter.
    public static func replacing(_ key: String, with lines: [String], in text: String) -> String? {
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return nil }
        // By scalar, not by Character: a "\r\n" is one Character.
        var all = text.lines
        let crlf = all[0].unicodeScalars.last == "\r"
        let ending = crlf ? "\r" : ""
        guard let close = all.indices.dropFirst().first(where: { ["---", "..."].contains(all[$0].trimmingSuffix("\r")) }) else { return nil }
        let replacement = lines.map { $0 + ending }
        if let start = (1..<close).first(where: { all[$0].hasPrefix(key + ":") }) {
            var end = start + 1
            // The field's value continues on indented lines (a block mapping or list).
            while end < close, let first = all[end].first, first == " " || first == "\t" { end += 1 }
            all.replaceSubrange(start..<end, with: replacement)
        } else {
            all.insert(contentsOf: replacement, at: close)
        }
        return all.joined(separator: "\n")
    }

    /// A `translation_of` field recording `parts`: one hash when the text has no sections,
    /// else one line per part, keys and hashes quoted so YAML reads them as text.
    public static func translationOfLines(_ parts: SourceParts) -> [String] {
        if parts.isWhole { return ["translation_of: \"\(parts.parts[0].hash)\""] }
        return ["translation_of:"] + parts.parts.map { "  \"\($0.key)\": \"\($0.hash)\"" }
    }
}

private extension String {
    func trimmingSuffix(_ suffix: Unicode.Scalar) -> Substring {
        unicodeScalars.last == suffix ? Substring(String(unicodeScalars.dropLast())) : Substring(self)
    }
}
