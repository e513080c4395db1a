/// `issues.mustache`: every policy issue as a card.
struct IssuesContext: TemplateContext {
    let issues: [IssueCard]
}

/// `partials/issue-card`: an issue with its sections, in the list and on the home page.
struct IssueCard: Encodable {
    let id: String
    let label: String
    let title: String
    let url: String
    let summary: String
    let hasSummary: Bool
    let untranslated: Bool
    let contentLang: String
    let commentCount: Int
    /// One below the heading of the list the card is in.
    let headingLevel: Int
    let sections: [Section]

    struct Section: Encodable {
        let titleHTML: String
        let url: String
    }
}

/// `issue.mustache`: an issue's text with each section's comments, and the references it cites.
struct IssueContext: TemplateContext {
    let id: String
    let label: String
    let title: String
    let summary: String
    let hasSummary: Bool
    let bodyHTML: String
    let references: [CitedReference]
    let hasReferences: Bool
    let advisors: [Advisor]
    let hasAdvisors: Bool
    let commentCount: Int
    let hasMeeting: Bool
    let meetingHTML: String?

    struct Advisor: Encodable {
        let memberHTML: String
    }
}

/// An entry of an issue page's own reference list: the reference in full, and a link
/// back to each place of the text that cites it.
struct CitedReference: Encodable {
    let number: Int
    let titleHTML: String
    /// The reference in the site's reference index.
    let url: String
    let anchor: String
    let publisherHTML: String
    let hasPublisher: Bool
    let hasDate: Bool
    let hasURL: Bool
    let date: String?
    let externalURL: String?
    let backlinks: [Backlink]
    let hasBacklinks: Bool

    struct Backlink: Encodable {
        let anchor: String
        let n: Int
        let label: String
    }
}
