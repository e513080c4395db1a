import ShingiCore
import ShingiLoad

/// One output of the built site: a page, a feed, the sitemap or a search record. The
/// render stage renders the jobs in parallel, and a preview rebuild renders again the
/// jobs whose recorded inputs changed (`Dependencies`).
public enum PageJob: Sendable, Hashable {
    case home(Language)
    case issues(Language)
    case issue(String, Language)
    case members(Language)
    case member(String, Language)
    case meetings(Language)
    case meeting(String, Language)
    case comments(Language)
    case references(Language)
    /// The 意見対応表 of one meeting, or of the whole site with nil; and the same as CSV.
    case responses(String?, Language)
    case responsesCSV(String?, Language)
    case page(String, Language)
    /// With `search:` on: the search page.
    case search(Language)
    case languageChoice
    case notFound
    case sitemap
    /// The Atom feed of the comments, of the site or of one policy issue.
    case feed(Language)
    case issueFeed(String, Language)
    /// With `search:` on: a comment as a page of its own that only the search index sees.
    case searchRecord(String, Language)

    /// Whether the job makes a page of one language (what the preview counts).
    public var isPage: Bool {
        switch self {
        case .languageChoice, .notFound, .sitemap, .feed, .issueFeed, .searchRecord, .responsesCSV: false
        default: true
        }
    }

    /// The item whose Markdown file the page is made from (a draft's page is not in the
    /// sitemap; a page too large is reported at that file); nil for an output that gathers
    /// many items. No `default:`, so a new kind's page says which item it shows.
    var madeFrom: SiteItem? {
        switch self {
        case .home: SiteItem(.home)
        case .issue(let id, _): SiteItem(.issue, id)
        case .page(let slug, _): SiteItem(.page, slug)
        case .issues, .members, .member, .meetings, .meeting, .comments, .references, .responses, .responsesCSV, .search,
             .languageChoice, .notFound, .sitemap, .feed, .issueFeed, .searchRecord: nil
        }
    }
}

extension PageJob {
    /// Every output of `site`, in a fixed order: the one list of what a build makes, which
    /// the sitemap reads too (through `site`, so the preview knows it read the lists).
    static func all(of site: SiteReader) -> [PageJob] {
        var jobs: [PageJob] = [.languageChoice, .notFound]
        if site.config.sitemap { jobs.append(.sitemap) }
        let meetings = site.meetings.map(\.id)
        for language in site.config.languages {
            // Each kind's pages, by a switch with no `default:`, in the places of the order
            // the sitemap lists them in: a new kind chooses its places or does not compile.
            var home: [PageJob] = [], items: [PageJob] = [], pages: [PageJob] = [], feeds: [PageJob] = [], records: [PageJob] = []
            for kind in ContentKind.allCases {
                switch kind {
                case .home: home.append(.home(language))
                case .issue:
                    let issues = site.keys(kind)
                    items += issues.map { .issue($0, language) }
                    feeds += issues.map { .issueFeed($0, language) }
                case .comment: if site.config.search { records += site.keys(kind).map { .searchRecord($0, language) } }
                case .page: pages += site.keys(kind).map { .page($0, language) }
                }
            }
            jobs += home + [.issues(language), .members(language), .meetings(language), .comments(language), .references(language)] + items
            jobs += site.members.map { .member($0.id, language) }
            jobs += meetings.map { .meeting($0, language) }
            for meeting in [nil] + meetings { jobs += [.responses(meeting, language), .responsesCSV(meeting, language)] }
            jobs += pages + [.feed(language)] + feeds
            if site.config.search { jobs += [.search(language)] + records }
        }
        return jobs
    }
}

/// What a rebuild can have to do again: an output, or a comment's HTML that several
/// pages share (`RenderedComments`).
enum RenderJob: Hashable, Sendable {
    case page(PageJob)
    case comment(String)
}
