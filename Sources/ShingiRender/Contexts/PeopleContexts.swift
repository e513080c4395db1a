/// `members.mustache`: every member with their role and number of comments.
struct MembersContext: TemplateContext {
    let members: [Entry]

    struct Entry: Encodable {
        let nameHTML: String
        let url: String
        let role: String
        let affiliationHTML: String
        let hasAffiliation: Bool
        let commentCount: Int
    }
}

/// `member.mustache`: a member's role, the issues they advise, their comments by meeting.
struct MemberContext: TemplateContext {
    let nameHTML: String
    let role: String
    let affiliationHTML: String
    let hasAffiliation: Bool
    let advised: [IssueLinkItem]
    let hasAdvised: Bool
    let groups: [CommentGroup]
    let hasComments: Bool
    let commentCount: Int

    /// The member's comments made at one meeting.
    struct CommentGroup: Encodable {
        let anchor: String
        let meetingHTML: String
        let comments: [CommentItem]
    }
}

/// `meetings.mustache`: every meeting by date.
struct MeetingsContext: TemplateContext {
    let meetings: [Entry]

    struct Entry: Encodable {
        let titleHTML: String
        let url: String
        let date: String
        let commentCount: Int
        let noteHTML: String
        let hasNote: Bool
    }
}

/// `meeting.mustache`: a meeting's date, the issues it handled and its comments by issue.
struct MeetingContext: TemplateContext {
    let titleHTML: String
    let date: String
    let groups: [CommentGroup]
    let hasComments: Bool
    let issues: [IssueLinkItem]
    let hasIssues: Bool
    let commentCount: Int
    let noteHTML: String
    let hasNote: Bool
    let responsesURL: String
    let number: Int?

    /// The comments made at the meeting on one issue.
    struct CommentGroup: Encodable {
        let anchor: String
        let issueHTML: String
        let comments: [CommentItem]
    }
}

/// A link to a policy issue in a list (`issue_html`).
struct IssueLinkItem: Encodable {
    let issueHTML: String
}
