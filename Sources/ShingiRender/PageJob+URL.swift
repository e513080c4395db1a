import ShingiCore

extension PageJob {
    /// The language of what the job makes; nil for the outputs outside any language.
    var language: Language? {
        switch self {
        case .home(let l), .issues(let l), .issue(_, let l), .members(let l), .member(_, let l), .meetings(let l),
             .meeting(_, let l), .comments(let l), .references(let l), .responses(_, let l), .responsesCSV(_, let l),
             .page(_, let l), .search(let l), .feed(let l), .issueFeed(_, let l), .searchRecord(_, let l): l
        case .languageChoice, .notFound, .sitemap: nil
        }
    }

    /// The same output in `language` (itself when it is outside any language).
    func translated(to language: Language) -> PageJob {
        switch self {
        case .home: .home(language)
        case .issues: .issues(language)
        case .issue(let id, _): .issue(id, language)
        case .members: .members(language)
        case .member(let id, _): .member(id, language)
        case .meetings: .meetings(language)
        case .meeting(let id, _): .meeting(id, language)
        case .comments: .comments(language)
        case .references: .references(language)
        case .responses(let meeting, _): .responses(meeting, language)
        case .responsesCSV(let meeting, _): .responsesCSV(meeting, language)
        case .page(let slug, _): .page(slug, language)
        case .search: .search(language)
        case .feed: .feed(language)
        case .issueFeed(let id, _): .issueFeed(id, language)
        case .searchRecord(let id, _): .searchRecord(id, language)
        case .languageChoice, .notFound, .sitemap: self
        }
    }

    /// Where the published site has what the job makes; nil for a search record, which
    /// only the search index sees (`SearchRecords`).
    func url(_ urls: SiteURLs) -> String? {
        switch self {
        case .home(let l): urls.home(l)
        case .issues(let l): urls.issues(l)
        case .issue(let id, let l): urls.issue(id, l)
        case .members(let l): urls.members(l)
        case .member(let id, let l): urls.member(id, l)
        case .meetings(let l): urls.meetings(l)
        case .meeting(let id, let l): urls.meeting(id, l)
        case .comments(let l): urls.comments(l)
        case .references(let l): urls.references(l)
        case .responses(let meeting, let l): urls.responses(meeting, l)
        case .responsesCSV(let meeting, let l): urls.responsesCSV(meeting, l)
        case .page(let slug, let l): urls.page(slug, l)
        case .search(let l): urls.search(l)
        case .feed(let l): urls.feed(l)
        case .issueFeed(let id, let l): urls.issueFeed(id, l)
        case .languageChoice: urls.languageChoice
        case .notFound: urls.basePath + "404.html"
        case .sitemap: urls.basePath + "sitemap.xml"
        case .searchRecord: nil
        }
    }

    /// Whether the sitemap lists the page: every page of a language but the search page
    /// (the sitemap leaves drafts out by itself).
    var isInSitemap: Bool {
        switch self {
        case .search: false
        default: isPage
        }
    }
}
