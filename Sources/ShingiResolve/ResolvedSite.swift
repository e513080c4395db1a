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
    public func comments(onIssue issue: String, section: String) -> [Comment] { pick(commentsBySection["\(issue)#\(section)"]) }
    public func comments(onIssue issue: String) -> [Comment] { pick(commentsByIssue[issue]) }
    public func comments(byMember member: String) -> [Comment] { pick(commentsByMember[member]) }
    /// Comments the paper reflects in one section (or heading) of an issue, in site order.
    public func comments(reflectedIn issue: String, section: String) -> [Comment] { pick(commentsByReflection["\(issue)#\(section)"]) }
    public func comments(inMeeting meeting: String) -> [Comment] { pick(commentsByMeeting[meeting]) }

    /// The ids of the same comments, without copying them (a comment is a large value).
    public func commentIDs(onIssue issue: String, section: String) -> [String] { ids(commentsBySection["\(issue)#\(section)"]) }
    public func commentIDs(onIssue issue: String) -> [String] { ids(commentsByIssue[issue]) }
    public func commentIDs(byMember member: String) -> [String] { ids(commentsByMember[member]) }
    public func commentIDs(reflectedIn issue: String, section: String) -> [String] { ids(commentsByReflection["\(issue)#\(section)"]) }
    public func commentIDs(inMeeting meeting: String) -> [String] { ids(commentsByMeeting[meeting]) }

    /// The issues `member` advises, by id in site order.
    public func issueIDs(advisedBy member: String) -> [String] {
        issues.lazy.filter { $0.advisors.contains(member) }.map(\.id)
    }

    private func pick(_ indices: [Int]?) -> [Comment] { (indices ?? []).map { comments[$0] } }
    private func ids(_ indices: [Int]?) -> [String] { (indices ?? []).map { comments[$0].id } }
}
