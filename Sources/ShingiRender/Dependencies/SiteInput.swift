import ShingiCore
import ShingiResolve

/// Something a render job read while it rendered, recorded by `ReadLog`. A job must be
/// rendered again exactly when one of its inputs has another value in the new site.
enum SiteInput: Hashable, @unchecked Sendable {
    /// One field of one item (`Tracked`); `\.self` for the whole item.
    case field(SiteItem, AnyKeyPath)
    /// Which items of a kind there are, in order.
    case list(SiteItem.Kind)
    /// The comments on an issue (or one of its sections), by member or in a meeting.
    case commentsOnIssue(String)
    case commentsOnSection(String, String)
    case commentsByMember(String)
    case commentsInMeeting(String)
    case commentsReflectedIn(String, String)
    /// The issues a member advises (their `advisors`), by id in site order.
    case issuesAdvisedBy(String)
    /// Where a reference is cited.
    case citations(String)
    /// A comment's HTML in a language as `RenderedComments` made it (a job of its own).
    case renderedComment(String, Language)
    /// Every comment's HTML in a language: what a job that lists all the site's comments
    /// reads (one input, not thousands recorded on every rebuild).
    case everyRenderedComment(Language)

    /// The value of a list, query or citation input on a site (fields compare with
    /// their `FieldComparator`; rendered comments by their job).
    func value(in site: ResolvedSite) -> AnyHashable {
        switch self {
        case .list(let kind): site.keys(kind)
        case .commentsOnIssue(let issue): site.commentIDs(onIssue: issue)
        case .commentsOnSection(let issue, let section): site.commentIDs(onIssue: issue, section: section)
        case .commentsByMember(let member): site.commentIDs(byMember: member)
        case .commentsInMeeting(let meeting): site.commentIDs(inMeeting: meeting)
        case .commentsReflectedIn(let issue, let section): site.commentIDs(reflectedIn: issue, section: section)
        case .issuesAdvisedBy(let member): site.issueIDs(advisedBy: member)
        case .citations(let reference): site.citations[reference] ?? []
        case .field, .renderedComment, .everyRenderedComment: 0
        }
    }
}

/// Compares one field of an item in two sites; made where the field's type is known.
struct FieldComparator: @unchecked Sendable {
    let same: (Any?, Any?) -> Bool

    init<Value, Field: Equatable>(_ path: KeyPath<Value, Field>) {
        same = { old, new in (old as? Value)?[keyPath: path] == (new as? Value)?[keyPath: path] }
    }
}
