import ShingiMarkdown

/// Fills a fragment's placeholders: cross-links become links, and at the end of each
/// section the caller may add content (an issue page puts the section's comments there).
struct FragmentAssembler {
    let links: CrossLinkRenderer

    /// - Parameter afterSection: HTML to put at the end of the section of a heading id.
    func html(_ fragment: RenderedFragment, afterSection: (String) -> String = { _ in "" }) -> String {
        var out = ""
        out.reserveCapacity(fragment.html.utf8.count + 256)
        var open: [Heading] = []
        func close(downTo level: Int) {
            while let last = open.last, last.level >= level {
                out += afterSection(last.id)
                open.removeLast()
            }
        }
        for token in Placeholder.tokens(of: fragment.html) {
            switch token {
            case .html(let text):
                out += text
            case .crossLink(let index):
                out += links.html(fragment.crossLinks[index])
            case .headingStart(let index):
                let heading = fragment.headings[index]
                close(downTo: heading.level)
                open.append(heading)
            }
        }
        close(downTo: 0)
        return out
    }
}
