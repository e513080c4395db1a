import ShingiCore
import ShingiLoad
import ShingiMarkdown
import ShingiResolve

/// Renders one page job to its output file. Shared by all page kinds; each kind's
/// context is built in its own `PageRenderer+Kind.swift`.
struct PageRenderer: Sendable {
    /// The site, recording what each job reads (`SiteReader`).
    var site: SiteReader
    let theme: Theme
    let urls: SiteURLs
    let changes: ChangeMarks?
    /// Comment list items, rendered once before the pages.
    var comments: RenderedComments = .empty
    /// Lists a placeholder for each comment instead of its HTML (see `RenderedComments.fill`).
    var commentPlaceholders = false

    func strings(_ language: Language) -> [String: String] { theme.strings[language] ?? [:] }

    func presenter(_ language: Language) -> Presenter {
        Presenter(site: site, urls: urls, language: language, strings: strings(language))
    }

    /// A page and, with a page cache, what it read (`SiteRenderer`).
    struct RenderedPage {
        var file: OutputFile
        var reads: PageCache.Reads?
        /// The page cache's entry when the page was taken from the previous build
        /// rather than rendered.
        var kept: PageCache.Entry?
    }

    func render(_ job: PageJob) -> Result<RenderedPage, Diagnostic> {
        let path = self.path(of: job)
        let shell: PageShell
        let p = job.language.map(presenter)
        switch job {
        case .home: shell = home(p!)
        case .issues: shell = issueList(p!)
        case .issue(let id, _): shell = issue(site.issue(id)!, p!)
        case .members: shell = memberList(p!)
        case .member(let id, _): shell = member(site.member(id)!, p!)
        case .meetings: shell = meetingList(p!)
        case .meeting(let id, _): shell = meeting(site.meeting(id)!, p!)
        case .comments: shell = commentIndex(p!)
        case .references: shell = referenceIndex(p!)
        case .page(let slug, _): shell = freePage(site.page(slug)!, p!)
        case .search: shell = searchPage(p!)
        case .responses(let meeting, _): shell = responsesPage(meeting, p!)
        case .responsesCSV(let meeting, _): return .success(RenderedPage(file: OutputFile(path: path, bytes: responsesCSV(meeting, p!))))
        // Pages outside any language, without the layout: always rendered.
        case .languageChoice: return standalone("language-choice", path: path)
        case .notFound: return standalone("not-found", path: path)
        // Files that are no page.
        case .sitemap: return .success(RenderedPage(file: Sitemap(site: site, urls: urls).file()))
        case .feed(let l): return .success(RenderedPage(file: feed(l)))
        case .issueFeed(let id, let l): return .success(RenderedPage(file: feed(l, issue: site.issue(id)!)))
        case .searchRecord(let id, let l): return .success(RenderedPage(file: SearchRecords.file(site.comment(id)!, l, self)))
        }
        return renderShell(shell, presenter: p!, path: path)
    }

    /// The output path of the job's file (a search record's is its own, `SearchRecords`).
    func path(of job: PageJob) -> String {
        job.url(urls).map(urls.outputPath(for:)) ?? ""
    }

    /// The same URL function in every language, for the switcher and alternates.
    func everyLanguage(_ url: (Language) -> String) -> [Language: String] {
        Dictionary(uniqueKeysWithValues: site.config.languages.map { ($0, url($0)) })
    }

    func breadcrumbsHome(_ p: Presenter) -> (label: String, url: String?) { (p.t(.navHome), urls.home(p.language)) }

    func assembler(_ p: Presenter) -> FragmentAssembler { FragmentAssembler(links: CrossLinkRenderer(presenter: p)) }

    /// A Markdown item in the page's language, or the other language's with `fallback`.
    func translation<T>(_ translations: Localized<T>, _ language: Language) -> (file: T, fallback: Language?)? {
        guard let (file, isFallback) = translations.resolve(language) else { return nil }
        return (file, isFallback ? language.other : nil)
    }

    /// Pages outside any language: the language choice and 404, with both languages' strings.
    private func standalone(_ template: String, path: String) -> Result<RenderedPage, Diagnostic> {
        let languages = site.config.languages.enumerated().map { index, language in
            let p = presenter(language)
            return StandaloneContext.LanguageEntry(
                lang: language.rawValue, t: p.uiStrings, url: urls.home(language), absoluteURL: urls.absolute(urls.home(language)),
                siteTitle: p.text(site.config.title).text, shortTitle: p.text(site.config.shortTitle).text,
                last: language == site.config.languages.last, first: index == 0)
        }
        let context = StandaloneContext(languages: languages, cssURL: urls.asset("style.css"),
                                        languageChoiceAbsoluteURL: urls.absolute(urls.languageChoice),
                                        defaultLang: site.config.defaultLanguage.rawValue,
                                        t: presenter(site.config.defaultLanguage).uiStrings)
        guard let html = theme.render(template, context) else { return .failure(missingTemplate(template)) }
        return .success(RenderedPage(file: OutputFile(path: path, text: html)))
    }
}
