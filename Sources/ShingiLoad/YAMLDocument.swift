import ShingiCore
import Yams

/// A parsed YAML text with its place in a file, so every value can point at its line.
/// Anchors and aliases are refused (an alias bomb expands a few lines into billions of
/// nodes), and so is a document with more values than its file-size limit allows
/// (`Limits.maxYAMLValues`).
public struct YAMLDocument {
    public var root: Node
    public var path: String
    /// Added to Yams' 1-based line to get the file's line.
    public var lineOffset: Int

    /// `maxFileSize` is the file-size limit the text was read under; it bounds the values.
    public static func parse(_ yaml: String, path: String, firstLine: Int = 1, maxFileSize: Int = Limits.defaultMaxFileSize) -> Result<YAMLDocument?, Diagnostic> {
        let maximumNodeCount = Limits.maxYAMLValues(maxFileSize: maxFileSize)
        let lineOffset = firstLine - 1
        if let (line, column) = YAMLAliasScan.firstAnchorOrAlias(in: yaml) {
            return .failure(.error("yaml-alias", "YAML anchors and aliases ('&name', '*name') are not allowed; write the value out",
                                   at: SourceLocation(path: path, line: line + lineOffset, column: column)))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, in: yaml, path: path, lineOffset: lineOffset))
        } catch {
            return .failure(.error("malformed-yaml", "malformed YAML: \(error)", at: SourceLocation(path: path, line: firstLine)))
        }
        guard let root else { return .success(nil) }
        var count = 0
        if let problem = firstAnchorOrExcess(root, count: &count, maximum: maximumNodeCount) {
            let mark = problem.mark
            let location = SourceLocation(path: path, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
            if count > maximumNodeCount {
                return .failure(.error("yaml-too-large", "the YAML has more than \(maximumNodeCount) values (one per \(Limits.bytesPerYAMLValue) bytes of the file-size limit, \(Limits.describe(bytes: maxFileSize))); split the file, or raise 'limits: max_file_size:' (in bytes) in shingi.yml", at: location))
            }
            return .failure(.error("yaml-alias", "YAML anchors and aliases ('&name', '*name') are not allowed; write the value out", at: location))
        }
        return .success(YAMLDocument(root: root, path: path, lineOffset: lineOffset))
    }

    public func location(of node: Node) -> SourceLocation {
        SourceLocation(path: path, line: (node.mark?.line ?? 1) + lineOffset, column: node.mark?.column ?? 1)
    }

    private static func firstAnchorOrExcess(_ node: Node, count: inout Int, maximum: Int) -> Node? {
        count += 1
        if node.anchor != nil || count > maximum { return node }
        switch node {
        case .scalar: return nil
        case .alias: return node
        case .sequence(let sequence):
            for child in sequence {
                if let found = firstAnchorOrExcess(child, count: &count, maximum: maximum) { return found }
            }
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let found = firstAnchorOrExcess(key, count: &count, maximum: maximum) { return found }
                if let found = firstAnchorOrExcess(value, count: &count, maximum: maximum) { return found }
            }
        }
        return nil
    }

    private static func diagnostic(for error: YamlError, in yaml: String, path: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if problem.hasPrefix("Maximum nesting level reached") {
                return .error("yaml-too-deep", "lists and mappings nest too deep here (the YAML reader stops at about 1000 levels); real data needs a few",
                              at: at(mark))
            }
            if let column = tabInIndentation(line: mark.line, of: yaml) {
                return .error("yaml-tab", "this line is indented with a tab; YAML indentation must be spaces",
                              at: SourceLocation(path: path, line: mark.line + lineOffset, column: column))
            }
            let detail = context.map { "\($0.text) (line \($0.mark.line + lineOffset)), " } ?? ""
            return .error("malformed-yaml", "malformed YAML: \(detail)\(problem); check indentation, quotes and ':'", at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            let repeated = duplicates.sorted().lazy.compactMap { repeatedKey($0, after: context.mark, in: yaml) }.first
            return .error("duplicate-key", "duplicate key \(keys) in one mapping; keep one",
                          at: repeated.map { SourceLocation(path: path, line: $0.line + lineOffset, column: $0.column) } ?? at(context.mark))
        case .reader(let problem, let offset, let value, _):
            // libyaml counts the offset in characters (Unicode scalars) of the text.
            let scalars = yaml.unicodeScalars
            let end = scalars.index(scalars.startIndex, offsetBy: min(offset ?? 0, scalars.count))
            let (line, column) = TextPosition.lineAndColumn(ofByteOffset: yaml.utf8.distance(from: yaml.utf8.startIndex, to: end), in: yaml)
            let character = value >= 0 ? " (U+\(String(value, radix: 16, uppercase: true).leftPadded(to: 4)))" : ""
            return .error("malformed-yaml", "malformed YAML: \(problem)\(character); remove it or write it as an escape in double quotes",
                          at: SourceLocation(path: path, line: line + lineOffset, column: column))
        default:
            return .error("malformed-yaml", "malformed YAML: \(error)", at: SourceLocation(path: path, line: lineOffset + 1))
        }
    }

    /// The column of a tab in the indentation of 1-based `line`, if any.
    private static func tabInIndentation(line: Int, of yaml: String) -> Int? {
        guard line >= 1 else { return nil }
        var current = 1
        var column = 1
        for byte in yaml.utf8 {
            if current == line {
                if byte == UInt8(ascii: "\t") { return column }
                if byte != UInt8(ascii: " ") { return nil }
                column += 1
            } else if byte == UInt8(ascii: "\n") {
                current += 1
                if current > line { return nil }
            }
        }
        return nil
    }
}

extension YAMLDocument {
    /// Where `key` appears again in the block mapping whose first `key` is at `mark`
    /// (Yams reports the first one): the next line at the same indentation starting with
    /// that key, before the mapping ends. Nil for a flow mapping (`{a: 1, a: 2}`).
    static func repeatedKey(_ key: String, after mark: Mark, in yaml: String) -> (line: Int, column: Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = mark.column - 1
        guard mark.line >= 1, mark.line < lines.count else { return nil }
        let spellings = [key, "\"\(key)\"", "'\(key)'"]
        for index in mark.line..<lines.count {
            let line = lines[index]
            let content = line.drop { $0 == " " }
            if content.isEmpty || content.hasPrefix("#") { continue }
            let spaces = line.count - content.count
            if spaces < indent { return nil }
            guard spaces == indent else { continue }
            for spelling in spellings where content.hasPrefix(spelling) {
                let rest = content.dropFirst(spelling.count).drop { $0 == " " }
                if rest.hasPrefix(":") { return (index + 1, mark.column) }
            }
        }
        return nil
    }
}
