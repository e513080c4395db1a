/// `home.mustache`: the site's own text, then its issues, meetings and pages.
struct HomeContext: TemplateContext {
    let siteTitle: String
    let issues: [IssueCard]
    let pages: [PageLink]
    let meetings: [Meeting]
    let commentCount: Int
    let memberCount: Int
    let referenceCount: Int
    /// From `content/home.<lang>.md`, when the site has one.
    var bodyHTML: String?
    var hasBody = false
    var homeTitle: String?

    struct Meeting: Encodable {
        let titleHTML: String
        let url: String
    }
}

/// `page.mustache`: a free page.
struct FreePageContext: TemplateContext {
    let title: String
    let bodyHTML: String
}

/// `references.mustache`: every reference by number, with where it is cited.
struct ReferencesContext: TemplateContext {
    let references: [Entry]

    struct Entry: Encodable {
        let anchor: String
        let number: Int
        let titleHTML: String
        let publisherHTML: String
        let hasPublisher: Bool
        let noteHTML: String
        let hasNote: Bool
        let citedIn: [Citation]
        let hasCitedIn: Bool
        let hasDate: Bool
        let hasURL: Bool
        let date: String?
        let url: String?
    }

    struct Citation: Encodable {
        let linkHTML: String
    }
}

/// `search.mustache`: the search field, which `assets/search.js` fills from Pagefind's index.
struct SearchContext: TemplateContext {
    let commentsURL: String
    let referencesURL: String
    let issuesURL: String
    let bundleURL: String
    let searchScriptURL: String
    let baseURL: String
}

/// `language-choice.mustache` and `not-found.mustache`: pages outside any language,
/// without the layout, with every language's strings.
struct StandaloneContext: TemplateContext {
    let languages: [LanguageEntry]
    let cssURL: String
    let languageChoiceAbsoluteURL: String
    let defaultLang: String
    let t: UIStringTable

    struct LanguageEntry: Encodable {
        let lang: String
        let t: UIStringTable
        let url: String
        let absoluteURL: String
        let siteTitle: String
        let shortTitle: String
        let last: Bool
        let first: Bool
    }
}

/// `partials/translation-notice`: a translation behind its source, after the part's heading.
struct TranslationNoticeContext: TemplateContext {
    let t: UIStringTable
    let isSection: Bool
    let sourceLang: String
    let sourceURL: String
    /// Which text of the original the translation is behind, when that is known.
    let asOf: String?
}

/// `partials/draft-notice`: the 下書き / Draft notice of a draft page or section.
struct DraftNoticeContext: TemplateContext {
    let t: UIStringTable
    let section: Bool
}
