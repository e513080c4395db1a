import ShingiLoad

/// Every UI string (a key of the theme's `i18n/<lang>.yml`) that Swift code asks for.
/// `Presenter.t` and the diff report take a case, never a string, so a misspelt key does
/// not compile, and `Theme.load` reports a theme lacking any of them as an error naming
/// the key (the keys templates use are read from the templates themselves).
///
/// Keys made from data are optional and not listed: `diff_field_<field>`; without one
/// the field's name itself is shown.
public enum UIString: String, CaseIterable, Sendable {
    case languageName = "language_name"
    case sectionInLanguage = "section_in_language"
    case untranslatedHint = "untranslated_hint"
    case colon
    case tableLabel = "table_label"

    case navHome = "nav_home"
    case navIssues = "nav_issues"
    case navComments = "nav_comments"
    case navMembers = "nav_members"
    case navMeetings = "nav_meetings"
    case navReferences = "nav_references"
    case navResponses = "nav_responses"

    case issuesTitle = "issues_title"
    case issueLabel = "issue_label"
    case issuesDiscussed = "issues_discussed"
    case citedReferences = "cited_references"
    case backToCitation = "back_to_citation"
    case commentsTitle = "comments_title"
    case commentsLead = "comments_lead"
    case commentBy = "comment_by"
    case commentCountLabel = "comment_count_label"
    case commentsLabel = "comments_label"
    case commentsOnSection = "comments_on_section"
    case membersTitle = "members_title"
    case memberComments = "member_comments"
    case advisorOf = "advisor_of"
    case meetingsTitle = "meetings_title"
    case referencesTitle = "references_title"
    case referencesLead = "references_lead"
    case searchTitle = "search_title"
    case searchKindComment = "search_kind_comment"

    // Responses to comments (意見対応表); one label per `CommentStatus` (see `status(_:)`).
    case statusOpen = "status_open"
    case statusReflected = "status_reflected"
    case statusPartly = "status_partly"
    case statusNotAdopted = "status_not_adopted"
    case statusNoted = "status_noted"
    case responseLabel = "response_label"
    case responsesTitle = "responses_title"
    case responsesMeetingTitle = "responses_meeting_title"
    case responsesLead = "responses_lead"
    case responsesNo = "responses_no"
    case responsesMember = "responses_member"
    case responsesTarget = "responses_target"
    case responsesComment = "responses_comment"
    case responsesResponse = "responses_response"
    case responsesStatus = "responses_status"

    // One of each per role of `Member.roles` (see `role(_:)`).
    case roleChair = "role_chair"
    case roleMember = "role_member"
    case roleAdvisor = "role_advisor"
    case honorificChair = "honorific_chair"
    case honorificMember = "honorific_member"
    case honorificAdvisor = "honorific_advisor"
    case honorificPrefixChair = "honorific_prefix_chair"
    case honorificPrefixMember = "honorific_prefix_member"
    case honorificPrefixAdvisor = "honorific_prefix_advisor"

    // The notice on a stale translation: which text of the original it is behind.
    case translationStaleMeeting = "translation_stale_meeting"
    case translationStaleSince = "translation_stale_since"

    // The review report of `shingi diff --format html`.
    case diffAdded = "diff_added"
    case diffRemoved = "diff_removed"
    case diffEdited = "diff_edited"
    case diffMoved = "diff_moved"
    case diffLangJa = "diff_lang_ja"
    case diffLangEn = "diff_lang_en"
    case diffFilterCount = "diff_filter_count"
    case diffIssues = "diff_issues"
    case diffPages = "diff_pages"
    case diffSections = "diff_sections"
    case diffFilterMember = "diff_filter_member"
    case diffFilterMeeting = "diff_filter_meeting"
    case diffFilterIssue = "diff_filter_issue"
    case diffTranslations = "diff_translations"
    case diffStale = "diff_stale"

    /// The label of a comment's status (`status_reflected`: 反映済).
    public static func status(_ status: CommentStatus) -> UIString {
        switch status {
        case .open: .statusOpen
        case .reflected: .statusReflected
        case .partly: .statusPartly
        case .notAdopted: .statusNotAdopted
        case .noted: .statusNoted
        }
    }

    /// The label of a role (`role_chair`: 会長); nil for a role not in `Member.roles`.
    public static func role(_ role: String) -> UIString? { ofRole("role_", role) }
    /// What Japanese puts after a member's name (`honorific_chair`: 会長).
    public static func honorific(_ role: String) -> UIString? { ofRole("honorific_", role) }
    /// What English puts before a member's name (`honorific_prefix_chair`: Chair).
    public static func honorificPrefix(_ role: String) -> UIString? { ofRole("honorific_prefix_", role) }

    private static func ofRole(_ prefix: String, _ role: String) -> UIString? {
        Member.roles.contains(role) ? UIString(rawValue: prefix + role) : nil
    }
}

extension Dictionary where Key == String, Value == String {
    /// The text of a UI string in a language's strings (`Theme.strings[language]`).
    public subscript(_ key: UIString) -> String? { self[key.rawValue] }
}
