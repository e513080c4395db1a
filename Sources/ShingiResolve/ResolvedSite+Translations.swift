import ShingiCore
import ShingiLoad

extension ResolvedSite {
    /// Every part of every item's translations, in site order (`ContentKind.siteOrder`:
    /// home, issues, pages, comments), against the site's default language; `language`
    /// keeps one language's.
    public func translationStates(language: Language? = nil) -> [TranslationState] {
        // Each item's parts are hashed from its text: the largest step of Resolve, on all cores.
        let states = ContentKind.siteOrder.flatMap(sourcesOfItems).concurrentMap { self.translationStates(of: $0) }.flatMap { $0 }
        guard let language else { return states }
        return states.filter { $0.language == language }
    }

    /// The files of every item of `kind`, each item's by language, in site order.
    func sourcesOfItems(_ kind: ContentKind) -> [Localized<MarkdownSource>] {
        switch kind {
        case .issue: issues.map { sources($0.translations, \.source) }
        case .comment: comments.map { sources($0.translations, \.source) }
        case .page: pages.map { sources($0.translations, \.source) }
        case .home: home.map { [sources($0.translations, \.source)] } ?? []
        }
    }

    /// The parts of one item's translations: a language it lacks is expected at the
    /// item's address in that language (`ContentAddress`).
    func translationStates(of sources: Localized<MarkdownSource>) -> [TranslationState] {
        let address = sources.values.values.first.flatMap { ContentAddress(path: $0.path, languages: config.languages) }
        return TranslationState.of(sources, sourceLanguage: sourceLanguage(of: sources), languages: config.languages,
                                   expectedPath: { address?.path(in: $0) ?? "" })
    }

    /// The files of an item's translations, by language.
    public func sources<T>(_ translations: Localized<T>, _ source: KeyPath<T, MarkdownSource>) -> Localized<MarkdownSource> {
        var result = Localized<MarkdownSource>()
        for language in translations.languages { result[language] = translations[language]![keyPath: source] }
        return result
    }

    /// The item's source language (`SourceLanguage`).
    public func sourceLanguage(of sources: Localized<MarkdownSource>) -> Language {
        SourceLanguage.of(sources, languages: config.languages, default: config.defaultLanguage)
    }

    /// The items whose files name different source languages (`SourceLanguage.conflicts`).
    func sourceLanguageConflicts() -> [Diagnostic] {
        ContentKind.allCases.flatMap(sourcesOfItems).flatMap { SourceLanguage.conflicts($0, languages: config.languages) }
    }

}

extension ResolvedSite {
    /// The source-language file of the item whose translation is at `path`; nil when
    /// `path` is no item's file or is itself in the source language.
    public func translationSource(of path: String) -> MarkdownSource? {
        guard let sources = itemSources(at: path), let source = sources[sourceLanguage(of: sources)] else { return nil }
        return source.path == path ? nil : source
    }

    /// Every language's file of the item that has a file at `path`: the path says which
    /// item (`ContentAddress`), found by its key, not by a scan of every file of the site.
    public func itemSources(at path: String) -> Localized<MarkdownSource>? {
        guard let address = ContentAddress(path: path, languages: config.languages) else { return nil }
        let sources: Localized<MarkdownSource>?
        switch address.kind {
        case .issue:
            sources = issues.first { $0.translations[address.language]?.slug == address.key }.map { self.sources($0.translations, \.source) }
        case .comment:
            sources = comment(address.key).map { self.sources($0.translations, \.source) }
        case .page:
            sources = pages.first { $0.slug == address.key }.map { self.sources($0.translations, \.source) }
        case .home:
            sources = home.map { self.sources($0.translations, \.source) }
        }
        // The item has the file only if it was read from this very path.
        guard let sources, sources[address.language]?.path == path else { return nil }
        return sources
    }
}

extension ResolvedSite {
    /// The parts (`_intro`, section ids) of the translation at `path` whose source changed
    /// since it was translated, among the item's files (`sources`): the caller has the
    /// item, so the site is not searched for it (a renderer makes a page per item).
    public func staleParts(at path: String, among sources: Localized<MarkdownSource>) -> Set<String> {
        let sourceLanguage = sourceLanguage(of: sources)
        guard let source = sources[sourceLanguage], source.path != path else { return [] }
        let states = TranslationState.of(sources, sourceLanguage: sourceLanguage, languages: config.languages, expectedPath: { _ in "" })
        return Set(states.filter { $0.path == path && $0.state == .stale }.map(\.part))
    }
}
