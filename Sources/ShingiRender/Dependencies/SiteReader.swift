import ShingiCore
import ShingiLoad
import ShingiResolve

/// The resolved site as a render job reads it. Lists, lookups and queries record what
/// they were asked in the job's `ReadLog`, and hand out `Tracked` items that record the
/// fields read; without a log (a one-shot build) nothing is recorded.
struct SiteReader: Sendable {
    private let site: ResolvedSite
    let log: ReadLog?

    init(_ site: ResolvedSite, log: ReadLog? = nil) {
        self.site = site
        self.log = log
    }

    /// The site itself, for what is not a read of a page (which outputs there are).
    var unrecorded: ResolvedSite { site }

    /// The same site, recorded in `log`.
    func recording(into log: ReadLog?) -> SiteReader { SiteReader(site, log: log) }

    /// `shingi.yml`: every page depends on it, so a change to it renders them all
    /// (`SiteChange.everything`) and reads of it are not recorded.
    var config: SiteConfig { site.config }

    // MARK: Lists

    var issues: [Tracked<Issue>] { list(.content(.issue), site.issues, \.id) }
    var comments: [Tracked<Comment>] { list(.content(.comment), site.comments, \.id) }
    var members: [Tracked<Member>] { list(.data(.members), site.members, \.id) }
    var meetings: [Tracked<Meeting>] { list(.data(.meetings), site.meetings, \.id) }
    var references: [Tracked<Reference>] { list(.data(.references), site.references, \.id) }
    var pages: [Tracked<Page>] { list(.content(.page), site.pages, \.slug) }
    var home: Tracked<Page>? { list(.content(.home), site.home.map { [$0] } ?? []) { _ in "" }.first }

    private func list<Value>(_ kind: SiteItem.Kind, _ values: [Value], _ key: (Value) -> String) -> [Tracked<Value>] {
        log?.read(.list(kind))
        return values.map { Tracked($0, SiteItem(kind: kind, key: key($0)), log) }
    }

    /// The keys of a kind's items in order, recorded as its list, for a job that names
    /// the items without reading them (`PageJob.all`).
    func keys(_ kind: ContentKind) -> [String] {
        log?.read(.list(.content(kind)))
        return site.keys(.content(kind))
    }

    // MARK: Lookups

    func issue(_ id: String) -> Tracked<Issue>? { lookup(site.issue(id), SiteItem(.issue, id), \Issue.id) }
    func comment(_ id: String) -> Tracked<Comment>? { lookup(site.comment(id), SiteItem(.comment, id), \Comment.id) }
    func member(_ id: String) -> Tracked<Member>? { lookup(site.member(id), SiteItem(.members, id), \Member.id) }
    func meeting(_ id: String) -> Tracked<Meeting>? { lookup(site.meeting(id), SiteItem(.meetings, id), \Meeting.id) }
    func reference(_ id: String) -> Tracked<Reference>? { lookup(site.reference(id), SiteItem(.references, id), \Reference.id) }
    func page(_ slug: String) -> Tracked<Page>? { lookup(site.pages.first { $0.slug == slug }, SiteItem(.page, slug), \Page.slug) }

    /// The item if there is one; either way, whether there is one is recorded.
    private func lookup<Value>(_ value: Value?, _ item: SiteItem, _ id: KeyPath<Value, String>) -> Tracked<Value>? {
        log?.read(item, id)
        return value.map { Tracked($0, item, log) }
    }

    // MARK: Queries

    func comments(onIssue issue: String) -> [Tracked<Comment>] {
        query(.commentsOnIssue(issue), site.comments(onIssue: issue))
    }

    func comments(onIssue issue: String, section: String) -> [Tracked<Comment>] {
        query(.commentsOnSection(issue, section), site.comments(onIssue: issue, section: section))
    }

    func comments(reflectedIn issue: String, section: String) -> [Tracked<Comment>] {
        query(.commentsReflectedIn(issue, section), site.comments(reflectedIn: issue, section: section))
    }

    func comments(byMember member: String) -> [Tracked<Comment>] { query(.commentsByMember(member), site.comments(byMember: member)) }
    func comments(inMeeting meeting: String) -> [Tracked<Comment>] { query(.commentsInMeeting(meeting), site.comments(inMeeting: meeting)) }

    /// The ids of `comments` (nil: of the site) or `comments(onIssue:)`/`(inMeeting:)`,
    /// recorded as the same list or query, for a job that shows the comments only as
    /// `RenderedComments` made them: the comments themselves are not copied.
    func commentIDs(onIssue issue: String? = nil) -> [String] {
        guard let issue else { return keys(.comment) }
        log?.read(.commentsOnIssue(issue))
        return site.commentIDs(onIssue: issue)
    }

    func commentIDs(inMeeting meeting: String?) -> [String] {
        guard let meeting else { return commentIDs() }
        log?.read(.commentsInMeeting(meeting))
        return site.commentIDs(inMeeting: meeting)
    }

    private func query(_ input: SiteInput, _ comments: [Comment]) -> [Tracked<Comment>] {
        log?.read(input)
        return comments.map { Tracked($0, SiteItem(.comment, $0.id), log) }
    }

    /// The ids of the issues `member` advises, recorded as that query: a member page
    /// reads no other issue's advisors (nor copies every issue to read them).
    func issueIDs(advisedBy member: String) -> [String] {
        log?.read(.issuesAdvisedBy(member))
        return site.issueIDs(advisedBy: member)
    }

    /// Where a reference is cited.
    func citations(of reference: String) -> [CitationPlace] {
        log?.read(.citations(reference))
        return site.citations[reference] ?? []
    }

    /// The stale parts of the translation read from `path`, among the item's files. They
    /// follow from the item's translations, which the caller has read through its
    /// `Tracked` item.
    func staleParts(at path: String, among sources: Localized<MarkdownSource>) -> Set<String> {
        site.staleParts(at: path, among: sources)
    }

    /// The source language of the item whose files are `sources`; likewise.
    func sourceLanguage(of sources: Localized<MarkdownSource>) -> Language { site.sourceLanguage(of: sources) }

    /// The files of an item's translations, by language.
    func sources<T>(_ translations: Localized<T>, _ source: KeyPath<T, MarkdownSource>) -> Localized<MarkdownSource> {
        site.sources(translations, source)
    }
}
