import ShingiCore
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
    /// Set when the body is shown in another language than the page's.
    var contentLanguage: Language?
    var context: [String: Any] = [:]
    /// A feed of this page's own (a policy issue's comments), linked beside the site's.
    var feed: (url: String, title: String)?
}

extension PageRenderer {
    /// What the legend calls the earlier version: the meeting's title and date, or the
    /// user's label; nil for "the previous version".
    func changesLabel(_ changes: ChangeMarks, _ p: Presenter) -> String? {
        guard let id = changes.meeting, let meeting = site.meeting(id) else { return changes.label[p.language] }
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
        let crumbs = shell.breadcrumbs.enumerated().map { index, crumb -> [String: Any] in
            ["label": crumb.label, "url": crumb.url ?? "", "has_url": crumb.url != nil, "last": index == shell.breadcrumbs.count - 1]
        }
        let alternates = site.config.languages.compactMap { other -> [String: Any]? in
            guard let url = shell.urls[other] else { return nil }
            return ["lang": other.rawValue, "url": url, "absolute_url": urls.absolute(url),
                    "label": strings(other)["language_name"] ?? other.rawValue, "current": other == language]
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
            "css_url": urls.asset("style.css"),
            "script_url": urls.asset("site.js"),
            "language_choice_url": urls.languageChoice,
            "feed_url": urls.feed(language),
            "has_page_feed": shell.feed != nil,
            "page_feed_url": shell.feed?.url ?? "",
            "page_feed_title": shell.feed?.title ?? "",
            "canonical_url": urls.absolute(shell.urls[language] ?? urls.home(language)),
            "nav": navigation(p, current: shell.template),
            "alternates": alternates,
            "breadcrumbs": crumbs,
            "has_breadcrumbs": crumbs.count > 1,
            "toc": shell.toc.map { ["id": $0.id, "text": $0.text, "sub": $0.level > 2] as [String: Any] },
            "has_toc": shell.toc.count > 1,
            "untranslated": shell.contentLanguage != nil,
            "content_lang": (shell.contentLanguage ?? language).rawValue,
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
        guard let page = theme.render("layout", layout) else { return .failure(missingTemplate("layout")) }
        return .success(RenderedPage(file: OutputFile(path: path, text: page), key: key))
    }

    func missingTemplate(_ name: String) -> Diagnostic {
        .error("missing-template", "the theme has no template '\(name).mustache'", at: SourceLocation(path: theme.displayPrefix + name + ".mustache"))
    }

    private func navigation(_ p: Presenter, current: String) -> [[String: Any]] {
        let items: [(String, String, [String])] = [
            ("nav_home", urls.home(p.language), ["home"]),
            ("nav_issues", urls.issues(p.language), ["issues", "issue"]),
            ("nav_comments", urls.comments(p.language), ["comments"]),
            ("nav_members", urls.members(p.language), ["members", "member"]),
            ("nav_meetings", urls.meetings(p.language), ["meetings", "meeting"]),
            ("nav_references", urls.references(p.language), ["references"]),
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
