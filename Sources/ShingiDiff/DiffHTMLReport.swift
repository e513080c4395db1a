import Foundation
import ShingiCore
import ShingiLoad
import ShingiRender
import ShingiResolve
import ShingiWrite

/// `shingi diff --format html --out DIR`: the review report as a small folder,
/// `index.html` (language choice), `<lang>/index.html` per language of the new side and
/// the site's stylesheet in `assets/style.css`, so it looks like the site. It is rendered
/// from the theme's `diff/index.mustache` and `diff/report.mustache` with the theme's UI
/// strings; every value goes through Mustache's HTML escaping. Each change links to its
/// page and section on the published site (`base_url` of the new side, or an override).
public struct DiffHTMLReport {
    public var report: DiffReport
    public var old: ResolvedSite
    public var new: ResolvedSite
    /// The new side's theme (`ThemeFiles.site`): the report templates `diff/*.mustache`,
    /// the UI strings and `assets/style.css`.
    public var theme: ThemeFiles
    /// Where the site is published: the new side's `base_url` unless overridden.
    public var baseURL: String

    public enum ReportError: Error, CustomStringConvertible {
        /// The theme's templates or strings have errors (diagnostics as `check` prints them).
        case theme([Diagnostic])
        case missing(String)

        public var description: String {
            switch self {
            case .theme(let diagnostics):
                return "the theme of the HTML report has errors:\n" + diagnostics.filter { $0.severity == .error }.sorted().map { "  \($0)" }.joined(separator: "\n")
            case .missing(let what): return what
            }
        }
    }

    public init(report: DiffReport, old: ResolvedSite, new: ResolvedSite, theme: ThemeFiles, baseURL: String? = nil) {
        self.report = report
        self.old = old
        self.new = new
        self.theme = theme
        self.baseURL = baseURL ?? new.config.baseURL
    }

    /// The report's languages: the new side's, in its order.
    var languages: [Language] { new.config.languages.isEmpty ? Language.allCases : new.config.languages }

    /// The languages with a page in the report.
    public var languagesWritten: [Language] { languages }

    /// The files of the report, paths relative to the output folder.
    public func files() throws -> [OutputFile] {
        var diagnostics: [Diagnostic] = []
        let loaded = Theme.load(self.theme, displayPrefix: "templates/", languages: languages, diagnostics: &diagnostics)
        guard let theme = loaded, !diagnostics.contains(where: { $0.severity == .error }) else { throw ReportError.theme(diagnostics) }
        guard let stylesheet = self.theme.files["assets/style.css"] else {
            throw ReportError.missing("the theme has no assets/style.css")
        }
        var files: [OutputFile] = [OutputFile(path: "assets/style.css", bytes: stylesheet.bytes)]
        for language in languages {
            let context = ReportContext(report: report, old: old, new: new, urls: SiteURLs(baseURL: baseURL),
                                        language: language, languages: languages, strings: theme.strings)
            guard let html = theme.render("diff/report", context.page()) else {
                throw ReportError.missing("the theme has no template diff/report.mustache")
            }
            // Japanese quoted in the English report is tagged as Japanese (WCAG 3.1.2).
            files.append(OutputFile(path: "\(language.rawValue)/index.html", text: language == .ja ? html : LanguageOfParts.tagJapanese(in: html)))
        }
        let choice = ReportChoiceContext(
            lang: (languages.first ?? .ja).rawValue,
            title: report.old + " → " + report.new,
            languages: languages.map { language in
                ReportChoiceContext.Entry(
                    lang: language.rawValue, url: "\(language.rawValue)/index.html",
                    t: UIStringTable(language: language, strings: theme.strings[language] ?? [:]),
                    siteTitle: new.config.title.resolve(language)?.value ?? "",
                    shortTitle: (new.config.shortTitle.resolve(language) ?? new.config.title.resolve(language))?.value ?? "")
            })
        guard let index = theme.render("diff/index", choice) else {
            throw ReportError.missing("the theme has no template diff/index.mustache")
        }
        files.append(OutputFile(path: "index.html", text: index))
        return files.sorted { $0.path < $1.path }
    }

    /// Writes the report into `folder`, replacing an earlier report there (atomically,
    /// like `build`: a folder shingi did not write is refused).
    public func write(to folder: URL) async throws {
        try await OutputWriter(output: folder).write(try files())
    }
}

/// What one language's report page is made from (`ReportPageContext`).
struct ReportContext {
    let report: DiffReport
    let old: ResolvedSite
    let new: ResolvedSite
    let urls: SiteURLs
    let language: Language
    let languages: [Language]
    let strings: [Language: [String: String]]

    var t: [String: String] { strings[language] ?? [:] }
    func t(_ key: UIString) -> String { t[key] ?? key.rawValue }

    func link(_ url: String) -> String { urls.absolute(url) }

    // MARK: Names

    func text(_ value: Localized<String>) -> String? { value.resolve(language)?.value }

    func memberName(_ id: String) -> String {
        guard let member = new.member(id) ?? old.member(id), var name = text(member.name) else { return id }
        if language == .ja, let key = UIString.honorific(member.role), let suffix = t[key] { name += suffix }
        return name
    }

    func meetingName(_ id: String) -> String {
        guard let meeting = new.meeting(id) ?? old.meeting(id) else { return id }
        if let title = text(meeting.title), !title.isEmpty { return title }
        let date = DateFormatting.format(meeting.date, language)
        if let number = meeting.number { return language == .ja ? "第\(number)回会合（\(date)）" : "Meeting No. \(number) (\(date))" }
        return language == .ja ? "会合（\(date)）" : "Meeting (\(date))"
    }

    func issueLabel(_ id: String) -> String {
        guard let outline = report.outline(id) else { return id }
        let number = language == .ja
            ? String(String(outline.number).unicodeScalars.map { Character(Unicode.Scalar($0.value - 0x30 + 0xFF10)!) })
            : String(outline.number)
        let label = t(.issueLabel).replacingOccurrences(of: "{n}", with: number)
        let title = outline.titles[language] ?? outline.titles[language.other]
        return title.map { label + (language == .ja ? "　" : ": ") + $0 } ?? label
    }

    func sectionTitle(_ issue: String, _ section: String) -> String {
        let titles = report.outline(issue)?.sections.first { $0.id == section }?.titles
        return titles?[language] ?? titles?[language.other] ?? "#" + section
    }

    /// A comment's target as the site shows it: `政策課題１　… › １．１ …`.
    func targetName(_ target: CommentTarget) -> String {
        issueLabel(target.issue) + " › " + sectionTitle(target.issue, target.section)
    }

    /// The section on the published site, if it exists on the new side.
    func sectionURL(_ issue: String, _ section: String) -> String? {
        guard let found = new.issue(issue) else { return nil }
        let exists = found.section(section) != nil
            || found.translations.values.values.contains { $0.source.fragment.headings.contains { $0.id == section } }
        return link(urls.issue(issue, language, section: exists ? section : nil))
    }

    func kindLabel(_ kind: ChangeKind) -> String {
        switch kind {
        case .added: return t(.diffAdded)
        case .removed: return t(.diffRemoved)
        case .edited: return t(.diffEdited)
        case .moved: return t(.diffMoved)
        }
    }

    func languageName(_ language: Language) -> String { t(language == .ja ? .diffLangJa : .diffLangEn) }

    /// `diff_field_<field>` is optional (see `UIString`): without it the field's own name.
    func fieldName(_ field: String) -> String { t["diff_field_\(field)"] ?? field }

    // MARK: Page

    func page() -> ReportPageContext {
        let groups = report.sectionGroups
        var issues: [ReportPageContext.IssueGroup] = []
        for group in groups {
            if issues.last?.id != group.issue {
                issues.append(ReportPageContext.IssueGroup(
                    id: group.issue, anchor: "issue-\(group.issue)", label: issueLabel(group.issue),
                    url: OrFalse(new.issue(group.issue).map { link(urls.issue($0.id, language)) }), sections: []))
            }
            issues[issues.count - 1].sections.append(sectionGroup(group))
        }
        let data = dataChanges()
        let rows: [(UIString, [ChangeKind])] = [
            (.commentsTitle, report.comments.map(\.change)), (.diffSections, report.sections.map(\.change)),
            (.diffIssues, report.issues.map(\.change)), (.diffPages, report.pages.map(\.change)),
            (.referencesTitle, report.references.map(\.change)), (.membersTitle, report.members.map(\.change)),
            (.meetingsTitle, report.meetings.map(\.change)),
        ]
        let summary = rows.compactMap { key, kinds in
            kinds.isEmpty ? nil : ReportPageContext.SummaryRow(
                label: t(key), total: kinds.count,
                counts: ChangeKind.allCases.map { kind in ReportPageContext.SummaryRow.Count(count: kinds.count { $0 == kind }) })
        }
        return ReportPageContext(
            lang: language.rawValue,
            t: UIStringTable(language: language, strings: t),
            siteTitle: text(new.config.title) ?? "",
            shortTitle: text(new.config.shortTitle) ?? text(new.config.title) ?? "",
            showShortTitle: text(new.config.shortTitle) != text(new.config.title),
            homeURL: link(urls.home(language)),
            cssURL: "../assets/style.css",
            old: report.old, new: report.new,
            alternates: languages.map { other in
                ReportPageContext.Alternate(lang: other.rawValue, url: "../\(other.rawValue)/index.html", current: other == language,
                                            label: strings[other]?[.languageName] ?? other.rawValue)
            },
            hasChanges: !report.isEmpty,
            kinds: ChangeKind.allCases.map { ReportPageContext.Kind(label: kindLabel($0)) },
            summary: summary,
            issues: issues,
            hasIssues: !issues.isEmpty,
            data: data,
            hasData: !data.isEmpty,
            filters: filters(),
            filterCount: t(.diffFilterCount))
    }

    // MARK: Changes

    private func sectionGroup(_ group: DiffReport.SectionGroup) -> SectionGroupContext {
        let sections = group.sections.map { change in
            SectionChangeContext(
                kind: change.change.rawValue, kindLabel: kindLabel(change.change), issue: change.issue,
                languages: change.languages.map(languageName).joined(separator: language == .ja ? "・" : ", "),
                texts: texts(change.texts, onlyChangedLines: change.change == .edited))
        }
        let comments = group.comments.map(comment)
        return SectionGroupContext(
            anchor: "section-\(group.issue)-\(group.section)", section: group.section,
            title: sectionTitle(group.issue, group.section), url: OrFalse(sectionURL(group.issue, group.section)),
            sectionChanges: sections, comments: comments, hasComments: !comments.isEmpty)
    }

    private func comment(_ change: CommentChange) -> CommentChangeContext {
        var members = [change.member], meetings = [change.meeting]
        for field in change.fields {
            if field.field == "member", let old = field.old { members.append(old) }
            if field.field == "meeting", let old = field.old { meetings.append(old) }
        }
        let issues = Set([change.oldTarget?.issue, change.newTarget?.issue].compactMap { $0 }).sorted()
        func target(_ value: CommentTarget?) -> OrFalse<CommentChangeContext.Target> {
            OrFalse(value.map { CommentChangeContext.Target(label: targetName($0), id: $0.description, url: OrFalse(sectionURL($0.issue, $0.section))) })
        }
        let commentURL = change.change == .removed || new.comment(change.id) == nil
            ? nil : link(urls.issue(change.target.issue, language, section: "comment-\(change.id)"))
        return CommentChangeContext(
            id: change.id, kind: change.change.rawValue, kindLabel: kindLabel(change.change),
            dataMember: members.joined(separator: " "), dataMeeting: meetings.joined(separator: " "),
            dataIssue: issues.joined(separator: " "),
            memberName: memberName(change.member),
            memberURL: OrFalse(new.member(change.member) != nil ? link(urls.member(change.member, language)) : nil),
            meetingName: meetingName(change.meeting),
            meetingURL: OrFalse(new.meeting(change.meeting) != nil ? link(urls.meeting(change.meeting, language)) : nil),
            commentURL: OrFalse(commentURL), isMoved: change.change == .moved,
            oldTarget: target(change.oldTarget), newTarget: target(change.newTarget),
            fields: change.fields.map(field), hasFields: !change.fields.isEmpty,
            texts: texts(change.texts, onlyChangedLines: false))
    }

    func field(_ change: FieldChange) -> FieldContext {
        func value(_ raw: String?) -> OrFalse<String> {
            OrFalse(raw.map { raw in
                switch change.field {
                case "member": memberName(raw)
                case "meeting": meetingName(raw)
                default: raw
                }
            })
        }
        let name = fieldName(change.field) + (change.lang.map { " (\(languageName($0)))" } ?? "")
        return FieldContext(name: name, old: value(change.old), new: value(change.new))
    }

    /// The texts in the page's language first; each line of the diff a paragraph of
    /// pieces, with `gap` where unchanged lines were left out.
    func texts(_ texts: [Language: [DiffSegment]], onlyChangedLines: Bool) -> [TextContext] {
        let order = [language] + Language.allCases.filter { $0 != language }
        return order.compactMap { textLanguage in
            guard let segments = texts[textLanguage] else { return nil }
            var lines: [TextContext.Line] = []
            var skipped = false
            for line in DiffFormatter.lines(segments) {
                guard !line.pieces.isEmpty, line.changed || !onlyChangedLines else {
                    if !line.pieces.isEmpty { skipped = true }
                    continue
                }
                lines.append(TextContext.Line(gapBefore: skipped, changed: line.changed, pieces: line.pieces.map(piece)))
                skipped = false
            }
            return TextContext(textLang: textLanguage.rawValue, languageName: languageName(textLanguage), lines: lines, gapAfter: skipped)
        }
    }

    private func piece(_ segment: DiffSegment) -> TextContext.Piece {
        switch segment {
        case .equal(let text): TextContext.Piece(text: text, equal: true, inserted: false, deleted: false)
        case .inserted(let text): TextContext.Piece(text: text, equal: false, inserted: true, deleted: false)
        case .deleted(let text): TextContext.Piece(text: text, equal: false, inserted: false, deleted: true)
        }
    }

    // MARK: Filters

    private func filters() -> [ReportPageContext.Filter] {
        var memberIDs: [String] = [], meetingIDs: [String] = []
        for change in report.comments {
            memberIDs.append(change.member)
            meetingIDs.append(change.meeting)
            for field in change.fields {
                if field.field == "member", let old = field.old { memberIDs.append(old) }
                if field.field == "meeting", let old = field.old { meetingIDs.append(old) }
            }
        }
        func order<T>(_ ids: [String], _ list: [T], _ id: KeyPath<T, String>) -> [String] {
            let unique = Set(ids)
            let known = list.map { $0[keyPath: id] }.filter(unique.contains)
            return known + unique.subtracting(known).sorted()
        }
        let members = order(memberIDs, new.members + old.members.filter { new.member($0.id) == nil }, \.id)
        let meetings = order(meetingIDs, new.meetings + old.meetings.filter { new.meeting($0.id) == nil }, \.id)
        var issueIDs: [String] = []
        for group in report.sectionGroups where !issueIDs.contains(group.issue) { issueIDs.append(group.issue) }
        for change in report.comments {
            for target in [change.oldTarget, change.newTarget].compactMap({ $0 }) where !issueIDs.contains(target.issue) {
                issueIDs.append(target.issue)
            }
        }
        for change in report.translations {
            if let issue = change.issue, !issueIDs.contains(issue) { issueIDs.append(issue) }
        }
        let filters: [(String, UIString, [(String, String)])] = [
            ("member", .diffFilterMember, members.map { ($0, memberName($0)) }),
            ("meeting", .diffFilterMeeting, meetings.map { ($0, meetingName($0)) }),
            ("issue", .diffFilterIssue, issueIDs.map { ($0, issueLabel($0)) }),
        ]
        return filters.filter { !$0.2.isEmpty }.map { name, label, options in
            ReportPageContext.Filter(name: name, label: t(label), options: options.map { ReportPageContext.Filter.Option(value: $0.0, label: $0.1) })
        }
    }
}
