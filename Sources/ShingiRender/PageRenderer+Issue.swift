import ShingiCore
import ShingiLoad
import ShingiMarkdown
import ShingiResolve

extension PageRenderer {
    func issueList(_ p: Presenter) -> PageShell {
        PageShell(template: "issues", title: p.t(.issuesTitle), urls: everyLanguage(urls.issues),
                  breadcrumbs: [breadcrumbsHome(p), (p.t(.issuesTitle), nil)],
                  context: ["issues": site.issues.map { issueSummary($0, p, headingLevel: 2) }])
    }

    /// An issue card; its title is a heading of `headingLevel` (one below the list's heading).
    func issueSummary(_ issue: Tracked<Issue>, _ p: Presenter, headingLevel: Int) -> [String: Any] {
        let (headline, fallback) = issue.translation(\.headlines, p.language)!
        return [
            "id": issue.id, "label": p.issueLabel(issue), "title": headline.title, "url": urls.issue(issue.id, p.language),
            "summary": headline.summary ?? "", "has_summary": headline.summary != nil, "untranslated": fallback != nil,
            "content_lang": (fallback ?? p.language).rawValue,
            "comment_count": site.comments(onIssue: issue.id).count, "heading_level": headingLevel,
            "sections": issue.sections.map { section -> [String: Any] in
                ["title_html": p.html(p.text(section.titles)), "url": urls.issue(issue.id, p.language, section: section.id)]
            },
        ]
    }

    /// An issue page: the text with each section's comments at its end, and the
    /// references the page cites.
    func issue(_ issue: Tracked<Issue>, _ p: Presenter) -> PageShell {
        let (file, fallback) = translation(issue.translations, p.language)!
        let fragment = file.source.fragment
        let sectionIDs = Set(issue.sections.map(\.id))
        // A section with comments says how many under its heading, linked to them; they
        // follow the section under a heading one level below its own.
        // A stale translation says so right after the heading of each stale section.
        let citations = CitationCollector()
        let notices = staleNotices(file.source, among: site.sources(issue.translations, \.source), meeting: issue.meeting, p) { urls.issue(issue.id, $0, section: $1) }
        let draftSections = issue.draftSections
        let body = draftNotice(issue.isDraft, p) + (notices[SourceParts.intro] ?? "")
            + FragmentAssembler(links: CrossLinkRenderer(presenter: p, citations: citations)).html(fragment, footnotes: "body", afterHeading: { heading in
            let notice = (draftSections.contains(heading.id) ? draftNotice(true, p, section: true) : "") + (notices[heading.id] ?? "")
            let count = site.comments(onIssue: issue.id, section: heading.id).count
            guard count > 0 else { return notice }
            let text = HTMLEscape.text(p.t(.commentsOnSection).filling("{n}", with: "\(count)"))
            return notice + "\n<p class=\"section-comments-link\"><a href=\"#comments-\(HTMLEscape.text(heading.id))\">\(text)</a></p>"
        }, afterSection: { heading in
            let headingID = heading.id
            let comments = site.comments(onIssue: issue.id, section: headingID)
            let reflected = reflectedComments(issue: issue.id, section: headingID, p)
            guard sectionIDs.contains(headingID) || !comments.isEmpty || !reflected.isEmpty else { return "" }
            let otherLanguages = site.config.languages.filter { $0 != p.language }.map { other -> [String: Any] in
                ["lang": other.rawValue, "url": urls.issue(issue.id, other, section: headingID),
                 "label": strings(other)[.sectionInLanguage] ?? other.rawValue]
            }
            let context: [String: Any] = [
                "t": p.strings, "section_id": headingID, "comments": comments.map { commentItem($0, p, showTarget: false) },
                "has_comments": !comments.isEmpty, "count": comments.count, "other_languages": otherLanguages,
                "heading_level": min(6, heading.level + 1), "comments_anchor": "comments-\(headingID)",
                "count_label": p.t(.commentCountLabel).filling("{n}", with: "\(comments.count)"),
                "reflected": reflected, "has_reflected": !reflected.isEmpty,
            ]
            return theme.render("partials/section-comments", context) ?? ""
        }, isChanged: { headingID in
            changes?.sectionChanged(issue: issue.id, section: headingID, in: p.language) ?? false
        })
        // References cited by the text and by the comments shown on the page.
        var cited: [Int: Tracked<Reference>] = [:]
        let commentLinks = site.comments(onIssue: issue.id).flatMap { comment in
            [comment.translation(\.crossLinks, p.language)?.file, shownResponse(comment, p.language)?.file.fragment.crossLinks].compactMap { $0 }
        }
        for link in ([fragment.crossLinks] + commentLinks).joined() where link.kind == "ref" {
            if let reference = site.reference(link.target) { cited[reference.number] = reference }
        }
        let references = cited.keys.sorted().map { number -> [String: Any] in
            citedReference(cited[number]!, places: citations.places[cited[number]!.id] ?? [], p)
        }
        var toc = self.toc(fragment.headings)
        var tocComments: [String: Int] = [:]
        for entry in toc { tocComments[entry.id] = site.comments(onIssue: issue.id, section: entry.id).count }
        if !references.isEmpty { toc.append(("cited-references", p.t(.citedReferences), 2)) }
        let advisors = issue.advisors.map { ["member_html": p.memberLink($0)] }
        var context: [String: Any] = [
            "id": issue.id, "label": p.issueLabel(issue), "title": file.title, "summary": file.summary ?? "",
            "has_summary": file.summary != nil, "body_html": body, "references": references, "has_references": !references.isEmpty,
            "advisors": advisors, "has_advisors": !advisors.isEmpty,
            "comment_count": site.comments(onIssue: issue.id).count,
        ]
        context["has_meeting"] = issue.meeting != nil
        if let meeting = issue.meeting { context["meeting_html"] = p.meetingLink(meeting) }
        return PageShell(template: "issue", title: p.issueLabel(issue) + (p.language == .ja ? "　" : ": ") + file.title,
                         urls: everyLanguage { urls.issue(issue.id, $0) },
                         breadcrumbs: [breadcrumbsHome(p), (p.t(.issuesTitle), urls.issues(p.language)), (p.issueLabel(issue), nil)],
                         toc: toc, tocComments: tocComments, contentLanguage: fallback,
                         description: file.summary.map(HTMLEscape.text) ?? PageDescription.firstParagraph(body), context: context,
                         feed: (urls.issueFeed(issue.id, p.language), "\(p.issueLabel(issue)) — \(p.t(.commentsTitle))"))
    }

    /// An entry of an issue page's own reference list: the reference in full, and a link
    /// back to each place of the text that cites it.
    func citedReference(_ reference: Tracked<Reference>, places: [String], _ p: Presenter) -> [String: Any] {
        let publisher = p.text(reference.publisher)
        var context = referenceSummary(reference, p)
        context["anchor"] = CitationCollector.entryID(reference.id)
        context["publisher_html"] = p.html(publisher)
        context["has_publisher"] = !publisher.text.isEmpty
        context["has_date"] = reference.date != nil
        context["has_url"] = reference.url != nil
        if let date = reference.date { context["date"] = p.date(date) }
        if let url = reference.url { context["external_url"] = url }
        context["backlinks"] = places.enumerated().map { index, id -> [String: Any] in
            ["anchor": id, "n": index + 1, "label": p.t(.backToCitation).filling("{n}", with: "\(index + 1)")]
        }
        context["has_backlinks"] = !places.isEmpty
        return context
    }

    func referenceSummary(_ reference: Tracked<Reference>, _ p: Presenter) -> [String: Any] {
        let title = p.text(reference.title)
        return ["number": reference.number, "title_html": p.html(title), "url": urls.references(p.language, reference: reference.id)]
    }
}
