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

    /// The home page and the free pages: front matter and the whole text.
    func pages(_ old: ResolvedSite, _ new: ResolvedSite) -> [ItemChange] {
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
        func byID(_ site: ResolvedSite) -> [String: Page] {
            var pages = Dictionary(site.pages.map { (ItemChange.pageID($0.slug), $0) }, uniquingKeysWith: { first, _ in first })
            pages[ItemChange.homeID] = site.home
            return pages
        }
        let oldPages = byID(old), newPages = byID(new)
        let ids = Set(oldPages.keys).union(newPages.keys)
        // The home page first, then the free pages by id.
        return ids.sorted { ($0 == ItemChange.homeID ? 0 : 1, $0) < ($1 == ItemChange.homeID ? 0 : 1, $1) }
            .compactMap { id in Self.item(id, side(oldPages[id]), side(newPages[id])) }
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
        let oldByID = Dictionary(old.map { ($0[keyPath: id], $0) }, uniquingKeysWith: { first, _ in first })
        let newByID = Dictionary(new.map { ($0[keyPath: id], $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [RecordChange] = []
        for (key, item) in newByID {
            guard let before = oldByID[key] else {
                changes.append(RecordChange(id: key, change: .added, fields: []))
                continue
            }
            let changed = FieldChange.compare(fields(before), fields(item))
            if !changed.isEmpty { changes.append(RecordChange(id: key, change: .edited, fields: changed)) }
        }
        for key in oldByID.keys where newByID[key] == nil {
            changes.append(RecordChange(id: key, change: .removed, fields: []))
        }
        return changes.sorted { ($0.id, $0.change) < ($1.id, $1.change) }
    }
}
