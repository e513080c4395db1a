import ShingiCore
import ShingiLoad

/// Where one part (the introduction or a section) of one translation stands against the
/// source language's text.
public struct TranslationState: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, CaseIterable {
        /// Recorded, and the source part has not changed since.
        case current
        /// Recorded, and the source part has changed (or is gone) since.
        case stale
        /// The item has no file in this language.
        case missing
        /// The translation exists but records nothing for this part.
        case unrecorded
    }

    /// The translation's file (the expected file when `missing`).
    public var path: String
    public var language: Language
    /// The source language's file.
    public var sourcePath: String
    /// `_intro` or a section id.
    public var part: String
    public var state: State
    /// Where the recorded hash (or the field) is, for a diagnostic.
    public var location: SourceLocation

    /// The states of every part of one item's translations; the source is the item's
    /// file in `sourceLanguage` (none when that file is missing).
    public static func of(_ sources: Localized<MarkdownSource>, sourceLanguage: Language, languages: [Language],
                          expectedPath: (Language) -> String) -> [TranslationState] {
        guard let source = sources[sourceLanguage] else { return [] }
        let parts = SourceParts(source)
        var states: [TranslationState] = []
        for language in languages where language != sourceLanguage {
            guard let translation = sources[language] else {
                let path = expectedPath(language)
                states += parts.parts.map {
                    TranslationState(path: path, language: language, sourcePath: source.path, part: $0.key, state: .missing,
                                     location: SourceLocation(path: path))
                }
                continue
            }
            let record = translation.translationOf
            for part in parts.parts {
                let state: State
                var location = record?.location ?? translation.frontMatterLocation
                if let recorded = record?.hashes[part.key] {
                    state = recorded.value == part.hash ? .current : .stale
                    location = recorded.location
                } else {
                    state = .unrecorded
                }
                states.append(TranslationState(path: translation.path, language: language, sourcePath: source.path,
                                               part: part.key, state: state, location: location))
            }
            // A recorded section that the source no longer has: the translation still has it
            // (unless a published build left it out as a draft section).
            let leftOut = Set((source.draftCut?.ids ?? [:]).keys).union((translation.draftCut?.ids ?? [:]).keys)
            for (key, recorded) in (record?.hashes ?? [:]).sorted(by: { $0.key < $1.key }) where parts.part(key) == nil && !leftOut.contains(key) {
                states.append(TranslationState(path: translation.path, language: language, sourcePath: source.path,
                                               part: key, state: .stale, location: recorded.location))
            }
        }
        return states
    }

    /// One `translation-stale` warning per stale translation, at its `translation_of`
    /// field, naming the source file and the parts that changed.
    public static func diagnostics(_ states: [TranslationState]) -> [Diagnostic] {
        var byPath: [String: [TranslationState]] = [:]
        for state in states where state.state == .stale { byPath[state.path, default: []].append(state) }
        return byPath.keys.sorted().map { path in
            let stale = byPath[path]!
            let parts = stale.map { $0.part == SourceParts.intro ? "the introduction" : "section \($0.part)" }
            let location = stale.count == 1 ? stale[0].location : (stale.map(\.location).min { $0.line < $1.line } ?? stale[0].location)
            return .warning("translation-stale", "this translation was made from an older text of \(stale[0].sourcePath): \(parts.joined(separator: ", ")) changed since; bring the translation up to date, then run `shingi translations --mark \(path)`", at: location)
        }
    }
}
