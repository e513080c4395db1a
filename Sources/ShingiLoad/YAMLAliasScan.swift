/// Finds YAML anchors (`&name`) and aliases (`*name`) in the text itself: Yams keeps a
/// node's anchor only weakly, so after composing it can no longer be seen. A `&` or `*`
/// is one exactly where YAML reads it so: at the start of a node (after indentation,
/// `- `, `: `, `? `, `[`, `{` or `,`), outside quotes, comments and block scalars.
enum YAMLAliasScan {
    static func firstAnchorOrAlias(in text: String) -> (line: Int, column: Int)? {
        var blockIndent: Int?
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let characters = Array(line)
            let indent = characters.prefix { $0 == " " }.count
            if let block = blockIndent {
                if characters.allSatisfy({ $0 == " " }) || indent > block { continue }
                blockIndent = nil
            }
            var quote: Character?
            var previous: Character? = nil   // last non-space character before this one on the line
            for (column, character) in characters.enumerated() {
                if let open = quote {
                    if character == open { quote = nil }
                    previous = character
                    continue
                }
                if character == " " || character == "\t" { continue }
                if character == "#", column == 0 || characters[column - 1] == " " { break }
                if character == "\"" || character == "'" {
                    if previous == nil || "-:?[{,".contains(previous!) { quote = character }
                } else if character == "&" || character == "*" {
                    let startsNode = previous == nil || "[{,".contains(previous!)
                        || ("-:?".contains(previous!) && column > 0 && characters[column - 1] == " ")
                    let next = column + 1 < characters.count ? characters[column + 1] : " "
                    if startsNode && next != " " { return (lineIndex + 1, column + 1) }
                }
                previous = character
            }
            if startsBlockScalar(line) { blockIndent = indent }
        }
        return nil
    }

    /// Whether the line ends with a block scalar header (`key: |`, `- >-`, `|2`).
    private static func startsBlockScalar(_ line: Substring) -> Bool {
        let content = line.split(separator: " #", maxSplits: 1, omittingEmptySubsequences: false).first ?? line
        guard let token = content.split(separator: " ").last, let first = token.first, first == "|" || first == ">" else { return false }
        return token.dropFirst().allSatisfy { $0 == "-" || $0 == "+" || $0.isNumber }
    }
}

import Foundation
