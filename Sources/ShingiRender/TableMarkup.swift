import ShingiCore

/// Makes cmark-gfm's tables readable on a phone and by keyboard: each table is put in a
/// focusable, labelled `.table-scroll` region (a wide table scrolls inside it), gets the
/// class `stack` (the stylesheet turns its rows into cards on a narrow screen) and each
/// body cell gets its column's header as `data-label`; an empty header cell (the corner
/// of a table whose first column labels the rows) becomes a `<td>`.
enum TableMarkup {
    /// - Parameter label: the region's label before the column headers, e.g. `表：`.
    static func enhance(_ html: String, label: String) -> String {
        guard html.containsUTF8("<table>") else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + 512)
        var rest = Substring(html)
        while let start = rest.utf8Range(of: "<table>"), let end = rest[start.upperBound...].utf8Range(of: "</table>") {
            out += rest[..<start.lowerBound]
            out += table(rest[start.upperBound..<end.lowerBound], label: label)
            rest = rest[end.upperBound...]
        }
        out += rest
        return out
    }

    private static func table(_ inner: Substring, label: String) -> String {
        var headers: [String] = []
        var head = ""
        var body = inner
        if let headStart = inner.utf8Range(of: "<thead>"), let headEnd = inner.utf8Range(of: "</thead>") {
            var section = inner[headStart.upperBound..<headEnd.lowerBound]
            head = String(inner[..<headStart.upperBound])
            while let open = section.utf8Range(of: "<th"), let close = section[open.upperBound...].utf8Range(of: "</th>") {
                let tagEnd = section[open.upperBound...].firstIndex(of: ">")!
                let content = section[section.index(after: tagEnd)..<close.lowerBound]
                let text = plainText(content)
                headers.append(text)
                head += section[..<open.lowerBound]
                head += text.isEmpty ? "<td\(section[open.upperBound..<tagEnd])></td>" : section[open.lowerBound..<close.upperBound]
                section = section[close.upperBound...]
            }
            head += section + "</thead>"
            body = inner[headEnd.upperBound...]
        }
        var rows = ""
        var column = 0
        var rest = body
        while let open = rest.utf8Range(of: "<t") {
            rows += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            if after.hasPrefix("r>") || after.hasPrefix("r ") {
                column = 0
                rows += "<t"
            } else if after.hasPrefix("d>") || after.hasPrefix("d ") {
                rows += "<td"
                if column < headers.count, !headers[column].isEmpty { rows += " data-label=\"\(headers[column])\"" }
                column += 1
                rest = after.dropFirst()
                continue
            } else {
                rows += "<t"
            }
            rest = after
        }
        rows += rest
        let name = label + headers.filter { !$0.isEmpty }.joined(separator: " / ")
        return "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(name)\">\n<table class=\"stack\">"
            + head + rows + "</table>\n</div>"
    }

    /// A cell's text for an attribute: tags removed, spaces collapsed; entities stay
    /// escaped (cmark escapes `"` in text as `&quot;`).
    private static func plainText(_ html: Substring) -> String {
        var text = ""
        var inTag = false
        for c in html {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { text.append(c == "\n" || c == "\t" ? " " : c) }
        }
        return text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
