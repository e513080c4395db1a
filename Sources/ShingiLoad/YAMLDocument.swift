import ShingiCore
import Yams

/// A parsed YAML text with its place in a file, so every value can point at its line.
/// Anchors and aliases are refused (an alias bomb expands a few lines into billions of
/// nodes), and so is a document with more nodes than any real data file has.
public struct YAMLDocument {
    public var root: Node
    public var path: String
    /// Added to Yams' 1-based line to get the file's line.
    public var lineOffset: Int

    public static let maximumNodeCount = 100_000

    public static func parse(_ yaml: String, path: String, firstLine: Int = 1) -> Result<YAMLDocument?, Diagnostic> {
        let lineOffset = firstLine - 1
        if let (line, column) = YAMLAliasScan.firstAnchorOrAlias(in: yaml) {
            return .failure(.error("yaml-alias", "YAML anchors and aliases ('&name', '*name') are not allowed; write the value out",
                                   at: SourceLocation(path: path, line: line + lineOffset, column: column)))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, path: path, lineOffset: lineOffset))
        } catch {
            return .failure(.error("malformed-yaml", "malformed YAML: \(error)", at: SourceLocation(path: path, line: firstLine)))
        }
        guard let root else { return .success(nil) }
        var count = 0
        if let problem = firstAnchorOrExcess(root, count: &count) {
            let mark = problem.mark
            let location = SourceLocation(path: path, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
            if count > maximumNodeCount {
                return .failure(.error("yaml-too-large", "the YAML has more than \(maximumNodeCount) values; split the data", at: location))
            }
            return .failure(.error("yaml-alias", "YAML anchors and aliases ('&name', '*name') are not allowed; write the value out", at: location))
        }
        return .success(YAMLDocument(root: root, path: path, lineOffset: lineOffset))
    }

    public func location(of node: Node) -> SourceLocation {
        SourceLocation(path: path, line: (node.mark?.line ?? 1) + lineOffset, column: node.mark?.column ?? 1)
    }

    private static func firstAnchorOrExcess(_ node: Node, count: inout Int) -> Node? {
        count += 1
        if node.anchor != nil || count > maximumNodeCount { return node }
        switch node {
        case .scalar: return nil
        case .alias: return node
        case .sequence(let sequence):
            for child in sequence {
                if let found = firstAnchorOrExcess(child, count: &count) { return found }
            }
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let found = firstAnchorOrExcess(key, count: &count) { return found }
                if let found = firstAnchorOrExcess(value, count: &count) { return found }
            }
        }
        return nil
    }

    private static func diagnostic(for error: YamlError, path: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) (line \($0.mark.line + lineOffset)), " } ?? ""
            return .error("malformed-yaml", "malformed YAML: \(detail)\(problem); check indentation, quotes and ':'", at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return .error("duplicate-key", "duplicate key \(keys) in one mapping; keep one", at: at(context.mark))
        case .reader(let problem, let offset, _, _):
            return .error("malformed-yaml", "malformed YAML: \(problem) at character \(offset ?? 0)", at: SourceLocation(path: path, line: lineOffset + 1))
        default:
            return .error("malformed-yaml", "malformed YAML: \(error)", at: SourceLocation(path: path, line: lineOffset + 1))
        }
    }
}
