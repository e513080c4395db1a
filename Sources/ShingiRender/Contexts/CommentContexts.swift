/// A piece of markup in a list (`{{{html}}}`): a place that reflects a comment, a row of
/// the 意見対応表.
struct HTMLItem: Encodable {
    let html: String
}

/// A comment in a page's comment list: its list item as `RenderedComments` made it.
struct CommentItem: Encodable {
    let html: String
    let id: String
}

/// `partials/comment`, with the comment's `ResponseContext` beside it: one comment as a
/// list item. Also what its 意見対応表 row, CSV cells and feed entry are made from.
struct CommentContext: TemplateContext {
    let t: UIStringTable
    let id: String
    let anchor: String
    let url: String
    let memberHTML: String
    let meetingHTML: String
    let bodyHTML: String
    let untranslated: Bool
    let contentLang: String
    let changed: Bool
    let draft: Bool
    /// The meeting's editorial note (e.g. that the attribution is inferred).
    let hasMeetingNote: Bool
    let meetingNoteHTML: String
    let hasDate: Bool
    /// Where the comment names the section it is on (pages listing many sections' comments).
    let targetLineHTML: String
    let date: String?
}

/// A comment's status, the secretariat's response and where the paper reflects it, for
/// `partials/comment` and the 意見対応表.
struct ResponseContext: Encodable {
    let hasStatus: Bool
    let hasResponse: Bool
    let status: String?
    let statusID: String?
    let responseHTML: String?
    /// The response's language where it differs from the page's (a fallback).
    let responseLang: String?
    /// The places of the paper that reflect the comment.
    let reflected: [HTMLItem]
    let hasReflected: Bool
}

/// `partials/comment-target`: the issue and section a comment is on.
struct CommentTargetContext: TemplateContext {
    let t: UIStringTable
    let issueHTML: String
    let targetHTML: String
}

/// `partials/response-row`, with the comment's `ResponseContext` beside it: a row of the
/// 意見対応表, its number left as a marker (`CommentListing`).
struct ResponseRowContext: TemplateContext {
    let t: UIStringTable
    let number: String
    let anchor: String
    let contentLang: String
    let memberHTML: String
    let draft: Bool
    let commentHTML: String
    let commentURL: String
    let targetHTML: String
}

/// `partials/section-comments`: after a section of an issue page, its comments and the
/// comments the paper reflects there.
struct SectionCommentsContext: TemplateContext {
    let t: UIStringTable
    let sectionID: String
    let comments: [CommentItem]
    let hasComments: Bool
    let count: Int
    let otherLanguages: [OtherLanguage]
    let headingLevel: Int
    let commentsAnchor: String
    let countLabel: String
    let reflected: [ReflectedComment]
    let hasReflected: Bool

    /// The same section in another language.
    struct OtherLanguage: Encodable {
        let lang: String
        let url: String
        let label: String
    }

    /// A link back to a comment the section reflects.
    struct ReflectedComment: Encodable {
        let url: String
        let label: String
    }
}

/// `comments.mustache`: every comment, grouped by issue and section.
struct CommentsContext: TemplateContext {
    let groups: [Group]
    let count: Int
    let hasComments: Bool
    let responsesURL: String

    struct Group: Encodable {
        let id: String
        let issueHTML: String
        let sections: [Section]
        let count: Int
    }

    struct Section: Encodable {
        let sectionHTML: String
        let comments: [CommentItem]
    }
}

/// `responses.mustache`: the 意見対応表 of the site or of one meeting.
struct ResponsesContext: TemplateContext {
    let title: String
    /// Each row as the comment's listing has it, numbered.
    let rows: [HTMLItem]
    let hasRows: Bool
    let csvURL: String
    let hasMeeting: Bool
    let meetingHTML: String
    let allURL: String
}
