import ShingiMarkdown

/// The text of a body with draft sections (`## 2.3 促進策 {#2.3 .draft}`) as a published
/// build shows it: each draft section, from its heading to the next heading of the same
/// or a higher level, blanked line by line, so that every line after it keeps its number
/// and every diagnostic its position. Made by the Load stage (which has the parser) for
/// every such body; the Resolve stage of a published build puts it in the body's place.
public struct DraftCut: Sendable, Hashable {
    /// The body with the draft sections' lines emptied.
    public var body: String
    /// That body parsed.
    public var fragment: RenderedFragment
    /// Every heading id left out (a draft heading's, and those of the headings inside its
    /// section), with the position of the draft heading that leaves it out.
    public var ids: [String: BodyPosition]

    public init(body: String, fragment: RenderedFragment, ids: [String: BodyPosition]) {
        self.body = body
        self.fragment = fragment
        self.ids = ids
    }

    /// `body` without its draft sections, and the ids left out; nil when no heading of
    /// `headings` (the body's, in order) is a draft.
    public static func blanking(_ body: String, headings: [Heading]) -> (body: String, ids: [String: BodyPosition])? {
        guard headings.contains(where: \.isDraft) else { return nil }
        var lines = body.lines
        var ids: [String: BodyPosition] = [:]
        var index = 0
        while index < headings.count {
            let heading = headings[index]
            index += 1
            guard heading.isDraft else { continue }
            ids[heading.id] = heading.position
            // The section runs to the next heading of the same or a higher level.
            while index < headings.count, headings[index].level > heading.level {
                ids[headings[index].id] = heading.position
                index += 1
            }
            let end = index < headings.count ? headings[index].position.line - 1 : lines.count
            for line in max(1, heading.position.line)...max(heading.position.line, min(end, lines.count)) where line <= lines.count {
                lines[line - 1] = ""
            }
        }
        return (lines.joined(separator: "\n"), ids)
    }
}
