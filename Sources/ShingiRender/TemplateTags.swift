/// The few Mustache tags the theme check needs to see: partials and UI strings.
enum TemplateTags {
    enum Kind: Equatable {
        case partial(String)
        case string(String)
    }

    struct Tag {
        var kind: Kind
        var line: Int
        var column: Int
    }

    static func scan(_ text: String) -> [Tag] {
        var tags: [Tag] = []
        var line = 1
        var column = 1
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("{{") {
                let start = text.index(index, offsetBy: 2)
                if let end = text[start...].range(of: "}}") {
                    var inner = text[start..<end.lowerBound].trimmingCharacters(in: .whitespaces)
                    if inner.hasPrefix("{") { inner.removeFirst() }
                    if inner.hasPrefix(">") || inner.hasPrefix("<") {
                        let name = inner.dropFirst().trimmingCharacters(in: .whitespaces)
                        if !name.hasPrefix("*") { tags.append(Tag(kind: .partial(name), line: line, column: column)) }
                    } else {
                        let name = inner.drop(while: { "#^/&".contains($0) }).trimmingCharacters(in: .whitespaces)
                        if name.hasPrefix("t."), !name.contains(" ") {
                            tags.append(Tag(kind: .string(String(name.dropFirst(2))), line: line, column: column))
                        }
                    }
                }
            }
            if text[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index = text.index(after: index)
        }
        return tags
    }
}

import Foundation
