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
    var context: [String: Any] = [:]
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

    /// Renders the page template, then the layout around it; or, with a page cache, takes
    /// the previous build's page at `path` when both contexts are those it was made from.
    func renderShell(_ shell: PageShell, presenter p: Presenter, path: String) -> Result<RenderedPage, Diagnostic> {
        let language = p.language
        var context = shell.context
        context["t"] = p.strings
        context["lang"] = language.rawValue
        // The contents list follows the page's title, so the page template places it.
        let toc = shell.toc.map { entry -> [String: Any] in
            let count = shell.tocComments[entry.id] ?? 0
            return ["id": entry.id, "text": entry.text, "sub": entry.level > 2, "has_comments": count > 0,
                    "comments_anchor": "comments-\(entry.id)", "count_label": p.t(.commentCountLabel).filling("{n}", with: "\(count)"),
                    "comments_label": p.t(.commentsLabel).filling("{n}", with: "\(count)")]
        }
        context["toc"] = toc
        context["has_toc"] = toc.count > 1
        let source = sourceContext(p)
        context.merge(source) { current, _ in current }
        let pageURL = shell.urls[language]
        let crumbs = shell.breadcrumbs.enumerated().map { index, crumb -> [String: Any] in
            ["label": crumb.label, "url": crumb.url ?? "", "has_url": crumb.url != nil, "last": index == shell.breadcrumbs.count - 1]
        }
        let alternates = site.config.languages.compactMap { other -> [String: Any]? in
            guard let url = shell.urls[other] else { return nil }
            return ["lang": other.rawValue, "url": url, "absolute_url": urls.absolute(url),
                    "label": strings(other)[.languageName] ?? other.rawValue, "current": other == language]
        }
        var layout: [String: Any] = [
            "t": p.strings,
            "lang": language.rawValue,
            "site_title": p.text(site.config.title).text,
            "short_title": p.text(site.config.shortTitle).text,
            // Without a short title of its own the header would show the title twice.
            "show_short_title": p.text(site.config.shortTitle).text != p.text(site.config.title).text,
            "page_title": shell.title,
            "is_home": shell.template == "home",
            "home_url": urls.home(language),
            "description": shell.description ?? HTMLEscape.text("\(shell.title) | \(p.text(site.config.title).text)"),
            "css_url": urls.asset("style.css"),
            "script_url": urls.asset("site.js"),
            "language_choice_url": urls.languageChoice,
            "language_choice_absolute_url": urls.absolute(urls.languageChoice),
            "pages": pageLinks(p).map { link in link.merging(["current": link["url"] as? String == pageURL]) { $1 } },
            "has_pages": !site.pages.isEmpty,
            "feed_url": urls.feed(language),
            "has_page_feed": shell.feed != nil,
            "page_feed_url": shell.feed?.url ?? "",
            "page_feed_title": shell.feed?.title ?? "",
            "canonical_url": urls.absolute(shell.urls[language] ?? urls.home(language)),
            "nav": navigation(p, current: shell.template),
            "alternates": alternates,
            "breadcrumbs": crumbs,
            "has_breadcrumbs": crumbs.count > 1,
            "untranslated": shell.contentLanguage != nil,
            "content_lang": (shell.contentLanguage ?? language).rawValue,
            "has_search": site.config.search,
            "search_url": urls.search(language),
            "has_changes": changes != nil,
            "changes_label": changes.flatMap { changesLabel($0, p) } ?? false,
            "page_changed": changes?.pageChanged(changeKey(shell, language), in: language) ?? false,
        ]
        // The key covers the layout too; its context has no body yet, which the page
        // template makes from its own context. Both have `t` set to `p.strings` above.
        let key = pageCache == nil || commentPlaceholders ? nil : ContextDigest.key(theme, shell.template, [context, layout], uiStringsIn: language)
        if let key, let (bytes, entry) = pageCache?.page(at: path, key: key) {
            return .success(RenderedPage(file: OutputFile(path: path, bytes: bytes), key: key, kept: entry))
        }
        guard let body = theme.render(shell.template, context) else {
            return .failure(missingTemplate(shell.template))
        }
        layout["body_html"] = body
        layout.merge(source) { current, _ in current }
        guard let page = theme.render("layout", layout) else { return .failure(missingTemplate("layout")) }
        // Japanese runs of a page in another language are tagged as Japanese (WCAG 3.1.2).
        let html = language == .ja ? page : LanguageOfParts.tagJapanese(in: page)
        return .success(RenderedPage(file: OutputFile(path: path, text: html), key: key))
    }

    /// The original document of `source:` in shingi.yml, for the footer and the home page.
    func sourceContext(_ p: Presenter) -> [String: Any] {
        guard let source = site.config.source else { return ["has_source": false] }
        let title = p.text(source.title)
        var context: [String: Any] = ["has_source": true, "source_title": title.text, "source_lang": title.language.rawValue,
                                      "has_source_url": source.url != nil, "has_source_date": source.date != nil]
        if let url = source.url { context["source_url"] = url }
        if let date = source.date {
            context["source_date"] = p.date(date)
            context["source_iso_date"] = date.description
        }
        return context
    }

    func missingTemplate(_ name: String) -> Diagnostic {
        .error("missing-template", "the theme has no template '\(name).mustache'", at: SourceLocation(path: theme.displayPrefix + name + ".mustache"))
    }

    private func navigation(_ p: Presenter, current: String) -> [[String: Any]] {
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
            ["label": p.t(key), "url": url, "current": templates.contains(current)]
        }
    }

    /// The table of contents of a fragment: its level-2 and level-3 headings.
    func toc(_ headings: [Heading]) -> [(id: String, text: String, level: Int)] {
        headings.filter { $0.level >= 2 && $0.level <= 3 }.map { ($0.id, $0.text, $0.level) }
    }
}
