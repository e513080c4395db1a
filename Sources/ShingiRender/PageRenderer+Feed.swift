import ShingiCore
import ShingiLoad
import ShingiResolve

extension PageRenderer {
    /// `/<lang>/feed.xml`: an Atom feed of the members' comments in one language (with
    /// `issue`, `/<lang>/issues/<id>/feed.xml` of those on that issue), newest first.
    /// Every date comes from the content (the comment's date, else its meeting's), never
    /// from the clock, so the feed is the same from build to build. Drafts are never
    /// listed, not even in a preview.
    func feed(_ language: Language, issue: Tracked<Issue>? = nil) -> OutputFile {
        let p = presenter(language)
        let feedURL = issue.map { urls.issueFeed($0.id, language) } ?? urls.feed(language)
        let pageURL = issue.map { urls.issue($0.id, language) } ?? urls.comments(language)
        let title = (issue.map { p.issueLabel($0) + "　" + p.issueTitle($0).text + " — " } ?? "") + p.t(.commentsTitle)
        // Each comment as its listing: an edited comment changes the feed through it.
        let listings = commentListings(site.commentIDs(onIssue: issue?.id), language).compactMap { $0 }.filter { !$0.isDraft }
        let dates = listings.map(\.date)
        // Newest first; undated last; otherwise in site order. The places are sorted, not
        // the listings (a site feed lists every comment).
        let order = dates.indices.sorted { a, b in
            switch (dates[a], dates[b]) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a < b
            }
        }
        // Without entries: the issue's meeting, else the latest meeting.
        let latest = dates.compactMap { $0 }.max() ?? issue?.meeting.flatMap { site.meeting($0)?.date } ?? site.meetings.map(\.date).max()
        let siteTitle = p.text(site.config.shortTitle).text
        let head = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(language.rawValue)">
          <title>\(HTMLEscape.text(siteTitle + " — " + title))</title>
          <id>\(HTMLEscape.text(atomID(feedURL)))</id>
          <link rel="self" type="application/atom+xml" href="\(HTMLEscape.text(urls.absolute(feedURL)))"/>
          <link rel="alternate" type="text/html" href="\(HTMLEscape.text(urls.absolute(pageURL)))"/>
          <updated>\(Self.atomDate(latest))</updated>
          <author><name>\(HTMLEscape.text(siteTitle))</name></author>

        """
        let tail = "</feed>\n"
        var xml: [UInt8] = []
        xml.reserveCapacity(listings.reduce(head.utf8.count + tail.utf8.count) { $0 + $1.feedEntry.utf8.count })
        xml.append(contentsOf: head.utf8)
        for place in order { xml.append(contentsOf: listings[place].feedEntry.utf8) }
        xml.append(contentsOf: tail.utf8)
        return OutputFile(path: urls.outputPath(for: feedURL), bytes: xml)
    }

    /// A comment's `<entry>`, from the context of its list item (`commentContext`), which
    /// has its text and response. An untranslated comment is listed in its own language.
    func feedEntry(_ comment: Tracked<Comment>, _ p: Presenter, item: CommentContext, response: ResponseContext) -> String {
        let member = memberName(of: comment, p)
        let target = targetText(of: comment, p, separator: "　")
        let url = p.commentURL(comment)
        let lang = item.untranslated ? " xml:lang=\"\(item.contentLang)\"" : ""
        return """
          <entry\(lang)>
            <title>\(HTMLEscape.text(member + " — " + target))</title>
            <id>\(HTMLEscape.text(atomID(url)))</id>
            <link rel="alternate" type="text/html" href="\(HTMLEscape.text(urls.absolute(url)))"/>
            <updated>\(Self.atomDate(Self.date(comment, site)))</updated>
            <author><name>\(HTMLEscape.text(member))</name></author>
            <content type="html">\(HTMLEscape.text(item.bodyHTML + feedResponse(comment, p, response)))</content>
          </entry>

        """
    }

    /// The secretariat's status and response after a comment's text in its entry, or nothing.
    private func feedResponse(_ comment: Tracked<Comment>, _ p: Presenter, _ response: ResponseContext) -> String {
        guard comment.status != nil || response.hasResponse else { return "" }
        let status = response.status.map { p.t(.colon) + HTMLEscape.text($0) } ?? ""
        let lang = response.responseLang.map { $0 == p.language.rawValue ? "" : " lang=\"\($0)\"" } ?? ""
        return "\n<p><strong>\(HTMLEscape.text(p.t(.responseLabel)))\(status)</strong></p>\n"
            + (response.responseHTML.map { "<div\(lang)>\n\($0)</div>\n" } ?? "")
    }

    /// A comment's date in the feeds: its own, else its meeting's.
    static func date(_ comment: Tracked<Comment>, _ site: SiteReader) -> ISODate? {
        comment.date ?? site.meeting(comment.meeting)?.date
    }

    /// An entry's permanent id: its absolute URL when `base_url` has a host, else a URN
    /// made of the path (Atom ids must be absolute; a relative URL is not).
    private func atomID(_ url: String) -> String {
        urls.origin.isEmpty ? "urn:x-shingi:" + url : urls.absolute(url)
    }

    /// Midnight of the day in Japan; a month or year alone counts from its first day.
    static func atomDate(_ date: ISODate?) -> String {
        guard let date else { return "1970-01-01T00:00:00Z" }
        let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(date.year)-\(pad(date.month ?? 1))-\(pad(date.day ?? 1))T00:00:00+09:00"
    }
}
