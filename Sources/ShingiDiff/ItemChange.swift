import ShingiCore

/// A policy issue, free page or home page added, removed or edited as a whole page:
/// its front-matter fields (per language where they have one) and its text outside the
/// sections (an issue's text before its first section; a page's whole text). Sections of
/// an issue are `SectionChange`s.
public struct ItemChange: Sendable, Hashable {
    /// The issue id; for pages `index` (the home page, `content/index.<lang>.md`) or
    /// `pages/<slug>` (`content/pages/<slug>.<lang>.md`).
    public var id: String
    public var change: ChangeKind
    /// The languages concerned: those whose text changed for `edited`, those the item
    /// has for `added`/`removed`.
    public var languages: [Language]
    /// The text per language: a diff for `edited`, the whole text otherwise.
    public var texts: [Language: [DiffSegment]]
    /// The front-matter fields that changed in an `edited` item.
    public var fields: [FieldChange]

    /// The page id of the home page.
    public static let homeID = "index"

    /// The page id of a free page.
    public static func pageID(_ slug: String) -> String { "pages/" + slug }
}
