import ShingiCore
import ShingiLoad

/// A member's comment with its translations paired. Identity is the file stem.
///
/// Its fields (`Fields`, read and set as the comment's own: `comment.member`) are in one
/// shared box, copied when one of them is set: a site holds thousands of comments, and a
/// preview rebuild that replaces one of them copies the list, a reference per comment,
/// not every field of every comment. Two comments in one box are equal without
/// comparing their fields.
@dynamicMemberLookup
public struct Comment: Sendable, Equatable {
    public struct Fields: Sendable, Equatable {
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
        public var reflectedIn: [ReflectedPlace]
    }

    @usableFromInline var box: Box

    public init(id: String, translations: Localized<CommentFile>, member: String, issue: String, section: String, meeting: String,
                date: ISODate?, status: CommentStatus?, reflectedIn: [ReflectedPlace] = []) {
        box = Box(Fields(id: id, translations: translations, member: member, issue: issue, section: section, meeting: meeting,
                         date: date, status: status, reflectedIn: reflectedIn))
    }

    @inlinable public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        set {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            box.fields[keyPath: field] = newValue
        }
    }

    public static func == (a: Comment, b: Comment) -> Bool { a.box === b.box || a.box.fields == b.box.fields }

    /// Changed only through the subscript, which copies a shared box first.
    @usableFromInline final class Box: @unchecked Sendable {
        @usableFromInline var fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    /// The Markdown shown with the comment, whose links are its links: each translation's
    /// text and the secretariat's response.
    public var sourcesWithResponses: [MarkdownSource] {
        self.translations.values.values.map(\.source) + self.translations.values.values.compactMap(\.response)
    }

    /// `draft: true` in any of its translations.
    public var isDraft: Bool { self.translations.values.values.contains { $0.source.isDraft } }
}
