/// The trailing `{#id}` attribute of a heading (`## １．１ 機能 {#1.1}`), optionally with
/// the `.draft` class after the id (`## 2.3 促進策 {#2.3 .draft}`): a draft section.
enum HeadingAttribute {
    /// The one class a heading may carry: the section is a draft, left out of a published build.
    static let draftClass = ".draft"

    /// Splits `text` into the visible text and what is between `{#` and `}`, if the text
    /// ends with `{#…}`. Scans UTF-8 bytes from the end: every heading of every file passes here.
    static func split(_ text: String) -> (text: String, id: String)? {
        let bytes = Array(text.utf8)
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        guard end >= 3, bytes[end - 1] == UInt8(ascii: "}") else { return nil }
        var open = end - 2
        while open > 0 && !(bytes[open - 1] == UInt8(ascii: "{") && bytes[open] == UInt8(ascii: "#")) {
            if bytes[open] == UInt8(ascii: "}") { return nil }
            open -= 1
        }
        guard open > 0 else { return nil }
        var visibleEnd = open - 1
        while visibleEnd > 0, bytes[visibleEnd - 1] == UInt8(ascii: " ") || bytes[visibleEnd - 1] == UInt8(ascii: "\t") { visibleEnd -= 1 }
        return (String(decoding: bytes[..<visibleEnd], as: UTF8.self), String(decoding: bytes[(open + 1)..<(end - 1)], as: UTF8.self))
    }

    /// What is between `{#` and `}`: the id, and whether `.draft` follows it. Words after
    /// the id are classes when each starts with a dot; otherwise the whole text stays the
    /// id (`a b`, which the caller reports as unusable), except a bare `draft`, which
    /// meant `.draft`. `problems` are messages of `invalid-heading-attribute` errors; `id`
    /// is nil when the attribute gives no usable id.
    static func read(_ content: String) -> (id: String?, isDraft: Bool, problems: [String]) {
        let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count > 1 else { return (content, false, []) }
        guard words.dropFirst().allSatisfy({ $0.hasPrefix(".") && $0.count > 1 }) else {
            if words.dropFirst().contains("draft") {
                return (nil, false, ["'{#\(content)}' has 'draft' without its dot; a draft section is marked {#\(words[0]) .draft}"])
            }
            return (content, false, [])
        }
        let classes = words.dropFirst()
        let problems = classes.filter { $0 != draftClass }.map {
            "heading attribute '\($0)' is not known; the only class a heading takes is '.draft' ({#\(words[0]) .draft} marks a draft section)"
        }
        return (words[0], classes.contains(draftClass), problems)
    }
}
