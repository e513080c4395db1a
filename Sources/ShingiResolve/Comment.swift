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

    /// `draft: true` in any of its translations.
    public var isDraft: Bool { translations.values.values.contains { $0.source.isDraft } }
}
