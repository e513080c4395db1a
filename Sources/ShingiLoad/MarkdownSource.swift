import ShingiCore
import ShingiMarkdown

/// One parsed Markdown file of one language: the Markdown stage's fragment plus where
/// its body starts in the file, so fragment positions become file positions.
public struct MarkdownSource: Sendable, Hashable {
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
