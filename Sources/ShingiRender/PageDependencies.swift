import ShingiCore
import ShingiLoad
import ShingiResolve

/// Which pages a rebuild must re-render, given the site before and after a change and the
/// changed paths (relative to the site root). Nil means every page: a template,
/// `shingi.yml` or a data file changed, an item was added, removed or renamed, or
/// something that other pages show (a title, a target, a section, a citation) changed.
/// Conservative: whatever it cannot place, it answers with nil.
public func affectedJobs(old: ResolvedSite, new: ResolvedSite, changedPaths: Set<String>) -> [PageJob]? {
    guard !changedPaths.isEmpty else { return nil }
    // The structure every page's links and indexes are made of must be the same.
    guard old.config.languages == new.config.languages,
          old.config.baseURL == new.config.baseURL,
          old.members == new.members, old.meetings == new.meetings, old.references == new.references,
          old.issues.map(\.id) == new.issues.map(\.id),
          old.comments.map(\.id) == new.comments.map(\.id),
          old.pages.map(\.slug) == new.pages.map(\.slug),
          (old.home == nil) == (new.home == nil),
          old.citations == new.citations
    else { return nil }
    let languages = new.config.languages
    var jobs: [PageJob] = []

    /// The languages whose pages show the `language` translation (its own, and the other
    /// one when that has no translation of its own).
    func showing<T>(_ translations: Localized<T>, _ language: Language) -> [Language] {
        languages.filter { translations.resolve($0) != nil && (translations[$0] != nil ? $0 == language : $0.other == language) }
    }
    /// As `showing`, and for a change to the source language the pages of the translations
    /// that record what they were made from: they say whether they are stale against it.
    func showingWithTranslations<T: HasSource>(_ translations: Localized<T>, _ language: Language) -> [Language] {
        let shown = showing(translations, language)
        guard language == new.config.defaultLanguage else { return shown }
        return languages.filter { shown.contains($0) || translations[$0]?.source.translationOf != nil }
    }

    for path in changedPaths.sorted() {
        guard path.hasPrefix("content/"), path.hasSuffix(".md") else { return nil }
        if let (index, language) = find(path, in: new.issues.map(\.translations)) {
            let before = old.issues[index], after = new.issues[index]
            // Links to any heading show its text (sub-sections too), so all headings count.
            guard before.number == after.number, before.advisors == after.advisors, before.meeting == after.meeting,
                  before.sections == after.sections, before.anchors == after.anchors,
                  headingTexts(before.translations[language]) == headingTexts(after.translations[language]),
                  sameExceptBody(before.translations, after.translations, path: path, language: language, body: \.source)
            else { return nil }
            jobs += showingWithTranslations(after.translations, language).map { .issue(after.id, $0) }
        } else if let (index, language) = find(path, in: new.comments.map(\.translations)) {
            let before = old.comments[index], after = new.comments[index]
            guard before.member == after.member, before.issue == after.issue, before.section == after.section,
                  before.meeting == after.meeting, before.date == after.date,
                  sameExceptBody(before.translations, after.translations, path: path, language: language, body: \.source)
            else { return nil }
            for shown in showing(after.translations, language) {
                jobs += [.issue(after.issue, shown), .member(after.member, shown), .meeting(after.meeting, shown), .comments(shown)]
                for meeting in [nil, after.meeting] { jobs += [.responses(meeting, shown), .responsesCSV(meeting, shown)] }
            }
        } else if let (index, language) = find(path, in: new.pages.map(\.translations)) {
            let before = old.pages[index], after = new.pages[index]
            guard before.order == after.order,
                  sameExceptBody(before.translations, after.translations, path: path, language: language, body: \.source)
            else { return nil }
            jobs += showingWithTranslations(after.translations, language).map { .page(after.slug, $0) }
        } else if let home = new.home, let oldHome = old.home, let (_, language) = find(path, in: [home.translations]) {
            guard sameExceptBody(oldHome.translations, home.translations, path: path, language: language, body: \.source) else { return nil }
            jobs += showingWithTranslations(home.translations, language).map { .home($0) }
        } else {
            return nil
        }
    }
    var seen: Set<PageJob> = []
    return jobs.filter { seen.insert($0).inserted }
}

/// The id and text of every heading of an issue's translation.
private func headingTexts(_ file: IssueFile?) -> [String] {
    file?.source.fragment.headings.flatMap { [$0.id, $0.text] } ?? []
}

/// The item and language whose translation was read from `path`.
private func find<T: HasSource>(_ path: String, in items: [Localized<T>]) -> (Int, Language)? {
    for (index, translations) in items.enumerated() {
        for (language, file) in translations.values where file.source.path == path { return (index, language) }
    }
    return nil
}

/// Both sides have the same languages, the file at `path` in both, and the changed file
/// differs in its body (and what only its own pages show) at most.
private func sameExceptBody<T: HasSource & Equatable>(_ old: Localized<T>, _ new: Localized<T>, path: String, language: Language,
                                                      body: WritableKeyPath<T, MarkdownSource>) -> Bool {
    guard old.languages == new.languages, var before = old[language], let after = new[language],
          before.source.path == path, after.source.path == path else { return false }
    for other in new.languages where other != language {
        guard old[other] == new[other] else { return false }
    }
    before[keyPath: body] = after[keyPath: body]
    return before == after
}

protocol HasSource { var source: MarkdownSource { get } }
extension IssueFile: HasSource {}
extension CommentFile: HasSource {}
extension PageFile: HasSource {}
