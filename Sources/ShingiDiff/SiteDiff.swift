import ShingiCore
import ShingiLoad
import ShingiResolve

/// Compares two resolved versions of a site by identity (docs/content-format.md): comments by file
/// stem, sections by issue and section id, data entries by id.
public struct SiteDiff {
    public init() {}

    /// Every kind is compared, by a switch with no `default:` (in `ContentKind.siteOrder`,
    /// so the home page comes before the free pages): a new kind is reported, or does not
    /// compile.
    public func compare(_ old: ResolvedSite, _ new: ResolvedSite, oldLabel: String, newLabel: String) -> DiffReport {
        var report = DiffReport(old: oldLabel, new: newLabel, comments: [], sections: [], issues: [], pages: [],
                                references: [], members: [], meetings: [], outlines: [], translations: translations(old, new))
        for kind in ContentKind.siteOrder {
            switch kind {
            case .home: report.pages += pages(old.home.map { [$0] } ?? [], new.home.map { [$0] } ?? []) { _ in ItemChange.homeID }
            case .issue: (report.issues, report.sections, report.outlines) = (issues(old, new), sections(old, new), outlines(old, new))
            case .page: report.pages += pages(old.pages, new.pages) { ItemChange.pageID($0.slug) }
            case .comment: report.comments = comments(old, new)
            }
        }
        for kind in DataKind.allCases {
            switch kind {
            case .members: report.members = records(old.members, new.members, id: \.id, fields: Self.memberFields)
            case .meetings: report.meetings = records(old.meetings, new.meetings, id: \.id, fields: Self.meetingFields)
            case .references: report.references = records(old.references, new.references, id: \.id, fields: Self.referenceFields)
            }
        }
        return report
    }

    // MARK: Comments

    private func comments(_ old: ResolvedSite, _ new: ResolvedSite) -> [CommentChange] {
        var changes: [CommentChange] = []
        for comment in new.comments where old.comment(comment.id) == nil {
            changes.append(CommentChange(id: comment.id, change: .added, member: comment.member, meeting: comment.meeting,
                                         oldTarget: nil, newTarget: target(comment), languages: comment.translations.languages,
                                         texts: wholeTexts(comment) { .inserted($0) }, fields: []))
        }
        for comment in old.comments where new.comment(comment.id) == nil {
            changes.append(CommentChange(id: comment.id, change: .removed, member: comment.member, meeting: comment.meeting,
                                         oldTarget: target(comment), newTarget: nil, languages: comment.translations.languages,
                                         texts: wholeTexts(comment) { .deleted($0) }, fields: []))
        }
        for comment in new.comments {
            guard let before = old.comment(comment.id) else { continue }
            var texts: [Language: [DiffSegment]] = [:]
            for language in Language.allCases {
                let oldText = before.translations[language].map { Self.trimmed($0.source.body) } ?? ""
                let newText = comment.translations[language].map { Self.trimmed($0.source.body) } ?? ""
                if oldText != newText { texts[language] = TextDiff.diff(oldText, newText, language: language) }
            }
            let fields = FieldChange.compare(Self.commentFields(before), Self.commentFields(comment))
            if !texts.isEmpty || !fields.isEmpty {
                changes.append(CommentChange(id: comment.id, change: .edited, member: comment.member, meeting: comment.meeting,
                                             oldTarget: target(before), newTarget: target(comment),
                                             languages: Language.allCases.filter { texts[$0] != nil }, texts: texts, fields: fields))
            }
            if target(before) != target(comment) {
                changes.append(CommentChange(id: comment.id, change: .moved, member: comment.member, meeting: comment.meeting,
                                             oldTarget: target(before), newTarget: target(comment),
                                             languages: comment.translations.languages, texts: [:], fields: []))
            }
        }
        return changes.sorted { ($0.id, $0.change) < ($1.id, $1.change) }
    }

    /// A comment's front matter besides its target (a changed target is a `moved` change).
    /// The secretariat's response (`status`, `response`, `reflected_in`) is compared as
    /// fields: a status or response change is reported per comment like a member change.
    static func commentFields(_ comment: Comment) -> [FieldChange.Side] {
        var responses: [Language: String] = [:]
        for (language, file) in comment.translations.values { responses[language] = file.response.map { trimmed($0.body) } }
        let reflected = comment.reflectedIn.map(\.target).joined(separator: ", ")
        return [.plain("member", comment.member), .plain("meeting", comment.meeting),
                .plain("date", comment.date?.description), .plain("status", comment.status?.rawValue),
                .localized("response", Localized(responses)), .plain("reflected_in", reflected.isEmpty ? nil : reflected)]
    }

    private func target(_ comment: Comment) -> CommentTarget { CommentTarget(issue: comment.issue, section: comment.section) }

    private func wholeTexts(_ comment: Comment, _ segment: (String) -> DiffSegment) -> [Language: [DiffSegment]] {
        var texts: [Language: [DiffSegment]] = [:]
        for language in comment.translations.languages {
            texts[language] = [segment(Self.trimmed(comment.translations[language]!.source.body))]
        }
        return texts
    }

    /// Leading and trailing blank lines and trailing spaces do not change what a reader sees.
    static func trimmed(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = Substring(line)
            while line.last == " " || line.last == "\t" || line.last == "\r" { line = line.dropLast() }
            return line
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    // MARK: Sections

    private struct SectionText {
        var title: String
        var text: String
    }

    /// An issue's sections in one language: id → heading and text (from its level-2
    /// heading to the next heading of level 1 or 2).
    static func sectionTexts(_ source: MarkdownSource) -> [(id: String, title: String, text: String)] {
        let lines = source.body.split(separator: "\n", omittingEmptySubsequences: false)
        let bounds = source.fragment.headings.filter { $0.level <= 2 }
        var result: [(id: String, title: String, text: String)] = []
        for (index, heading) in bounds.enumerated() where heading.level == 2 {
            let start = max(heading.position.line - 1, 0)
            let end = index + 1 < bounds.count ? max(bounds[index + 1].position.line - 1, start) : lines.count
            guard start < lines.count else { continue }
            let text = lines[start..<min(end, lines.count)].joined(separator: "\n")
            result.append((heading.id, heading.text, trimmed(text)))
        }
        return result
    }

    private func sections(_ old: ResolvedSite, _ new: ResolvedSite) -> [SectionChange] {
        var changes: [SectionChange] = []
        let ids = new.issues.map(\.id) + old.issues.map(\.id).filter { new.issue($0) == nil }
        for issueID in ids {
            // section id → change → languages, titles, texts
            var found: [String: [ChangeKind: SectionChange]] = [:]
            var order: [String] = []
            for language in Language.allCases {
                let before = old.issue(issueID)?.translations[language].map { Self.sectionTexts($0.source) } ?? []
                let after = new.issue(issueID)?.translations[language].map { Self.sectionTexts($0.source) } ?? []
                let beforeByID = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                let afterByID = Dictionary(after.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                func record(_ id: String, _ kind: ChangeKind, title: String, text: [DiffSegment]) {
                    if found[id] == nil { order.append(id) }
                    var change = found[id, default: [:]][kind]
                        ?? SectionChange(issue: issueID, section: id, change: kind, languages: [], titles: [:], texts: [:])
                    change.languages.append(language)
                    change.titles[language] = title
                    change.texts[language] = text
                    found[id, default: [:]][kind] = change
                }
                for section in after {
                    if let previous = beforeByID[section.id] {
                        if previous.text != section.text {
                            record(section.id, .edited, title: section.title, text: TextDiff.diff(previous.text, section.text, language: language))
                        }
                    } else {
                        record(section.id, .added, title: section.title, text: [.inserted(section.text)])
                    }
                }
                for section in before where afterByID[section.id] == nil {
                    record(section.id, .removed, title: section.title, text: [.deleted(section.text)])
                }
            }
            let outline = new.issue(issueID) ?? old.issue(issueID)!
            let rank = { (id: String) in outline.sections.firstIndex { $0.id == id } ?? (outline.sections.count + order.firstIndex(of: id)!) }
            for id in order.sorted(by: { rank($0) < rank($1) }) {
                changes += found[id]!.values.sorted { $0.change < $1.change }
            }
        }
        return changes
    }

    // MARK: Outline

    private func outlines(_ old: ResolvedSite, _ new: ResolvedSite) -> [IssueOutline] {
        func outline(_ issue: Issue, other: Issue?) -> IssueOutline {
            var sections = issue.sections.map { IssueOutline.Section(id: $0.id, titles: $0.titles.values) }
            for section in other?.sections ?? [] where !sections.contains(where: { $0.id == section.id }) {
                sections.append(IssueOutline.Section(id: section.id, titles: section.titles.values))
            }
            return IssueOutline(id: issue.id, number: issue.number, titles: issue.translations.values.mapValues(\.title), sections: sections)
        }
        let outlines = new.issues.map { outline($0, other: old.issue($0.id)) }
            + old.issues.filter { new.issue($0.id) == nil }.map { outline($0, other: nil) }
        return outlines.sorted { ($0.number, $0.id) < ($1.number, $1.id) }
    }
}
