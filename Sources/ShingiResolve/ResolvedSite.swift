import ShingiCore
import ShingiLoad

/// The whole site after the Resolve stage: translations paired, every id and link checked.
/// The render stage reads only this.
public struct ResolvedSite: Sendable {
    public var config: SiteConfig
    public var members: [Member]
    public var meetings: [Meeting]
    public var references: [Reference]
    /// Sorted by number.
    public var issues: [Issue]
    /// Sorted by issue, section order, meeting date, id.
    public var comments: [Comment]
    /// Sorted by order, then slug.
    public var pages: [Page]
    public var home: Page?
    /// Reference id → the places that cite it, in site order.
    public var citations: [String: [CitationPlace]]
    public var diagnostics: [Diagnostic]

    public func member(_ id: String) -> Member? { memberIndex[id].map { members[$0] } }
    public func meeting(_ id: String) -> Meeting? { meetingIndex[id].map { meetings[$0] } }
    public func reference(_ id: String) -> Reference? { referenceIndex[id].map { references[$0] } }
    public func issue(_ id: String) -> Issue? { issueIndex[id].map { issues[$0] } }
    public func comment(_ id: String) -> Comment? { commentIndex[id].map { comments[$0] } }

    var memberIndex: [String: Int] = [:]
    var meetingIndex: [String: Int] = [:]
    var referenceIndex: [String: Int] = [:]
    var issueIndex: [String: Int] = [:]
    var commentIndex: [String: Int] = [:]
    /// Comment positions by "issue#section", issue, member and meeting: pages look these
    /// up once per section, so a scan of all comments would make rendering quadratic.
    var commentsBySection: [String: [Int]] = [:]
    var commentsByIssue: [String: [Int]] = [:]
    var commentsByMember: [String: [Int]] = [:]
    var commentsByMeeting: [String: [Int]] = [:]
    /// Comment positions by the "issue#section" they are reflected in (`reflected_in`).
    var commentsByReflection: [String: [Int]] = [:]

    mutating func reindex() {
        memberIndex = Self.index(members.map(\.id))
        meetingIndex = Self.index(meetings.map(\.id))
        referenceIndex = Self.index(references.map(\.id))
        issueIndex = Self.index(issues.map(\.id))
        commentIndex = Self.index(comments.map(\.id))
        commentsBySection = [:]
        commentsByIssue = [:]
        commentsByMember = [:]
        commentsByMeeting = [:]
        commentsByReflection = [:]
        for (i, comment) in comments.enumerated() {
            commentsBySection["\(comment.issue)#\(comment.section)", default: []].append(i)
            commentsByIssue[comment.issue, default: []].append(i)
            commentsByMember[comment.member, default: []].append(i)
            commentsByMeeting[comment.meeting, default: []].append(i)
            for place in comment.reflectedIn { commentsByReflection[place.target, default: []].append(i) }
        }
    }

    private static func index(_ ids: [String]) -> [String: Int] {
        var result: [String: Int] = [:]
        for (i, id) in ids.enumerated() where result[id] == nil { result[id] = i }
        return result
    }

    /// Comments on one section of an issue, in site order.
    public func comments(onIssue issue: String, section: String) -> [Comment] {
        (commentsBySection["\(issue)#\(section)"] ?? []).map { comments[$0] }
    }

    public func comments(onIssue issue: String) -> [Comment] { (commentsByIssue[issue] ?? []).map { comments[$0] } }
    public func comments(byMember member: String) -> [Comment] { (commentsByMember[member] ?? []).map { comments[$0] } }
    /// Comments the paper reflects in one section (or heading) of an issue, in site order.
    public func comments(reflectedIn issue: String, section: String) -> [Comment] {
        (commentsByReflection["\(issue)#\(section)"] ?? []).map { comments[$0] }
    }
    public func comments(inMeeting meeting: String) -> [Comment] { (commentsByMeeting[meeting] ?? []).map { comments[$0] } }
}
