import ShingiCore
import ShingiLoad
import ShingiMarkdown

/// A policy issue with its translations paired and its sections known.
public struct Issue: Sendable, Equatable, Encodable {
    public var id: String
    public var number: Int
    public var translations: Localized<IssueFile>
    /// The issue's sections (level-2 headings) in reading order, by id.
    public var sections: [Section]
    public var advisors: [String]
    public var meeting: String?

    public struct Section: Sendable, Hashable, Encodable {
        public var id: String
        public var titles: Localized<String>
    }

    /// Every heading id of the issue in any language (anchors a link may name).
    public let anchors: Set<String>

    init(id: String, number: Int, translations: Localized<IssueFile>, sections: [Section], advisors: [String], meeting: String?) {
        self.id = id
        self.number = number
        self.translations = translations
        self.sections = sections
        self.advisors = advisors
        self.meeting = meeting
        self.anchors = Set(translations.values.values.flatMap { $0.source.fragment.headings.map(\.id) })
    }

    public func section(_ id: String) -> Section? { sections.first { $0.id == id } }

    /// `draft: true` in any of its translations.
    public var isDraft: Bool { translations.values.values.contains { $0.source.isDraft } }

    /// The ids of its sections marked draft (`{#id .draft}`) in any language: left out of a
    /// published build, marked as drafts by `--drafts` and `serve`.
    public var draftSections: Set<String> {
        Set(translations.values.values.flatMap { $0.source.fragment.headings.filter(\.isDraft).map(\.id) })
    }
}
