import ShingiCore

/// `shingi.yml`: the site's titles, where it is published and in which languages.
public struct SiteConfig: Sendable, Equatable, Encodable {
    public var title: Localized<String>
    public var shortTitle: Localized<String>
    /// Where the site is published, e.g. `/` or `https://example.go.jp/shingi/`.
    public var baseURL: String
    /// Where `base_url` is in `shingi.yml` (its first line without one), for diagnostics.
    public var baseURLLocation = SourceLocation(path: "shingi.yml", line: 1, column: 1)
    public var languages: [Language]
    public var defaultLanguage: Language
    /// The document the site presents (`source:`), named in the footer and on the home page.
    public var source: SourceDocument?
    /// Whether `build` indexes the site for search with Pagefind (`search:`); off unless
    /// the site asks for it, so a site without a search page gets no index.
    public var search = false
    /// Whether `build` writes `sitemap.xml` (`sitemap:`). The sitemap protocol needs
    /// absolute URLs, so it is for a site whose `base_url` is its published address.
    public var sitemap = true
    /// The largest content file read, in bytes (`limits: max_file_size:`).
    public var maxFileSize = Limits.defaultMaxFileSize
    /// The memory a Markdown worker may use for one file, in bytes (`limits: max_parser_memory:`).
    public var maxParserMemory = Limits.defaultMaxParserMemory
    /// The largest page written, in bytes (`limits: max_page_size:`).
    public var maxPageSize = Limits.defaultMaxPageSize

    public init(title: Localized<String>, shortTitle: Localized<String> = Localized(), baseURL: String = "/",
                languages: [Language] = Language.allCases, defaultLanguage: Language = .ja) {
        self.title = title
        self.shortTitle = shortTitle
        self.baseURL = baseURL
        self.languages = languages
        self.defaultLanguage = defaultLanguage
    }
}
