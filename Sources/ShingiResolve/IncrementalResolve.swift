import ShingiCore
import ShingiLoad

extension Resolver {
    /// `previous` brought up to date with `loaded` when `change` (what Load read again
    /// since `previous` was resolved) only edited Markdown files of existing items: the
    /// changed items are paired and checked again, everything else is kept. The same site
    /// a full `resolve(loaded)` gives, or nil when the change may reach further than the
    /// changed items themselves (so a full resolve is needed):
    /// - `previous` had errors (a duplicate id, say, whose message names another file);
    /// - a data file changed;
    /// - a file appeared, went away or changed what it is (which item, which kind);
    /// - a changed item now has errors;
    /// - a changed item's place in the site changed: an issue's id, number, sections or
    ///   anchors, a comment's member, target or meeting, a page's order;
    /// - a changed item cites other references (or cites them elsewhere).
    ///
    /// With those fixed, what other items are checked against (ids, anchors, the order of
    /// issues and comments, citations) is the same, so their diagnostics are too; every
    /// diagnostic of an item lies in one of its files.
    public func update(_ previous: ResolvedSite, with loaded: LoadedSite, change: LoadChange) -> Update? {
        // A file that did not load is missing from its item: the full resolve says so once.
        guard !change.dataFiles, !previous.diagnostics.hasErrors, !loaded.diagnostics.hasErrors,
              previous.config == loaded.config else { return nil }
        let languages = loaded.config.languages
        var site = previous
        var issues: [Int: Localized<IssueFile>] = [:]
        var comments: [Int: Localized<CommentFile>] = [:]
        var pages: [Int: Localized<PageFile>] = [:]
        var home: Localized<PageFile>?
        // Each edited file is found in `previous` by its item's identity, and must be the
        // very file it was. Before and after are read from one path, so they are of one
        // kind and one item (`ContentAddress`); a file that appeared or went away changes
        // which items there are.
        for edit in change.markdown {
            guard let before = edit.before, let after = edit.after else {
                if edit.before == nil && edit.after == nil { continue }
                return nil
            }
            let language = before.source.language
            switch before {
            case .issue(let old):
                guard case .issue(let new) = after, let index = previous.issueIndex[old.id.value],
                      previous.issues[index].translations[language] == old else { return nil }
                issues[index, default: previous.issues[index].translations][language] = new
            case .comment(let old):
                guard case .comment(let new) = after, let index = previous.commentIndex[old.id],
                      previous.comments[index].translations[language] == old else { return nil }
                comments[index, default: previous.comments[index].translations][language] = new
            case .page(let old):
                guard case .page(let new) = after, let index = previous.pages.firstIndex(where: { $0.slug == old.slug }),
                      previous.pages[index].translations[language] == old else { return nil }
                pages[index, default: previous.pages[index].translations][language] = new
            case .home(let old):
                guard case .home(let new) = after, let translations = home ?? previous.home?.translations,
                      translations[language] == old else { return nil }
                home = translations
                home![language] = new
            }
        }
        var diagnostics: [Diagnostic] = []
        // The paths whose diagnostics are replaced: every file of a changed item.
        var paths = change.diagnosticPaths
        func sameCitations(_ old: [(reference: String, place: CitationPlace)], _ new: [(reference: String, place: CitationPlace)]) -> Bool {
            old.count == new.count && zip(old, new).allSatisfy { $0.reference == $1.reference && $0.place == $1.place }
        }
        var scratch: [Diagnostic] = []
        // A changed item's translation states, and whether its files agree on their source
        // language (an item's files only: the other items' did not change).
        var conflicts: [Diagnostic] = []
        func checkTranslations(_ sources: Localized<MarkdownSource>) {
            diagnostics += TranslationState.diagnostics(site.translationStates(of: sources))
            conflicts += SourceLanguage.conflicts(sources, languages: languages)
        }
        for (index, translations) in issues {
            let old = previous.issues[index]
            let primary = checkTranslationsAgree(translations, diagnostics: &diagnostics)
            guard primary.id.value == old.id else { return nil }
            let issue = issue(slug: primary.slug, translations: translations, languages: languages, diagnostics: &diagnostics)
            guard issue.number == old.number, issue.sections.map(\.id) == old.sections.map(\.id), issue.anchors == old.anchors
            else { return nil }
            checkData(of: issue, site: previous, diagnostics: &diagnostics)
            guard sameCitations(crossLinks(of: old, site: previous, diagnostics: &scratch),
                                crossLinks(of: issue, site: previous, diagnostics: &diagnostics)) else { return nil }
            site.issues[index] = issue
            checkTranslations(site.sources(issue.translations, \.source))
            paths.formUnion(translations.values.values.map(\.source.path))
        }
        for (index, translations) in comments {
            let old = previous.comments[index]
            guard let comment = comment(id: old.id, translations: translations, site: previous, languages: languages, diagnostics: &diagnostics),
                  comment.member == old.member, comment.issue == old.issue, comment.section == old.section, comment.meeting == old.meeting,
                  sameCitations(crossLinks(of: old, site: previous, diagnostics: &scratch),
                                crossLinks(of: comment, site: previous, diagnostics: &diagnostics))
            else { return nil }
            site.comments[index] = comment
            checkTranslations(site.sources(comment.translations, \.source))
            paths.formUnion(translations.values.values.map(\.source.path))
        }
        for (index, translations) in pages {
            let old = previous.pages[index]
            let page = page(slug: old.slug, translations: translations, kind: .page, languages: languages, diagnostics: &diagnostics)
            guard page.order == old.order,
                  sameCitations(crossLinks(of: old, site: previous, diagnostics: &scratch),
                                crossLinks(of: page, site: previous, diagnostics: &diagnostics))
            else { return nil }
            site.pages[index] = page
            checkTranslations(site.sources(page.translations, \.source))
            paths.formUnion(translations.values.values.map(\.source.path))
        }
        if let translations = home, let old = previous.home {
            let page = page(slug: "index", translations: translations, kind: .home, languages: languages, diagnostics: &diagnostics)
            guard sameCitations(crossLinks(ofHome: old, site: previous, diagnostics: &scratch),
                                crossLinks(ofHome: page, site: previous, diagnostics: &diagnostics))
            else { return nil }
            site.home = page
            checkTranslations(site.sources(page.translations, \.source))
            paths.formUnion(translations.values.values.map(\.source.path))
        }
        // Files that disagree on their source language: the full resolve reports them.
        guard !diagnostics.hasErrors, conflicts.isEmpty else { return nil }
        // The load's diagnostics of those files, then what resolving them found.
        var all = previous.diagnostics.filter { !paths.contains($0.location.path) }
        all += loaded.diagnostics.filter { paths.contains($0.location.path) }
        guard !all.hasErrors else { return nil }
        all += diagnostics
        site.diagnostics = all.sorted()
        var replaced: [ContentKind: [Int]] = [:]
        replaced[.issue] = issues.keys.sorted()
        replaced[.comment] = comments.keys.sorted()
        replaced[.page] = pages.keys.sorted()
        replaced[.home] = home == nil ? [] : [0]
        return Update(site: site, replaced: replaced.filter { !$0.value.isEmpty })
    }

    /// A site brought up to date by `update`, and which items it replaced.
    public struct Update: Sendable {
        public var site: ResolvedSite
        /// By kind, the places in the site's lists (which `update` keeps in order) of the
        /// items it made again (the home page at 0); every other item is the previous
        /// site's own value, so what changed is among these.
        public var replaced: [ContentKind: [Int]]
    }
}
