/// `layout.mustache`: what is around the body of every language page.
struct LayoutContext: TemplateContext {
    let t: UIStringTable
    let lang: String
    let siteTitle: String
    let shortTitle: String
    /// Without a short title of its own the header would show the title twice.
    let showShortTitle: Bool
    let pageTitle: String
    let isHome: Bool
    let homeURL: String
    /// `<meta name="description">`, escaped.
    let description: String
    let cssURL: String
    let scriptURL: String
    let languageChoiceURL: String
    let languageChoiceAbsoluteURL: String
    let pages: [PageLink]
    let hasPages: Bool
    let feedURL: String
    let hasPageFeed: Bool
    let pageFeedURL: String
    let pageFeedTitle: String
    let canonicalURL: String
    let nav: [NavigationItem]
    let alternates: [Alternate]
    let breadcrumbs: [Breadcrumb]
    let hasBreadcrumbs: Bool
    let untranslated: Bool
    let contentLang: String
    let hasSearch: Bool
    let searchURL: String
    let hasChanges: Bool
    /// What the legend of `--changes-since` calls the earlier version.
    let changesLabel: String?
    let pageChanged: Bool
    /// The page template's output; not in the page's key, which covers that template's context.
    var bodyHTML: String?

    /// An item of the main navigation.
    struct NavigationItem: Encodable {
        let label: String
        let url: String
        let current: Bool
    }

    /// This page in another language (the switcher and the hreflang alternates).
    struct Alternate: Encodable {
        let lang: String
        let url: String
        let absoluteURL: String
        let label: String
        let current: Bool
    }

    struct Breadcrumb: Encodable {
        let label: String
        let url: String
        let hasURL: Bool
        let last: Bool
    }
}

/// A free page in a list of links (the header and the home page); `current` only in the
/// header's.
struct PageLink: Encodable {
    let title: String
    let url: String
    let untranslated: Bool
    let contentLang: String
    var current: Bool?
}

/// What every page template reads besides its own context: the UI strings, the page's
/// language and its table of contents, which follows the page's title.
struct PageBody: TemplateContext {
    let t: UIStringTable
    let lang: String
    let toc: [Entry]
    let hasTOC: Bool

    /// An entry of the contents list, with the number of comments under its heading.
    struct Entry: Encodable {
        let id: String
        let text: String
        let sub: Bool
        let hasComments: Bool
        let commentsAnchor: String
        let countLabel: String
        let commentsLabel: String
    }
}

/// The original document of `source:` in shingi.yml, for the footer and the home page;
/// its keys are read beside a template's own.
struct SourceContext: TemplateContext {
    let hasSource: Bool
    var sourceTitle: String?
    var sourceLang: String?
    var hasSourceURL: Bool?
    var hasSourceDate: Bool?
    var sourceURL: String?
    var sourceDate: String?
    var sourceISODate: String?
}

/// Two contexts read as one: the keys of both, the first's where both have one.
struct Merged<First: Encodable, Second: Encodable>: TemplateContext {
    let first: First
    let second: Second

    init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    func encode(to encoder: any Encoder) throws {
        try second.encode(to: encoder)
        try first.encode(to: encoder)
    }
}
