import ShingiCore
import ShingiMarkdown

/// One parsed Markdown file of one language: the Markdown stage's fragment plus where
/// its body starts in the file, so fragment positions become file positions.
public struct MarkdownSource: Sendable, Hashable, Encodable {
    public var path: String
    public var language: Language
    public var fragment: RenderedFragment
    /// The Markdown body as written (after the front matter), for tools that compare text.
    public var body: String
    public var bodyFirstLine: Int
    /// Columns before the text on every line: a text from an indented YAML block scalar
    /// (a comment's `response: |`) starts to the right of column 1.
    public var bodyColumnOffset = 0
    /// `translation_of:`: what this translation was made from, if recorded.
    public var translationOf: TranslationRecord?
    /// `source_language:`: the item was written first in this language, so its file in
    /// `default_language` is a translation (`SourceLanguage`); nil where it does not say.
    public var sourceLanguage: Located<Language>?
    /// `draft: true`: left out of a published build (`build` without `--drafts`).
    public var isDraft = false
    /// The text without its draft sections (`{#id .draft}`), when it has any.
    public var draftCut: DraftCut?
    /// The SHA-256 of the file the text was read from. With `body` it is what everything
    /// above follows from, so a later build compares it instead of the text's parts
    /// (`ValueDigest`); empty for a text not read from a file.
    public var fileDigest: [UInt8] = []

    /// This text as a published build shows it: without its draft sections.
    public var withoutDraftSections: MarkdownSource {
        guard let draftCut else { return self }
        var published = self
        published.body = draftCut.body
        published.fragment = draftCut.fragment
        return published
    }

    public func location(of position: BodyPosition) -> SourceLocation {
        SourceLocation(path: path, line: position.line + bodyFirstLine - 1, column: position.column + bodyColumnOffset)
    }

    public var frontMatterLocation: SourceLocation { SourceLocation(path: path, line: 1, column: 1) }
}

extension MarkdownSource {
    private enum CodingKeys: String, CodingKey {
        case path, language, body, bodyFirstLine, bodyColumnOffset, translationOf, sourceLanguage, isDraft, fileDigest
    }

    /// What the text is: its file, where it is in the file and what it says. What it was
    /// parsed into (`fragment`, `draftCut`) follows from the body and is left out; this is
    /// what the caches compare between builds (`ValueDigest`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(language, forKey: .language)
        try container.encode(body, forKey: .body)
        try container.encode(bodyFirstLine, forKey: .bodyFirstLine)
        try container.encode(bodyColumnOffset, forKey: .bodyColumnOffset)
        try container.encode(translationOf?.hashes.mapValues(\.value), forKey: .translationOf)
        try container.encode(sourceLanguage?.value, forKey: .sourceLanguage)
        try container.encode(isDraft, forKey: .isDraft)
        try container.encode(fileDigest, forKey: .fileDigest)
    }
}
