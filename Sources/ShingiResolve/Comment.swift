import ShingiCore
import ShingiLoad

/// A member's comment with its translations paired. Identity is the file stem.
///
/// Its fields are in one shared box, copied when one of them is set: a site holds
/// thousands of comments, and a preview rebuild that replaces one of them copies the
/// list, a reference per comment, not every field of every comment. Two comments in
/// one box are equal without comparing their fields.
public struct Comment: Sendable, Equatable, Encodable {
    private var box: Box

    /// Its fields, as if they were its own (the box is how they are kept).
    public func encode(to encoder: any Encoder) throws { try box.fields.encode(to: encoder) }

    public init(id: String, translations: Localized<CommentFile>, member: String, issue: String, section: String, meeting: String,
                date: ISODate?, status: CommentStatus?, reflectedIn: [ReflectedPlace] = []) {
        box = Box(Fields(id: id, translations: translations, member: member, issue: issue, section: section, meeting: meeting,
                         date: date, status: status, reflectedIn: reflectedIn))
    }


    public var id: String {
        get { box.fields.id }
        set { fields.id = newValue }
    }

    public var translations: Localized<CommentFile> {
        get { box.fields.translations }
        set { fields.translations = newValue }
    }

    public var member: String {
        get { box.fields.member }
        set { fields.member = newValue }
    }

    public var issue: String {
        get { box.fields.issue }
        set { fields.issue = newValue }
    }

    public var section: String {
        get { box.fields.section }
        set { fields.section = newValue }
    }

    public var meeting: String {
        get { box.fields.meeting }
        set { fields.meeting = newValue }
    }

    public var date: ISODate? {
        get { box.fields.date }
        set { fields.date = newValue }
    }

    /// How the secretariat handled it (`status:`); nil when not recorded.
    public var status: CommentStatus? {
        get { box.fields.status }
        set { fields.status = newValue }
    }

    /// Where the paper now reflects it (`reflected_in:`), checked.
    public var reflectedIn: [ReflectedPlace] {
        get { box.fields.reflectedIn }
        set { fields.reflectedIn = newValue }
    }

    public static func == (a: Comment, b: Comment) -> Bool { a.box === b.box || a.box.fields == b.box.fields }

    private struct Fields: Sendable, Equatable, Encodable {
        var id: String
        var translations: Localized<CommentFile>
        var member: String
        var issue: String
        var section: String
        var meeting: String
        var date: ISODate?
        var status: CommentStatus?
        var reflectedIn: [ReflectedPlace]
    }

    // Set only through `fields`, which copies a shared box first.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var fields: Fields {
        get { box.fields }
        set {
            if isKnownUniquelyReferenced(&box) { box.fields = newValue } else { box = Box(newValue) }
        }
    }

    /// The Markdown shown with the comment, whose links are its links: each translation's
    /// text and the secretariat's response.
    public var sourcesWithResponses: [MarkdownSource] {
        translations.values.values.map(\.source) + translations.values.values.compactMap(\.response)
    }

    /// `draft: true` in any of its translations.
    public var isDraft: Bool { translations.values.values.contains { $0.source.isDraft } }
}
