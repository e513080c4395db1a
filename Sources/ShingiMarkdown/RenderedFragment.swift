/// The result of the Markdown stage for one file: HTML with placeholders where the
/// site-wide parts go, plus what the file declares. A pure value of the file's bytes,
/// so it can be cached by content and computed in isolation.
public struct RenderedFragment: Sendable, Hashable, Codable {
    /// HTML in which `Placeholder` tokens stand for cross-links and section starts.
    public var html: String
    public var headings: [Heading]
    public var crossLinks: [CrossLinkReference]
    public var footnotes: [FootnoteDefinition]
    public var problems: [MarkdownProblem]

    public init(html: String, headings: [Heading], crossLinks: [CrossLinkReference],
                footnotes: [FootnoteDefinition], problems: [MarkdownProblem]) {
        self.html = html
        self.headings = headings
        self.crossLinks = crossLinks
        self.footnotes = footnotes
        self.problems = problems
    }
}

/// A position inside the Markdown body: 1-based line, 1-based character column.
public struct BodyPosition: Sendable, Hashable, Codable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

public struct Heading: Sendable, Hashable, Codable {
    public var level: Int
    /// The HTML id: the explicit `{#id}` (NFKC) or a slug of the text, unique in the file.
    public var id: String
    /// The visible text, without the `{#id}` attribute.
    public var text: String
    public var isExplicitID: Bool
    /// `{#id .draft}`: the section it starts is a draft, left out of a published build.
    public var isDraft: Bool
    public var position: BodyPosition

    public init(level: Int, id: String, text: String, isExplicitID: Bool, isDraft: Bool = false, position: BodyPosition) {
        self.level = level
        self.id = id
        self.text = text
        self.isExplicitID = isExplicitID
        self.isDraft = isDraft
        self.position = position
    }
}

/// `[[kind:target#anchor|label]]` as written; resolved later against the whole site.
public struct CrossLinkReference: Sendable, Hashable, Codable {
    public var kind: String
    public var target: String
    public var anchor: String?
    public var label: String?
    /// The text as written, for messages.
    public var source: String
    public var position: BodyPosition

    public init(kind: String, target: String, anchor: String?, label: String?, source: String, position: BodyPosition) {
        self.kind = kind
        self.target = target
        self.anchor = anchor
        self.label = label
        self.source = source
        self.position = position
    }
}

public struct FootnoteDefinition: Sendable, Hashable, Codable {
    public var label: String
    public var position: BodyPosition
}

/// Something wrong in the file that the Markdown stage can tell on its own.
public struct MarkdownProblem: Sendable, Hashable, Codable {
    public var isError: Bool
    public var code: String
    public var message: String
    public var position: BodyPosition
}
