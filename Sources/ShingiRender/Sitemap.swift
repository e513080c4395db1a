import ShingiCore
import ShingiLoad
import ShingiResolve

/// `sitemap.xml` with an `xhtml:link rel="alternate" hreflang` for each language of a page.
struct Sitemap {
    let site: SiteReader
    let urls: SiteURLs

    /// Lists the pages `PageJob.all` makes in the first language, each with its address in
    /// every language.
    func file() -> OutputFile {
        let languages = site.config.languages
        // A preview with drafts never lists them: the sitemap is for the published site.
        let pages = PageJob.all(of: site).filter { $0.isInSitemap && $0.language == languages.first && !isDraft($0) }
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

        """
        for page in pages {
            let address = { (language: Language) in HTMLEscape.text(urls.absolute(page.translated(to: language).url(urls)!)) }
            for language in languages {
                xml += "  <url>\n    <loc>\(address(language))</loc>\n"
                for alternate in languages {
                    xml += "    <xhtml:link rel=\"alternate\" hreflang=\"\(alternate.rawValue)\" href=\"\(address(alternate))\"/>\n"
                }
                xml += "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(HTMLEscape.text(urls.absolute(urls.languageChoice)))\"/>\n"
                xml += "  </url>\n"
            }
        }
        xml += "</urlset>\n"
        return OutputFile(path: "sitemap.xml", text: xml)
    }

    private func isDraft(_ page: PageJob) -> Bool {
        guard let item = page.madeFrom else { return false }
        switch item.kind {
        case .content(.issue): return site.issue(item.key)?.isDraft ?? false
        case .content(.comment): return site.comment(item.key)?.isDraft ?? false
        case .content(.page): return site.page(item.key)?.isDraft ?? false
        // The home page's `draft:` is not read; data entries are never drafts.
        case .content(.home), .data: return false
        }
    }
}
