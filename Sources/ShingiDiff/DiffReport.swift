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
    /// Each sorted by id, then kind.
    public var references: [RecordChange]
    public var members: [RecordChange]
    public var meetings: [RecordChange]
    /// The issues of both sides in reading order (new side first).
    public var issues: [IssueOutline]

    public var isEmpty: Bool {
        comments.isEmpty && sections.isEmpty && references.isEmpty && members.isEmpty && meetings.isEmpty
    }

    public func issue(_ id: String) -> IssueOutline? { issues.first { $0.id == id } }

    /// The report restricted to one member, meeting, issue or language. A member or
    /// meeting filter keeps only comments; an issue filter keeps that issue's comments
    /// and sections; a language filter keeps what changed in that language.
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
        }
        if member != nil || meeting != nil {
            result.sections = []
        }
        if member != nil || meeting != nil || issue != nil {
            result.references = []
            result.members = []
            result.meetings = []
        }
        if let language {
            result.comments = result.comments.compactMap { change in
                // A member or meeting change concerns every language.
                guard change.languages.contains(language) || !change.fields.isEmpty else { return nil }
                var kept = change
                kept.languages = change.languages.filter { $0 == language }
                kept.texts = kept.texts.filter { $0.key == language }
                return kept
            }
            result.sections = result.sections.compactMap { change in
                guard change.languages.contains(language) else { return nil }
                var kept = change
                kept.languages = [language]
                kept.texts = kept.texts.filter { $0.key == language }
                return kept
            }
        }
        return result
    }
}
