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
        var lineNumber = 1
        var yamlLines: [Substring] = []
        var bodyStart: String.Index?
        var index = text.index(text.startIndex, offsetBy: 4, limitedBy: text.endIndex) ?? text.endIndex
        while index < text.endIndex {
            let lineEnd = text[index...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[index..<lineEnd]
            lineNumber += 1
            if line == "---" || line == "..." {
                bodyStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
                break
            }
            yamlLines.append(line)
            index = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
        }
        guard let bodyStart else {
            return .failure(.error(
                "unterminated-front-matter",
                "the front matter is not closed; add a line '---' after the last field",
                at: SourceLocation(path: source.path)))
        }
        return .success(FrontMatterSplit(yaml: yamlLines.joined(separator: "\n"), yamlFirstLine: 2,
                                         body: String(text[bodyStart...]), bodyFirstLine: lineNumber + 1))
    }
}
