import ShingiCore

/// Everything that changed between two versions of a site, sorted for stable output.
public struct DiffReport: Sendable, Hashable {
    /// What was compared, as the user named it (a revision, a directory, `working tree`).
    public var old: String
    public var new: String
    /// Sorted by id, then kind.
    public var comments: [CommentChange]
    /// Sorted by issue, section (reading order), then kind.
    public var sections: [SectionChange]
    /// Policy issues (front matter, text before the first section), sorted by id.
    public var issues: [ItemChange]
    /// The home page (`index`) first, then the free pages (`pages/<slug>`) by id.
    public var pages: [ItemChange]
    /// Each sorted by id, then kind.
    public var references: [RecordChange]
    public var members: [RecordChange]
    public var meetings: [RecordChange]
    /// The issues of both sides in reading order (new side first).
    public var outlines: [IssueOutline]
    /// Parts of translations that became stale, in the site's order.
    public var translations: [TranslationChange] = []

    public var isEmpty: Bool {
        comments.isEmpty && sections.isEmpty && issues.isEmpty && pages.isEmpty
            && references.isEmpty && members.isEmpty && meetings.isEmpty && translations.isEmpty
    }

    /// How many changes the report holds (each kind of each item counts once).
    public var count: Int {
        comments.count + sections.count + issues.count + pages.count + references.count + members.count + meetings.count
            + translations.count
    }

    public func outline(_ id: String) -> IssueOutline? { outlines.first { $0.id == id } }

    /// The report restricted to one member, meeting, issue or language. A member or
    /// meeting filter keeps only comments; an issue filter keeps that issue's comments,
    /// sections and own changes; a language filter keeps what changed in that language
    /// (and the fields of both languages).
    public func filtered(member: String? = nil, meeting: String? = nil, issue: String? = nil, language: Language? = nil) -> DiffReport {
        var result = self
        if let member {
            result.comments = result.comments.filter { $0.member == member || $0.fields.contains { $0.field == "member" && $0.old == member } }
        }
        if let meeting {
            result.comments = result.comments.filter { $0.meeting == meeting || $0.fields.contains { $0.field == "meeting" && $0.old == meeting } }
        }
        if let issue {
            result.comments = result.comments.filter { $0.oldTarget?.issue == issue || $0.newTarget?.issue == issue }
            result.sections = result.sections.filter { $0.issue == issue }
            result.issues = result.issues.filter { $0.id == issue }
            result.translations = result.translations.filter { $0.issue == issue }
        }
        if member != nil || meeting != nil {
            result.sections = []
            result.issues = []
            result.translations = []
        }
        if member != nil || meeting != nil || issue != nil {
            result.pages = []
            result.references = []
            result.members = []
            result.meetings = []
        }
        if let language {
            // A field of both languages (member, meeting, date) concerns every language.
            func inLanguage(_ fields: [FieldChange]) -> [FieldChange] { fields.filter { $0.lang == nil || $0.lang == language } }
            // Comments, issues and pages: their texts, fields and languages in `language`.
            func keep<Change: TextChange>(_ change: Change) -> Change? {
                var kept = change
                kept.languages = change.languages.filter { $0 == language }
                kept.texts = change.texts.filter { $0.key == language }
                kept.fields = inLanguage(change.fields)
                let concerned = change.change == .edited ? !kept.texts.isEmpty || !kept.fields.isEmpty : !kept.languages.isEmpty
                return concerned ? kept : nil
            }
            result.comments = result.comments.compactMap(keep)
            result.sections = result.sections.compactMap { change in
                guard change.languages.contains(language) else { return nil }
                var kept = change
                kept.languages = [language]
                kept.texts = kept.texts.filter { $0.key == language }
                return kept
            }
            result.issues = result.issues.compactMap(keep)
            result.pages = result.pages.compactMap(keep)
            func keep(_ change: RecordChange) -> RecordChange? {
                var kept = change
                kept.fields = inLanguage(change.fields)
                return change.change != .edited || !kept.fields.isEmpty ? kept : nil
            }
            result.references = result.references.compactMap(keep)
            result.members = result.members.compactMap(keep)
            result.meetings = result.meetings.compactMap(keep)
            result.translations = result.translations.filter { $0.language == language }
        }
        return result
    }
}

/// A change with texts and fields per language (comments, issues, pages), which the
/// language filter narrows the same way.
protocol TextChange {
    var change: ChangeKind { get }
    var languages: [Language] { get set }
    var texts: [Language: [DiffSegment]] { get set }
    var fields: [FieldChange] { get set }
}

extension CommentChange: TextChange {}
extension ItemChange: TextChange {}
