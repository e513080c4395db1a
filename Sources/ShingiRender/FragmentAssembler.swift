import ShingiMarkdown

/// Fills a fragment's placeholders: cross-links become links, footnote ids get the
/// fragment's namespace, and after each heading and at the end of each section the
/// caller may add content (an issue page puts the count
/// of a section's comments under its heading and the comments at its end). Tables are
/// made readable on a phone (`TableMarkup`).
struct FragmentAssembler {
    let links: CrossLinkRenderer

    /// - Parameters:
    ///   - footnotes: the fragment's namespace for footnote ids (`fn-<namespace>:1`), one
    ///     per fragment a page can show: `body` for the text of the page, `c-<id>` for a comment.
    ///   - afterHeading: HTML to put right after a heading.
    ///   - afterSection: HTML to put at the end of a heading's section.
    ///   - isChanged: whether a section (by heading id) is wrapped as changed.
    func html(_ fragment: RenderedFragment, footnotes namespace: String, afterHeading: (Heading) -> String = { _ in "" },
              afterSection: (Heading) -> String = { _ in "" }, isChanged: (String) -> Bool = { _ in false }) -> String {
        var out = ""
        out.reserveCapacity(fragment.html.utf8.count + 256)
        var open: [(heading: Heading, changed: Bool)] = []
        /// The end tag of the heading just started, and what goes after it.
        var pending: (end: String, html: String)?
        func close(downTo level: Int) {
            while let last = open.last, last.heading.level >= level {
                out += afterSection(last.heading)
                if last.changed { out += "</div>\n" }
                open.removeLast()
            }
        }
        for token in Placeholder.tokens(of: fragment.html) {
            switch token {
            case .html(let text):
                if let (end, html) = pending, let range = text.utf8Range(of: end) {
                    out += text[..<range.upperBound]
                    out += html
                    out += text[range.upperBound...]
                    pending = nil
                } else {
                    out += text
                }
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
                let after = afterHeading(heading)
                pending = after.isEmpty ? nil : ("</h\(heading.level)>", after)
            }
        }
        close(downTo: 0)
        let p = links.presenter
        return TableMarkup.enhance(out, label: p.t(.tableLabel) + p.t(.colon))
    }
}
