import ShingiRender

/// `diff/index.mustache`: the report's language choice.
struct ReportChoiceContext: TemplateContext {
    let lang: String
    let title: String
    let languages: [Entry]

    struct Entry: Encodable {
        let lang: String
        let url: String
        let t: UIStringTable
        let siteTitle: String
        let shortTitle: String
    }
}

/// `diff/report.mustache`: one language's review report.
struct ReportPageContext: TemplateContext {
    let lang: String
    let t: UIStringTable
    let siteTitle: String
    let shortTitle: String
    let showShortTitle: Bool
    let homeURL: String
    let cssURL: String
    let old: String
    let new: String
    let alternates: [Alternate]
    let hasChanges: Bool
    let kinds: [Kind]
    let summary: [SummaryRow]
    let issues: [IssueGroup]
    let hasIssues: Bool
    let data: [DataGroup]
    let hasData: Bool
    let filters: [Filter]
    let filterCount: String

    struct Alternate: Encodable {
        let lang: String
        let url: String
        let current: Bool
        let label: String
    }

    struct Kind: Encodable {
        let label: String
    }

    /// How many changes of each kind one sort of item had.
    struct SummaryRow: Encodable {
        let label: String
        let total: Int
        let counts: [Count]

        struct Count: Encodable {
            let count: Int
        }
    }

    /// The changed sections of one issue.
    struct IssueGroup: Encodable {
        let id: String
        let anchor: String
        let label: String
        let url: OrFalse<String>
        var sections: [SectionGroupContext]
    }

    /// The changes outside the sections of one sort (issues, pages, references, …).
    struct DataGroup: Encodable {
        let title: String
        let changes: [DataChange]
    }

    /// A filter of the comments (by member, meeting or issue) and its options.
    struct Filter: Encodable {
        let name: String
        let label: String
        let options: [Option]

        struct Option: Encodable {
            let value: String
            let label: String
        }
    }
}

/// A section's changes: its text and the comments on it.
struct SectionGroupContext: Encodable {
    let anchor: String
    let section: String
    let title: String
    let url: OrFalse<String>
    let sectionChanges: [SectionChangeContext]
    let comments: [CommentChangeContext]
    let hasComments: Bool
}

struct SectionChangeContext: Encodable {
    let kind: String
    let kindLabel: String
    let issue: String
    let languages: String
    let texts: [TextContext]
}

/// A comment added, removed, edited or moved.
struct CommentChangeContext: Encodable {
    let id: String
    let kind: String
    let kindLabel: String
    let dataMember: String
    let dataMeeting: String
    let dataIssue: String
    let memberName: String
    let memberURL: OrFalse<String>
    let meetingName: String
    let meetingURL: OrFalse<String>
    let commentURL: OrFalse<String>
    let isMoved: Bool
    let oldTarget: OrFalse<Target>
    let newTarget: OrFalse<Target>
    let fields: [FieldContext]
    let hasFields: Bool
    let texts: [TextContext]

    /// The section a comment is (or was) on.
    struct Target: Encodable {
        let label: String
        let id: String
        let url: OrFalse<String>
    }
}

/// A change of an issue's or page's front matter and text, of a record, or a translation
/// now stale.
struct DataChange: Encodable {
    let id: String
    let name: String
    let url: OrFalse<String>
    let kind: String
    let kindLabel: String
    let dataIssue: String
    let fields: [FieldContext]
    let hasFields: Bool
    let texts: [TextContext]
}

/// One field's old and new value.
struct FieldContext: Encodable {
    let name: String
    let old: OrFalse<String>
    let new: OrFalse<String>
}

/// One language's text diff: each line a paragraph of pieces, with a gap where unchanged
/// lines were left out.
struct TextContext: Encodable {
    let textLang: String
    let languageName: String
    let lines: [Line]
    let gapAfter: Bool

    struct Line: Encodable {
        let gapBefore: Bool
        let changed: Bool
        let pieces: [Piece]
    }

    struct Piece: Encodable {
        let text: String
        let equal: Bool
        let inserted: Bool
        let deleted: Bool
    }
}
