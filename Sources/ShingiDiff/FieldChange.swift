import ShingiCore

/// A field of an item that changed, with its old and new value as written (nil when the
/// field is absent on that side). A two-language field (`title: {ja, en}`) gives one
/// change per language that changed, with `lang` set; a field of both languages (an id,
/// a number, a date) has no `lang`.
public struct FieldChange: Sendable, Hashable {
    public var field: String
    public var lang: Language?
    public var old: String?
    public var new: String?

    public init(field: String, lang: Language? = nil, old: String?, new: String?) {
        self.field = field
        self.lang = lang
        self.old = old
        self.new = new
    }

    /// The change as a text diff: by character for Japanese, by word otherwise.
    public var segments: [DiffSegment] {
        switch (old, new) {
        case (nil, nil): return []
        case (let old?, nil): return [.deleted(old)]
        case (nil, let new?): return [.inserted(new)]
        case (let old?, let new?): return TextDiff.diff(old, new, language: lang ?? .en)
        }
    }

    /// `title [ja]` — how the reports name it.
    public var label: String { lang.map { "\(field) [\($0.rawValue)]" } ?? field }

    /// A field as one side has it, for comparing: the same list of fields is read from
    /// both sides.
    enum Side {
        case plain(String, String?)
        case localized(String, Localized<String>)
    }

    /// The changes between the same fields of two sides, in the fields' order; a
    /// two-language field gives one change per language that differs.
    static func compare(_ old: [Side], _ new: [Side]) -> [FieldChange] {
        zip(old, new).flatMap { before, after -> [FieldChange] in
            switch (before, after) {
            case (.plain(let field, let old), .plain(_, let new)):
                return old == new ? [] : [FieldChange(field: field, old: old, new: new)]
            case (.localized(let field, let old), .localized(_, let new)):
                return Language.allCases.compactMap { language in
                    old[language] == new[language] ? nil : FieldChange(field: field, lang: language, old: old[language], new: new[language])
                }
            default:
                return []
            }
        }
    }
}
