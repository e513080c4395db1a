import ShingiCore
import ShingiLoad

/// A member's comment with its translations paired. Identity is the file stem.
public struct Comment: Sendable, Equatable {
    public var id: String
    public var translations: Localized<CommentFile>
    public var member: String
    public var issue: String
    public var section: String
    public var meeting: String
    public var date: ISODate?
    /// How the secretariat handled it (`status:`); nil when not recorded.
    public var status: CommentStatus?
    /// Where the paper now reflects it (`reflected_in:`), checked.
    public var reflectedIn: [ReflectedPlace] = []

    /// The Markdown shown with the comment, whose links are its links: each translation's
    /// text and the secretariat's response.
    public var sourcesWithResponses: [MarkdownSource] {
        translations.values.values.map(\.source) + translations.values.values.compactMap(\.response)
    }

    /// `draft: true` in any of its translations.
    public var isDraft: Bool { translations.values.values.contains { $0.source.isDraft } }
}
