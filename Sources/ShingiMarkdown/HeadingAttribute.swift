/// The trailing `{#id}` attribute of a heading (`## １．１ 機能 {#1.1}`).
enum HeadingAttribute {
    /// Splits `text` into the visible text and the id, if the text ends with `{#…}`.
    static func split(_ text: String) -> (text: String, id: String)? {
        var trimmed = Substring(text)
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        guard trimmed.hasSuffix("}"), let open = trimmed.range(of: "{#", options: .backwards) else { return nil }
        let id = trimmed[open.upperBound..<trimmed.index(before: trimmed.endIndex)]
        guard !id.contains("}") else { return nil }
        var visible = trimmed[..<open.lowerBound]
        while let last = visible.last, last == " " || last == "\t" { visible = visible.dropLast() }
        return (String(visible), String(id))
    }
}

import Foundation
