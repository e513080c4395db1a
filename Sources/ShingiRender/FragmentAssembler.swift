import ShingiMarkdown

/// Fills a fragment's placeholders: cross-links become links, and at the end of each
/// section the caller may add content (an issue page puts the section's comments there).
struct FragmentAssembler {
    let links: CrossLinkRenderer

    /// - Parameters:
    ///   - afterSection: HTML to put at the end of the section of a heading id.
    ///   - isChanged: whether a section (by heading id) is wrapped as changed.
    ///   - afterHeading: HTML to put right after the heading of an id (a notice on the section).
    func html(_ fragment: RenderedFragment, afterSection: (String) -> String = { _ in "" },
              isChanged: (String) -> Bool = { _ in false }, afterHeading: (String) -> String = { _ in "" }) -> String {
        var out = ""
        out.reserveCapacity(fragment.html.utf8.count + 256)
        var open: [(heading: Heading, changed: Bool)] = []
        // HTML waiting for the end tag of the heading just opened (its text may hold links).
        var pending: (html: String, endTag: String)?
        func close(downTo level: Int) {
            while let last = open.last, last.heading.level >= level {
                out += afterSection(last.heading.id)
                if last.changed { out += "</div>\n" }
                open.removeLast()
            }
        }
        for token in Placeholder.tokens(of: fragment.html) {
            switch token {
            case .html(let text):
                if let waiting = pending, let end = text.range(of: waiting.endTag) {
                    out += text[..<end.upperBound] + waiting.html + text[end.upperBound...]
                    pending = nil
                } else {
                    out += text
                }
            case .crossLink(let index):
                out += links.html(fragment.crossLinks[index])
            case .headingStart(let index):
                let heading = fragment.headings[index]
                close(downTo: heading.level)
                let changed = isChanged(heading.id)
                if changed { out += "<div class=\"changed-section\">\n" }
                open.append((heading, changed))
                let notice = afterHeading(heading.id)
                pending = notice.isEmpty ? nil : (notice, "</h\(heading.level)>")
            }
        }
        close(downTo: 0)
        return out
    }
}
