import ShingiCore
import ShingiLoad
import ShingiMarkdown

/// The Resolve stage: pairs translations by identity, checks every id and cross-link
/// against the whole site, and reports missing translations.
public struct Resolver {
    /// Whether items marked `draft: true` stay in the site (`build --drafts`, `serve`);
    /// without, they are left out and a published link to one is an error.
    public var includeDrafts: Bool

    public init(includeDrafts: Bool = true) {
        self.includeDrafts = includeDrafts
    }

    public func resolve(_ loaded: LoadedSite) -> ResolvedSite {
        var diagnostics = loaded.diagnostics
        let languages = loaded.config.languages
        let members = unique(loaded.members, what: "member", id: \.id, location: \.location, diagnostics: &diagnostics)
        let meetings = unique(loaded.meetings, what: "meeting", id: \.id, location: \.location, diagnostics: &diagnostics)
        let references = unique(loaded.references, what: "reference", id: \.id, location: \.location, diagnostics: &diagnostics)
            .enumerated().map { index, reference in
                var numbered = reference
                numbered.number = index + 1
                return numbered
            }
        var site = ResolvedSite(config: loaded.config, members: members, meetings: meetings, references: references,
                                issues: [], comments: [], pages: [], home: nil, citations: [:], diagnostics: [])
        for kind in ContentKind.resolveOrder {
            switch kind {
            case .home: site.home = pairPages(loaded.homes, kind: kind, languages: languages, diagnostics: &diagnostics).first
            case .issue: site.issues = pairIssues(loaded.issues, languages: languages, diagnostics: &diagnostics)
            case .comment:
                // Checked against the site so far: the issues they target are indexed.
                site.reindex()
                site.comments = pairComments(loaded.comments, site: site, languages: languages, diagnostics: &diagnostics)
            case .page: site.pages = pairPages(loaded.pages, kind: kind, languages: languages, diagnostics: &diagnostics)
            }
        }
        site.reindex()
        checkData(site, languages: languages, diagnostics: &diagnostics)
        site.citations = checkCrossLinks(site, diagnostics: &diagnostics)
        checkCaseCollisions(site, diagnostics: &diagnostics)
        diagnostics += TranslationState.diagnostics(site.translationStates()) + site.sourceLanguageConflicts()
        if !includeDrafts { site = withoutDrafts(site, diagnostics: &diagnostics) }
        site.diagnostics = KnockOnErrors.collapse(diagnostics, loaded: loaded).sorted()
        return site
    }

    // MARK: Identity

    private func unique<T>(_ items: [T], what: String, id: KeyPath<T, String>, location: KeyPath<T, SourceLocation>,
                           diagnostics: inout [Diagnostic]) -> [T] {
        var seen: [String: SourceLocation] = [:]
        var result: [T] = []
        for item in items {
            if let first = seen[item[keyPath: id]] {
                diagnostics.append(.error("duplicate-id", "\(what) id '\(item[keyPath: id])' is already used at \(first); ids must be unique", at: item[keyPath: location]))
                continue
            }
            seen[item[keyPath: id]] = item[keyPath: location]
            result.append(item)
        }
        return result
    }

    private func missingTranslation<T>(_ translations: Localized<T>, languages: [Language], what: String, expectedPath: (Language) -> String,
                                       location: SourceLocation, diagnostics: inout [Diagnostic]) {
        for language in languages where translations[language] == nil {
            // A translation that exists but did not load has its own error already.
            let path = expectedPath(language)
            if diagnostics.contains(where: { $0.severity == .error && $0.location.path == path }) { continue }
            diagnostics.append(.warning("missing-translation", "\(what) has no \(language.englishName) translation (\(path)); its page is built from the other language with a notice", at: location))
        }
    }

    /// The files of one kind as items: grouped by their key (`ContentAddress.key`), in key order.
    private func pair<File: ContentItemFile>(_ files: [File]) -> [(key: String, translations: Localized<File>)] {
        var byKey: [String: Localized<File>] = [:]
        for file in files { byKey[file.itemKey, default: Localized()][file.source.language] = file }
        return byKey.keys.sorted().map { ($0, byKey[$0]!) }
    }

    private func pairIssues(_ files: [IssueFile], languages: [Language], diagnostics: inout [Diagnostic]) -> [Issue] {
        var issues: [Issue] = []
        var idOwner: [String: SourceLocation] = [:]
        for (slug, translations) in pair(files) {
            let primary = checkTranslationsAgree(translations, diagnostics: &diagnostics)
            if let first = idOwner[primary.id.value] {
                diagnostics.append(.error("duplicate-id", "issue id '\(primary.id.value)' is already used at \(first); ids must be unique", at: primary.id.location))
                continue
            }
            idOwner[primary.id.value] = primary.id.location
            issues.append(issue(slug: slug, translations: translations, languages: languages, diagnostics: &diagnostics))
        }
        return issues.sorted { ($0.number, $0.id) < ($1.number, $1.id) }
    }

    /// The translations of one issue share its id and number; returns the primary one.
    func checkTranslationsAgree(_ translations: Localized<IssueFile>, diagnostics: inout [Diagnostic]) -> IssueFile {
        let primary = translations.languages.map { translations[$0]! }.first!
        for other in translations.values.values where other.id.value != primary.id.value {
            diagnostics.append(.error("translation-mismatch", "this translation has id '\(other.id.value)' but \(primary.source.path) has '\(primary.id.value)'; the languages of one issue share its id", at: other.id.location))
        }
        for other in translations.values.values where other.number != primary.number {
            diagnostics.append(.warning("translation-mismatch", "number \(other.number) differs from \(primary.number) in \(primary.source.path)", at: other.source.frontMatterLocation))
        }
        return primary
    }

    /// One issue from its translations (whose id is not taken by another issue).
    func issue(slug: String, translations: Localized<IssueFile>, languages: [Language], diagnostics: inout [Diagnostic]) -> Issue {
        let primary = translations.languages.map { translations[$0]! }.first!
        missingTranslation(translations, languages: languages, what: "issue '\(primary.id.value)'",
                           expectedPath: { ContentKind.issue.path(key: slug, in: $0) },
                           location: primary.source.frontMatterLocation, diagnostics: &diagnostics)
        checkDraftSectionsAgree(translations, diagnostics: &diagnostics)
        return Issue(id: primary.id.value, number: primary.number, translations: translations,
                     sections: sections(of: translations, languages: languages, diagnostics: &diagnostics),
                     advisors: primary.advisors.map(\.value), meeting: primary.meeting?.value)
    }

    /// Level-2 headings are an issue's sections; their ids should match across languages
    /// so the language switch lands on the same section.
    private func sections(of translations: Localized<IssueFile>, languages: [Language], diagnostics: inout [Diagnostic]) -> [Issue.Section] {
        var order: [String] = []
        var titles: [String: Localized<String>] = [:]
        for language in translations.languages {
            for heading in translations[language]!.source.fragment.headings where heading.level == 2 {
                if titles[heading.id] == nil { order.append(heading.id) }
                titles[heading.id, default: Localized()][language] = heading.text
            }
        }
        if translations.languages.count > 1 {
            for language in translations.languages {
                let file = translations[language]!
                for heading in file.source.fragment.headings where heading.level == 2 && !heading.isExplicitID {
                    diagnostics.append(.warning("section-without-id", "section '\(heading.text)' has no explicit id, so its id differs between languages; add one such as '{#1.2}' so comments and the language switch can address it", at: file.source.location(of: heading.position)))
                }
            }
            for language in translations.languages {
                let file = translations[language]!
                let otherLanguages = translations.languages.filter { $0 != language }
                for heading in file.source.fragment.headings where heading.isExplicitID {
                    for other in otherLanguages where !translations[other]!.source.fragment.headings.contains(where: { $0.id == heading.id }) {
                        diagnostics.append(.warning("section-not-in-translation", "section '\(heading.id)' has no heading with the same id in \(translations[other]!.source.path); add '{#\(heading.id)}' there so the language switch lands on it", at: file.source.location(of: heading.position)))
                    }
                }
            }
        }
        return order.map { Issue.Section(id: $0, titles: titles[$0]!) }
    }

    private func pairPages(_ files: [PageFile], kind: ContentKind, languages: [Language], diagnostics: inout [Diagnostic]) -> [Page] {
        pair(files).map { slug, translations in
            page(slug: slug, translations: translations, kind: kind, languages: languages, diagnostics: &diagnostics)
        }.sorted { ($0.order ?? Int.max, $0.slug) < ($1.order ?? Int.max, $1.slug) }
    }

    /// One free page (or the home page: `kind`) from its translations.
    func page(slug: String, translations: Localized<PageFile>, kind: ContentKind, languages: [Language], diagnostics: inout [Diagnostic]) -> Page {
        let primary = translations[translations.languages[0]]!
        missingTranslation(translations, languages: languages, what: "\(kind.noun) '\(slug)'",
                           expectedPath: { kind.path(key: slug, in: $0) },
                           location: primary.source.frontMatterLocation, diagnostics: &diagnostics)
        return Page(slug: slug, order: primary.order, translations: translations)
    }

    private func pairComments(_ files: [CommentFile], site: ResolvedSite, languages: [Language], diagnostics: inout [Diagnostic]) -> [Comment] {
        var folderOf: [String: CommentFile] = [:]
        let unique = files.filter { file in
            if let first = folderOf[file.id], first.folder != file.folder {
                diagnostics.append(.error("duplicate-id", "comment id '\(file.id)' is already used by \(first.source.path); a comment's file name is its identity and must be unique across meetings", at: file.source.frontMatterLocation))
                return false
            }
            folderOf[file.id] = file
            return true
        }
        var comments: [Comment] = []
        for (id, translations) in pair(unique) {
            if let comment = comment(id: id, translations: translations, site: site, languages: languages, diagnostics: &diagnostics) {
                comments.append(comment)
            }
        }
        return sortComments(comments, site: site)
    }

    /// One comment from its translations, checked against the site's members, meetings
    /// and issues; nil when it names something that does not exist.
    func comment(id: String, translations: Localized<CommentFile>, site: ResolvedSite, languages: [Language], diagnostics: inout [Diagnostic]) -> Comment? {
        let primary = translations[translations.languages[0]]!
        missingTranslation(translations, languages: languages, what: "comment '\(id)'",
                           expectedPath: { ContentKind.comment.path(key: id, folder: primary.folder, in: $0) },
                           location: primary.source.frontMatterLocation, diagnostics: &diagnostics)
        var valid = true
        for file in translations.values.values.sorted(by: { $0.source.path < $1.source.path }) {
            if site.member(file.member.value) == nil {
                diagnostics.append(.error("unknown-member", "member '\(file.member.value)' is not in content/members.yml\(Self.advice(file.member.value, site.members.map(\.id)))", at: file.member.location))
                valid = false
            }
            if site.meeting(file.meeting.value) == nil {
                diagnostics.append(.error("unknown-meeting", "meeting '\(file.meeting.value)' is not in content/meetings.yml\(Self.advice(file.meeting.value, site.meetings.map(\.id)))", at: file.meeting.location))
                valid = false
            }
            if let index = site.issueIndex[file.targetIssue.value] {
                let issue = site.issues[index]
                if !issue.anchors.contains(file.targetSection) {
                    diagnostics.append(.error("unknown-section", "issue '\(issue.id)' has no section '\(file.targetSection)'; known sections: \(issue.sections.map(\.id).joined(separator: ", "))", at: file.targetIssue.location))
                    valid = false
                }
            } else {
                diagnostics.append(.error("unknown-issue", "target issue '\(file.targetIssue.value)' does not exist; known issues: \(site.issues.map(\.id).joined(separator: ", "))", at: file.targetIssue.location))
                valid = false
            }
            if file.source.path != primary.source.path {
                // Each field that differs, with both values, at the field itself.
                let fields: [(name: String, value: String, primary: String, location: SourceLocation)] = [
                    ("member", file.member.value, primary.member.value, file.member.location),
                    ("target", "\(file.targetIssue.value)#\(file.targetSection)", "\(primary.targetIssue.value)#\(primary.targetSection)", file.targetIssue.location),
                    ("meeting", file.meeting.value, primary.meeting.value, file.meeting.location),
                ]
                for field in fields where field.value != field.primary {
                    diagnostics.append(.error("translation-mismatch", "this translation has \(field.name) '\(field.value)' but \(primary.source.path) has '\(field.primary)'; the languages of one comment must agree", at: field.location))
                }
            }
        }
        let response = responseFields(translations, primary: primary, site: site, diagnostics: &diagnostics)
        guard valid else { return nil }
        return Comment(id: id, translations: translations, member: primary.member.value, issue: primary.targetIssue.value,
                       section: primary.targetSection, meeting: primary.meeting.value, date: primary.date,
                       status: response.status, reflectedIn: response.reflectedIn)
    }

    /// Site order: by issue, the section's place in it, the meeting's date, then id. Each
    /// key is computed once, not once per comparison.
    func sortComments(_ comments: [Comment], site: ResolvedSite) -> [Comment] {
        let keys = comments.map { comment -> (Int, Int, ISODate, String) in
            let issueIndex = site.issueIndex[comment.issue]
            let section = issueIndex.flatMap { site.issues[$0].sections.firstIndex { $0.id == comment.section } } ?? Int.max
            return (issueIndex ?? 0, section, site.meeting(comment.meeting)!.date, comment.id)
        }
        return comments.indices.sorted { keys[$0] < keys[$1] }.map { comments[$0] }
    }

    // MARK: Data files

    private func checkData(_ site: ResolvedSite, languages: [Language], diagnostics: inout [Diagnostic]) {
        for issue in site.issues { checkData(of: issue, site: site, diagnostics: &diagnostics) }
        func warnMissing(_ value: Localized<String>, _ what: String, at location: SourceLocation) {
            guard !value.isEmpty else { return }
            for language in languages where value[language] == nil {
                diagnostics.append(.warning("missing-translation", "\(what) has no \(language.englishName) text; it is shown in the other language, marked as untranslated", at: location))
            }
        }
        for member in site.members { warnMissing(member.name, "the name of member '\(member.id)'", at: member.location) }
        for meeting in site.meetings { warnMissing(meeting.title, "the title of meeting '\(meeting.id)'", at: meeting.location) }
        for reference in site.references { warnMissing(reference.title, "the title of reference '\(reference.id)'", at: reference.location) }
    }

    /// What to do about an unknown id: the close one, or add it.
    static func advice(_ id: String, _ ids: [String]) -> String {
        Suggestion.closest(to: id, in: ids).map { "; did you mean '\($0)'?" } ?? "; add it there or fix the id"
    }

    /// An issue's advisors and meeting exist.
    func checkData(of issue: Issue, site: ResolvedSite, diagnostics: inout [Diagnostic]) {
        for file in issue.translations.values.values {
            for advisor in file.advisors where site.member(advisor.value) == nil {
                diagnostics.append(.error("unknown-member", "advisor '\(advisor.value)' is not in content/members.yml\(Self.advice(advisor.value, site.members.map(\.id)))", at: advisor.location))
            }
            if let meeting = file.meeting, site.meeting(meeting.value) == nil {
                diagnostics.append(.error("unknown-meeting", "meeting '\(meeting.value)' is not in content/meetings.yml\(Self.advice(meeting.value, site.meetings.map(\.id)))", at: meeting.location))
            }
        }
    }

    // MARK: Cross-links

    /// Checks every item's cross-links and returns where each reference is cited, kind by
    /// kind in `ContentKind.resolveOrder`.
    func checkCrossLinks(_ site: ResolvedSite, diagnostics: inout [Diagnostic]) -> [String: [CitationPlace]] {
        var citations: [String: [CitationPlace]] = [:]
        func add(_ cited: [(reference: String, place: CitationPlace)]) {
            for (reference, place) in cited { citations[reference, default: []].append(place) }
        }
        for kind in ContentKind.resolveOrder {
            switch kind {
            case .home: if let home = site.home { add(crossLinks(ofHome: home, site: site, diagnostics: &diagnostics)) }
            case .issue: for issue in site.issues { add(crossLinks(of: issue, site: site, diagnostics: &diagnostics)) }
            case .comment: for comment in site.comments { add(crossLinks(of: comment, site: site, diagnostics: &diagnostics)) }
            case .page: for page in site.pages { add(crossLinks(of: page, site: site, diagnostics: &diagnostics)) }
            }
        }
        return citations
    }

    /// Checks the cross-links of one item's translations (in path order) and returns the
    /// references they cite with where, each pair once, in reading order. No two items
    /// share a citation place, so the site's citations are these lists one after another.
    func crossLinks(of sources: [MarkdownSource], site: ResolvedSite, diagnostics: inout [Diagnostic],
                    place: (Heading?) -> CitationPlace) -> [(reference: String, place: CitationPlace)] {
        var cited: [(reference: String, place: CitationPlace)] = []
        for source in sources.sorted(by: { $0.path < $1.path }) {
            let headings = source.fragment.headings
            for link in source.fragment.crossLinks {
                let location = source.location(of: link.position)
                guard let kind = CrossLinkKind(rawValue: link.kind) else {
                    diagnostics.append(.error("unknown-link-kind", "'\(link.source)' uses the unknown kind '\(link.kind)'; use one of \(CrossLinkKind.allCases.map(\.rawValue).joined(separator: ", "))", at: location))
                    continue
                }
                if let problem = CrossLinkValidation.problem(link, kind: kind, in: site) {
                    diagnostics.append(.error(problem.code, problem.message, at: location))
                    continue
                }
                if kind == .ref {
                    let section = headings.last { $0.level <= 2 && ($0.position.line, $0.position.column) < (link.position.line, link.position.column) }
                    let where_ = place(section)
                    if !cited.contains(where: { $0.reference == link.target && $0.place == where_ }) { cited.append((link.target, where_)) }
                }
            }
        }
        return cited
    }

    func crossLinks(ofHome home: Page, site: ResolvedSite, diagnostics: inout [Diagnostic]) -> [(reference: String, place: CitationPlace)] {
        crossLinks(of: home.translations.values.values.map(\.source), site: site, diagnostics: &diagnostics) { _ in .home }
    }

    func crossLinks(of issue: Issue, site: ResolvedSite, diagnostics: inout [Diagnostic]) -> [(reference: String, place: CitationPlace)] {
        crossLinks(of: issue.translations.values.values.map(\.source), site: site, diagnostics: &diagnostics) { heading in
            .issue(id: issue.id, section: heading.flatMap { $0.level == 2 ? $0.id : nil })
        }
    }

    func crossLinks(of comment: Comment, site: ResolvedSite, diagnostics: inout [Diagnostic]) -> [(reference: String, place: CitationPlace)] {
        crossLinks(of: comment.sourcesWithResponses, site: site, diagnostics: &diagnostics) { _ in .comment(id: comment.id) }
    }

    func crossLinks(of page: Page, site: ResolvedSite, diagnostics: inout [Diagnostic]) -> [(reference: String, place: CitationPlace)] {
        crossLinks(of: page.translations.values.values.map(\.source), site: site, diagnostics: &diagnostics) { _ in .page(slug: page.slug) }
    }
}

extension Language {
    public var englishName: String { self == .ja ? "Japanese" : "English" }
}
