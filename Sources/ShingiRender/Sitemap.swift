import ShingiCore
import ShingiLoad
import ShingiResolve

/// `sitemap.xml` with an `xhtml:link rel="alternate" hreflang` for each language of a page.
struct Sitemap {
    let site: SiteReader
    let urls: SiteURLs

    func file() -> OutputFile {
        let languages = site.config.languages
        var groups: [(Language) -> String] = [urls.home, urls.issues, urls.members, urls.meetings, urls.comments, { urls.references($0) }]
        // A preview with drafts never lists them: the sitemap is for the published site.
        groups += site.issues.filter { !$0.isDraft }.map { issue in { urls.issue(issue.id, $0) } }
        groups += site.members.map { member in { urls.member(member.id, $0) } }
        groups += site.meetings.map { meeting in { urls.meeting(meeting.id, $0) } }
        groups += ([nil] + site.meetings.map(\.id)).map { meeting in { urls.responses(meeting, $0) } }
        groups += site.pages.filter { !$0.isDraft }.map { page in { urls.page(page.slug, $0) } }
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

        """
        for group in groups {
            for language in languages {
                xml += "  <url>\n    <loc>\(HTMLEscape.text(urls.absolute(group(language))))</loc>\n"
                for alternate in languages {
                    xml += "    <xhtml:link rel=\"alternate\" hreflang=\"\(alternate.rawValue)\" href=\"\(HTMLEscape.text(urls.absolute(group(alternate))))\"/>\n"
                }
                xml += "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(HTMLEscape.text(urls.absolute(urls.languageChoice)))\"/>\n"
                xml += "  </url>\n"
            }
        }
        xml += "</urlset>\n"
        return OutputFile(path: "sitemap.xml", text: xml)
    }
}
