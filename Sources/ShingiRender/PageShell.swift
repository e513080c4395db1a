import ShingiCore
import ShingiLoad
import ShingiMarkdown
import ShingiResolve

/// What every language page has around its body: title, breadcrumbs, table of
/// contents, language switcher and alternates, and the untranslated notice.
struct PageShell {
    var template: String
    var title: String
    /// This page's URL in each language (the switcher and hreflang alternates).
    var urls: [Language: String]
    var breadcrumbs: [(label: String, url: String?)] = []
    var toc: [(id: String, text: String, level: Int)] = []
    /// How many comments the contents list shows for a heading id (issue pages).
    var tocComments: [String: Int] = [:]
    /// Set when the body is shown in another language than the page's.
    var contentLanguage: Language?
    /// `<meta name="description">` as escaped text; by default the page's title and the site's.
    var description: String?
    /// What the page's own template reads besides `PageBody` and `SourceContext`.
    var context: any TemplateContext
    /// A feed of this page's own (a policy issue's comments), linked beside the site's.
    var feed: (url: String, title: String)?
}

extension PageRenderer {
    /// What the legend calls the earlier version: the meeting's title and date, or the
    /// user's label; nil for "the previous version".
    func changesLabel(_ changes: ChangeMarks, _ p: Presenter) -> String? {
        guard let id = changes.meeting, let meeting = site.meeting(id) else { return changes.label[p.language] }
        return meetingWithDate(meeting, p)
    }

    /// A meeting's title with its date, unless the title already shows it.
    func meetingWithDate(_ meeting: Tracked<Meeting>, _ p: Presenter) -> String {
        let title = p.meetingTitle(meeting).text
        let date = DateFormatting.format(meeting.date, p.language)
        if title.contains(date) { return title }
        return p.language == .ja ? "\(title)（\(date)）" : "\(title) (\(date))"
    }

    /// The page's key in `ChangeMarks.pages`: its path under the language folder
    /// (`issues/1`, `pages/about`), `index` for the home page.
    func changeKey(_ shell: PageShell, _ language: Language) -> String {
        guard let url = shell.urls[language] else { return "" }
        let prefix = urls.home(language)
        let path = url.hasPrefix(prefix) ? String(url.dropFirst(prefix.count)) : url
        return path.isEmpty ? "index" : String(path.hasSuffix("/") ? path.dropLast() : Substring(path))
    }

    /// Renders the page template, then the layout around it.
    func renderShell(_ shell: PageShell, presenter p: Presenter, path: String) -> Result<RenderedPage, Diagnostic> {
        renderShell(shell, content: shell.context, presenter: p, path: path)
    }

    private func renderShell<Content: TemplateContext>(_ shell: PageShell, content: Content, presenter p: Presenter, path: String) -> Result<RenderedPage, Diagnostic> {
        let language = p.language
        let strings = p.uiStrings
        let toc = shell.toc.map { entry in
            let count = shell.tocComments[entry.id] ?? 0
            return PageBody.Entry(id: entry.id, text: entry.text, sub: entry.level > 2, hasComments: count > 0,
                                  commentsAnchor: "comments-\(entry.id)", countLabel: p.t(.commentCountLabel).filling("{n}", with: "\(count)"),
                                  commentsLabel: p.t(.commentsLabel).filling("{n}", with: "\(count)"))
        }
        let source = sourceContext(p)
        let body = Merged(PageBody(t: strings, lang: language.rawValue, toc: toc, hasTOC: toc.count > 1), Merged(content, source))
        let pageURL = shell.urls[language]
        let crumbs = shell.breadcrumbs.enumerated().map { index, crumb in
            LayoutContext.Breadcrumb(label: crumb.label, url: crumb.url ?? "", hasURL: crumb.url != nil, last: index == shell.breadcrumbs.count - 1)
        }
        let alternates = site.config.languages.compactMap { other -> LayoutContext.Alternate? in
            guard let url = shell.urls[other] else { return nil }
            return LayoutContext.Alternate(lang: other.rawValue, url: url, absoluteURL: urls.absolute(url),
                                           label: self.strings(other)[.languageName] ?? other.rawValue, current: other == language)
        }
        let siteTitle = p.text(site.config.title).text
        let shortTitle = p.text(site.config.shortTitle).text
        var layout = LayoutContext(
            t: strings, lang: language.rawValue, siteTitle: siteTitle, shortTitle: shortTitle,
            showShortTitle: shortTitle != siteTitle, pageTitle: shell.title, isHome: shell.template == "home",
            homeURL: urls.home(language), description: shell.description ?? HTMLEscape.text("\(shell.title) | \(siteTitle)"),
            cssURL: urls.asset("style.css"), scriptURL: urls.asset("site.js"),
            languageChoiceURL: urls.languageChoice, languageChoiceAbsoluteURL: urls.absolute(urls.languageChoice),
            pages: pageLinks(p).map { link in var link = link; link.current = link.url == pageURL; return link },
            hasPages: !site.pages.isEmpty, feedURL: urls.feed(language), hasPageFeed: shell.feed != nil,
            pageFeedURL: shell.feed?.url ?? "", pageFeedTitle: shell.feed?.title ?? "",
            canonicalURL: urls.absolute(shell.urls[language] ?? urls.home(language)), nav: navigation(p, current: shell.template),
            alternates: alternates, breadcrumbs: crumbs, hasBreadcrumbs: crumbs.count > 1,
            untranslated: shell.contentLanguage != nil, contentLang: (shell.contentLanguage ?? language).rawValue,
            hasSearch: site.config.search, searchURL: urls.search(language), hasChanges: changes != nil,
            changesLabel: changes.flatMap { changesLabel($0, p) },
            pageChanged: changes?.pageChanged(changeKey(shell, language), in: language) ?? false)
        guard let bodyHTML = theme.render(shell.template, body) else {
            return .failure(missingTemplate(shell.template))
        }
        layout.bodyHTML = bodyHTML
        guard let page = theme.render("layout", Merged(layout, source)) else { return .failure(missingTemplate("layout")) }
        // Japanese runs of a page in another language are tagged as Japanese (WCAG 3.1.2).
        let html = language == .ja ? page : LanguageOfParts.tagJapanese(in: page)
        return .success(RenderedPage(file: OutputFile(path: path, text: html)))
    }

    /// The original document of `source:` in shingi.yml, for the footer and the home page.
    func sourceContext(_ p: Presenter) -> SourceContext {
        guard let source = site.config.source else { return SourceContext(hasSource: false) }
        let title = p.text(source.title)
        return SourceContext(hasSource: true, sourceTitle: title.text, sourceLang: title.language.rawValue,
                             hasSourceURL: source.url != nil, hasSourceDate: source.date != nil, sourceURL: source.url,
                             sourceDate: source.date.map(p.date), sourceISODate: source.date?.description)
    }

    func missingTemplate(_ name: String) -> Diagnostic {
        .error("missing-template", "the theme has no template '\(name).mustache'", at: SourceLocation(path: theme.displayPrefix + name + ".mustache"))
    }

    private func navigation(_ p: Presenter, current: String) -> [LayoutContext.NavigationItem] {
        let items: [(UIString, String, [String])] = [
            (.navHome, urls.home(p.language), ["home"]),
            (.navIssues, urls.issues(p.language), ["issues", "issue"]),
            (.navComments, urls.comments(p.language), ["comments"]),
            (.navResponses, urls.responses(nil, p.language), ["responses"]),
            (.navMembers, urls.members(p.language), ["members", "member"]),
            (.navMeetings, urls.meetings(p.language), ["meetings", "meeting"]),
            (.navReferences, urls.references(p.language), ["references"]),
        ]
        return items.map { key, url, templates in
            LayoutContext.NavigationItem(label: p.t(key), url: url, current: templates.contains(current))
        }
    }

    /// The table of contents of a fragment: its level-2 and level-3 headings.
    func toc(_ headings: [Heading]) -> [(id: String, text: String, level: Int)] {
        headings.filter { $0.level >= 2 && $0.level <= 3 }.map { ($0.id, $0.text, $0.level) }
    }
}
