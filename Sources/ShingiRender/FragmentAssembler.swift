import ShingiMarkdown

/// Fills a fragment's placeholders: cross-links become links, footnote ids get the
/// fragment's namespace, and at the end of each section the caller may add content (an
/// issue page puts the section's comments there).
struct FragmentAssembler {
    let links: CrossLinkRenderer

    /// - Parameters:
    ///   - footnotes: the fragment's namespace for footnote ids (`fn-<namespace>:1`), one
    ///     per fragment a page can show: `body` for the text of the page, `c-<id>` for a comment.
    ///   - afterSection: HTML to put at the end of the section of a heading id.
    ///   - isChanged: whether a section (by heading id) is wrapped as changed.
    func html(_ fragment: RenderedFragment, footnotes namespace: String, afterSection: (String) -> String = { _ in "" },
              isChanged: (String) -> Bool = { _ in false }) -> String {
        var out = ""
        out.reserveCapacity(fragment.html.utf8.count + 256)
        var open: [(heading: Heading, changed: Bool)] = []
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
                out += text
            case .crossLink(let index):
                out += links.html(fragment.crossLinks[index])
            case .crossLinkOpen(let index):
                out += links.opening(fragment.crossLinks[index])
            case .crossLinkClose(let index):
                out += links.closing(fragment.crossLinks[index])
            case .footnoteNamespace:
                out += namespace + ":"
            case .headingStart(let index):
                let heading = fragment.headings[index]
                close(downTo: heading.level)
                let changed = isChanged(heading.id)
                if changed { out += "<div class=\"changed-section\">\n" }
                open.append((heading, changed))
            }
        }
        close(downTo: 0)
        return out
    }
}
