import ShingiCore
import ShingiLoad

/// The language an item was written in first: its other languages are translations of
/// it (staleness, `shingi translations`, the notices). `default_language` unless a file
/// of the item says otherwise with `source_language:`.
enum SourceLanguage {
    static func of(_ sources: Localized<MarkdownSource>, languages: [Language], default language: Language) -> Language {
        languages.lazy.compactMap { sources[$0]?.sourceLanguage?.value }.first ?? language
    }

    /// The files of one item that name another source language than the first that
    /// names one: the languages of one item must agree.
    static func conflicts(_ sources: Localized<MarkdownSource>, languages: [Language]) -> [Diagnostic] {
        let naming = languages.compactMap { sources[$0] }.filter { $0.sourceLanguage != nil }
        guard let first = naming.first, let chosen = first.sourceLanguage?.value else { return [] }
        return naming.dropFirst().compactMap { file in
            guard let named = file.sourceLanguage, named.value != chosen else { return nil }
            return .error("translation-mismatch", "this translation has source_language '\(named.value.rawValue)' but \(first.path) has '\(chosen.rawValue)'; the languages of one item must agree", at: named.location)
        }
    }
}
