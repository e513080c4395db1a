import ShingiCore
import ShingiLoad
import ShingiMarkdown
import ShingiResolve

/// Renders one page job to its output file. Shared by all page kinds; each kind's
/// context is built in its own `PageRenderer+Kind.swift`.
struct PageRenderer: Sendable {
    let site: ResolvedSite
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

    func render(_ job: PageJob) -> Result<OutputFile, Diagnostic> {
        let url: String
        let html: Result<String, Diagnostic>
        switch job {
        case .home(let l): url = urls.home(l); html = renderShell(home(presenter(l)), presenter: presenter(l))
        case .issues(let l): url = urls.issues(l); html = renderShell(issueList(presenter(l)), presenter: presenter(l))
        case .issue(let id, let l): url = urls.issue(id, l); html = renderShell(issue(site.issue(id)!, presenter(l)), presenter: presenter(l))
        case .members(let l): url = urls.members(l); html = renderShell(memberList(presenter(l)), presenter: presenter(l))
        case .member(let id, let l): url = urls.member(id, l); html = renderShell(member(site.member(id)!, presenter(l)), presenter: presenter(l))
        case .meetings(let l): url = urls.meetings(l); html = renderShell(meetingList(presenter(l)), presenter: presenter(l))
        case .meeting(let id, let l): url = urls.meeting(id, l); html = renderShell(meeting(site.meeting(id)!, presenter(l)), presenter: presenter(l))
        case .comments(let l): url = urls.comments(l); html = renderShell(commentIndex(presenter(l)), presenter: presenter(l))
        case .references(let l): url = urls.references(l); html = renderShell(referenceIndex(presenter(l)), presenter: presenter(l))
        case .page(let slug, let l):
            url = urls.page(slug, l)
            html = renderShell(freePage(site.pages.first { $0.slug == slug }!, presenter(l)), presenter: presenter(l))
        case .languageChoice: url = urls.languageChoice; html = standalone("language-choice")
        case .notFound: url = urls.basePath + "404.html"; html = standalone("not-found")
        }
        return html.map { OutputFile(path: urls.outputPath(for: url), text: $0) }
    }

    /// The same URL function in every language, for the switcher and alternates.
    func everyLanguage(_ url: (Language) -> String) -> [Language: String] {
        Dictionary(uniqueKeysWithValues: site.config.languages.map { ($0, url($0)) })
    }

    func breadcrumbsHome(_ p: Presenter) -> (label: String, url: String?) { (p.t("nav_home"), urls.home(p.language)) }

    func assembler(_ p: Presenter) -> FragmentAssembler { FragmentAssembler(links: CrossLinkRenderer(presenter: p)) }

    /// A Markdown item in the page's language, or the other language's with `fallback`.
    func translation<T>(_ translations: Localized<T>, _ language: Language) -> (file: T, fallback: Language?)? {
        guard let (file, isFallback) = translations.resolve(language) else { return nil }
        return (file, isFallback ? language.other : nil)
    }

    /// Pages outside any language: the language choice and 404, with both languages' strings.
    private func standalone(_ template: String) -> Result<String, Diagnostic> {
        let languages = site.config.languages.map { language -> [String: Any] in
            let p = presenter(language)
            return ["lang": language.rawValue, "t": p.strings, "url": urls.home(language),
                    "site_title": p.text(site.config.title).text, "short_title": p.text(site.config.shortTitle).text]
        }
        let context: [String: Any] = ["languages": languages, "css_url": urls.asset("style.css"),
                                      "default_lang": site.config.defaultLanguage.rawValue,
                                      "t": strings(site.config.defaultLanguage)]
        guard let html = theme.render(template, context) else { return .failure(missingTemplate(template)) }
        return .success(html)
    }
}
