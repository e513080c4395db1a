import ShingiCore
import ShingiLoad
import ShingiResolve

extension PageRenderer {
    /// The home page: the site's own body text, then the issues, meetings and pages.
    func home(_ p: Presenter) -> PageShell {
        var context = HomeContext(
            siteTitle: p.text(site.config.title).text,
            issues: site.issues.map { issueSummary($0, p, headingLevel: 3) },
            pages: pageLinks(p),
            meetings: site.meetings.chronological().map {
                HomeContext.Meeting(titleHTML: p.html(p.meetingTitle($0)), url: urls.meeting($0.id, p.language))
            },
            commentCount: site.comments.count, memberCount: site.members.count, referenceCount: site.references.count)
        var toc: [(id: String, text: String, level: Int)] = []
        var fallback: Language?
        var description: String?
        if let home = site.home, let (file, homeFallback) = translation(home.translations, p.language) {
            let body = pageBody(file.source, among: site.sources(home.translations, \.source), p) { urls.home($0) + ($1.map { "#" + $0 } ?? "") }
            context.bodyHTML = body
            description = PageDescription.firstParagraph(body)
            context.hasBody = true
            context.homeTitle = file.title
            toc = self.toc(file.source.fragment.headings)
            fallback = homeFallback
        }
        return PageShell(template: "home", title: p.text(site.config.title).text, urls: everyLanguage(urls.home),
                         breadcrumbs: [(p.t(.navHome), nil)], toc: toc, contentLanguage: fallback,
                         description: description ?? HTMLEscape.text(p.text(site.config.title).text), context: context)
    }

    func pageLinks(_ p: Presenter) -> [PageLink] {
        site.pages.map { page in
            let (title, fallback) = page.translation(\.titles, p.language)!
            return PageLink(title: title, url: urls.page(page.slug, p.language), untranslated: fallback != nil,
                            contentLang: (fallback ?? p.language).rawValue)
        }
    }

    func freePage(_ page: Tracked<Page>, _ p: Presenter) -> PageShell {
        let (file, fallback) = translation(page.translations, p.language)!
        let body = pageBody(file.source, among: site.sources(page.translations, \.source), p) { urls.page(page.slug, $0) + ($1.map { "#" + $0 } ?? "") }
        return PageShell(template: "page", title: file.title, urls: everyLanguage { urls.page(page.slug, $0) },
                         breadcrumbs: [breadcrumbsHome(p), (file.title, nil)], toc: toc(file.source.fragment.headings),
                         contentLanguage: fallback, description: PageDescription.firstParagraph(body),
                         context: FreePageContext(title: file.title, bodyHTML: draftNotice(page.isDraft, p) + body))
    }

    /// The reference index: every reference by number, with "cited in" backlinks.
    func referenceIndex(_ p: Presenter) -> PageShell {
        let references = site.references.map { reference in
            let publisher = p.text(reference.publisher)
            let note = p.text(reference.note)
            let citedIn = site.citations(of: reference.id).map { ReferencesContext.Citation(linkHTML: citationLink($0, p)) }
            let date = reference.date
            let url = reference.url
            return ReferencesContext.Entry(
                anchor: "ref-\(reference.id)", number: reference.number, titleHTML: p.html(p.text(reference.title)),
                publisherHTML: p.html(publisher), hasPublisher: !publisher.text.isEmpty,
                noteHTML: p.html(note), hasNote: !note.text.isEmpty, citedIn: citedIn, hasCitedIn: !citedIn.isEmpty,
                hasDate: date != nil, hasURL: url != nil, date: date.map(p.date), url: url)
        }
        return PageShell(template: "references", title: p.t(.referencesTitle), urls: everyLanguage { urls.references($0) },
                         breadcrumbs: [breadcrumbsHome(p), (p.t(.referencesTitle), nil)],
                         description: HTMLEscape.text(p.t(.referencesLead)), context: ReferencesContext(references: references))
    }

    /// The search page: the search field and filters, filled by `assets/search.js` from
    /// Pagefind's index; without JavaScript it points to the comments and references.
    func searchPage(_ p: Presenter) -> PageShell {
        PageShell(template: "search", title: p.t(.searchTitle), urls: everyLanguage { urls.search($0) },
                  breadcrumbs: [breadcrumbsHome(p), (p.t(.searchTitle), nil)],
                  context: SearchContext(commentsURL: urls.comments(p.language), referencesURL: urls.references(p.language),
                                         issuesURL: urls.issues(p.language), bundleURL: urls.searchBundle,
                                         searchScriptURL: urls.asset("search.js"), baseURL: urls.basePath))
    }

    private func citationLink(_ place: CitationPlace, _ p: Presenter) -> String {
        switch place {
        case .home:
            return HTMLAnchor.html(href: urls.home(p.language), innerHTML: HTMLEscape.text(p.t(.navHome)))
        case .issue(let id, let section):
            guard let section else { return p.issueLink(id) }
            guard let issue = site.issue(id) else { return HTMLEscape.text(id) }
            return "\(HTMLEscape.text(p.issueLabel(issue))) › \(p.issueLink(id, section: section))"
        case .page(let slug):
            guard let page = site.page(slug), let (title, _) = page.translation(\.titles, p.language) else { return slug }
            return HTMLAnchor.html(href: urls.page(slug, p.language), innerHTML: HTMLEscape.text(title))
        case .comment(let id):
            guard let comment = site.comment(id) else { return HTMLEscape.text(id) }
            return HTMLAnchor.html(href: p.commentURL(comment), innerHTML: HTMLEscape.text(p.commentLabel(comment)))
        }
    }

    /// A free page's (or the home page's) text, with the notices of a stale translation.
    private func pageBody(_ source: MarkdownSource, among sources: Localized<MarkdownSource>, _ p: Presenter,
                          url: (Language, String?) -> String) -> String {
        let notices = staleNotices(source, among: sources, meeting: nil, p, url: url)
        return (notices[SourceParts.intro] ?? "") + assembler(p).html(source.fragment, footnotes: "body", afterHeading: { notices[$0.id] ?? "" })
    }
}
