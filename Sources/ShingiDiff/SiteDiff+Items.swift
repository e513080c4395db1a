import ShingiCore
import ShingiLoad
import ShingiResolve

extension SiteDiff {
    // MARK: Issues and pages

    /// What an issue or page publishes outside its sections, per language: its
    /// front-matter fields and its text.
    struct ItemSide {
        var languages: [Language]
        var texts: [Language: String]
        var fields: [FieldChange.Side]
    }

    /// The policy issues: front matter and the text before the first section.
    func issues(_ old: ResolvedSite, _ new: ResolvedSite) -> [ItemChange] {
        func side(_ issue: Issue?) -> ItemSide? {
            guard let issue else { return nil }
            var texts: [Language: String] = [:]
            var titles: [Language: String] = [:], summaries: [Language: String] = [:]
            for (language, file) in issue.translations.values {
                texts[language] = Self.leadText(file.source)
                titles[language] = file.title
                summaries[language] = file.summary
            }
            return ItemSide(languages: issue.translations.languages, texts: texts, fields: [
                .plain("number", String(issue.number)), .localized("title", Localized(titles)),
                .localized("summary", Localized(summaries)),
                .plain("advisors", issue.advisors.isEmpty ? nil : issue.advisors.joined(separator: ", ")),
                .plain("meeting", issue.meeting),
            ])
        }
        let ids = Set(old.issues.map(\.id) + new.issues.map(\.id))
        return ids.sorted().compactMap { id in Self.item(id, side(old.issue(id)), side(new.issue(id))) }
    }

    /// The home page or the free pages, by their `id` in the report: front matter and the
    /// whole text.
    func pages(_ old: [Page], _ new: [Page], id: (Page) -> String) -> [ItemChange] {
        func side(_ page: Page?) -> ItemSide? {
            guard let page else { return nil }
            var texts: [Language: String] = [:], titles: [Language: String] = [:]
            for (language, file) in page.translations.values {
                texts[language] = Self.trimmed(file.source.body)
                titles[language] = file.title
            }
            return ItemSide(languages: page.translations.languages, texts: texts, fields: [
                .localized("title", Localized(titles)), .plain("order", page.order.map(String.init)),
            ])
        }
        return Self.matched(old, new, id: id).compactMap { Self.item($0.id, side($0.old), side($0.new)) }
    }

    /// The items of both sides matched by id (the first of an id on each side), by id.
    private static func matched<T>(_ old: [T], _ new: [T], id: (T) -> String) -> [(id: String, old: T?, new: T?)] {
        let before = Dictionary(old.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
        return Set(before.keys).union(after.keys).sorted().map { ($0, before[$0], after[$0]) }
    }

    /// One item compared: added, removed, or edited when a field or a text differs.
    private static func item(_ id: String, _ old: ItemSide?, _ new: ItemSide?) -> ItemChange? {
        switch (old, new) {
        case (nil, nil): return nil
        case (nil, let new?):
            return ItemChange(id: id, change: .added, languages: new.languages,
                              texts: new.texts.filter { !$0.value.isEmpty }.mapValues { [.inserted($0)] }, fields: [])
        case (let old?, nil):
            return ItemChange(id: id, change: .removed, languages: old.languages,
                              texts: old.texts.filter { !$0.value.isEmpty }.mapValues { [.deleted($0)] }, fields: [])
        case (let old?, let new?):
            var texts: [Language: [DiffSegment]] = [:]
            for language in Language.allCases {
                let before = old.texts[language] ?? "", after = new.texts[language] ?? ""
                if before != after { texts[language] = TextDiff.diff(before, after, language: language) }
            }
            let fields = FieldChange.compare(old.fields, new.fields)
            guard !texts.isEmpty || !fields.isEmpty else { return nil }
            return ItemChange(id: id, change: .edited, languages: Language.allCases.filter { texts[$0] != nil },
                              texts: texts, fields: fields)
        }
    }

    /// An issue's text outside its sections: the lines before its first level-2 heading
    /// and after any level-1 heading up to the next section.
    static func leadText(_ source: MarkdownSource) -> String {
        let lines = source.body.split(separator: "\n", omittingEmptySubsequences: false)
        var inSection = false
        var lead: [Substring] = []
        let headings = Dictionary(source.fragment.headings.filter { $0.level <= 2 }.map { ($0.position.line - 1, $0.level) },
                                  uniquingKeysWith: { first, _ in first })
        for (index, line) in lines.enumerated() {
            if let level = headings[index] { inSection = level == 2 }
            if !inSection { lead.append(line) }
        }
        return trimmed(lead.joined(separator: "\n"))
    }

    // MARK: Data files

    static func referenceFields(_ reference: Reference) -> [FieldChange.Side] {
        [.localized("title", reference.title), .localized("publisher", reference.publisher),
         .plain("date", reference.date?.description), .plain("url", reference.url), .localized("note", reference.note)]
    }

    static func memberFields(_ member: Member) -> [FieldChange.Side] {
        [.localized("name", member.name), .plain("role", member.role), .localized("affiliation", member.affiliation)]
    }

    static func meetingFields(_ meeting: Meeting) -> [FieldChange.Side] {
        [.plain("number", meeting.number.map(String.init)), .plain("date", meeting.date.description),
         .localized("title", meeting.title)]
    }

    /// The entries of a data file, matched by id; an edited entry lists each field (and
    /// language) that changed.
    func records<T>(_ old: [T], _ new: [T], id: KeyPath<T, String>, fields: (T) -> [FieldChange.Side]) -> [RecordChange] {
        Self.matched(old, new) { $0[keyPath: id] }.compactMap { match in
            guard let before = match.old else { return RecordChange(id: match.id, change: .added, fields: []) }
            guard let after = match.new else { return RecordChange(id: match.id, change: .removed, fields: []) }
            let changed = FieldChange.compare(fields(before), fields(after))
            return changed.isEmpty ? nil : RecordChange(id: match.id, change: .edited, fields: changed)
        }
    }
}
