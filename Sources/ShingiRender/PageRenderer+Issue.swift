import ShingiCore
import ShingiLoad
import ShingiMarkdown
import ShingiResolve

extension PageRenderer {
    func issueList(_ p: Presenter) -> PageShell {
        PageShell(template: "issues", title: p.t(.issuesTitle), urls: everyLanguage(urls.issues),
                  breadcrumbs: [breadcrumbsHome(p), (p.t(.issuesTitle), nil)],
                  context: IssuesContext(issues: site.issues.map { issueSummary($0, p, headingLevel: 2) }))
    }

    /// An issue card; its title is a heading of `headingLevel` (one below the list's heading).
    func issueSummary(_ issue: Tracked<Issue>, _ p: Presenter, headingLevel: Int) -> IssueCard {
        let (headline, fallback) = issue.translation(\.headlines, p.language)!
        return IssueCard(
            id: issue.id, label: p.issueLabel(issue), title: headline.title, url: urls.issue(issue.id, p.language),
            summary: headline.summary ?? "", hasSummary: headline.summary != nil, untranslated: fallback != nil,
            contentLang: (fallback ?? p.language).rawValue,
            commentCount: site.comments(onIssue: issue.id).count, headingLevel: headingLevel,
            sections: issue.sections.map { section in
                IssueCard.Section(titleHTML: p.html(p.text(section.titles)), url: urls.issue(issue.id, p.language, section: section.id))
            })
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
            let otherLanguages = site.config.languages.filter { $0 != p.language }.map { other in
                SectionCommentsContext.OtherLanguage(lang: other.rawValue, url: urls.issue(issue.id, other, section: headingID),
                                                     label: strings(other)[.sectionInLanguage] ?? other.rawValue)
            }
            let context = SectionCommentsContext(
                t: p.uiStrings, sectionID: headingID,
                comments: comments.map { commentItem($0, p, showTarget: false) },
                hasComments: !comments.isEmpty, count: comments.count, otherLanguages: otherLanguages,
                headingLevel: min(6, heading.level + 1), commentsAnchor: "comments-\(headingID)",
                countLabel: p.t(.commentCountLabel).filling("{n}", with: "\(comments.count)"),
                reflected: reflected, hasReflected: !reflected.isEmpty)
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
        let references = cited.keys.sorted().map { number in
            citedReference(cited[number]!, places: citations.places[cited[number]!.id] ?? [], p)
        }
        var toc = self.toc(fragment.headings)
        var tocComments: [String: Int] = [:]
        for entry in toc { tocComments[entry.id] = site.comments(onIssue: issue.id, section: entry.id).count }
        if !references.isEmpty { toc.append(("cited-references", p.t(.citedReferences), 2)) }
        let advisors = issue.advisors.map { IssueContext.Advisor(memberHTML: p.memberLink($0)) }
        let context = IssueContext(
            id: issue.id, label: p.issueLabel(issue), title: file.title, summary: file.summary ?? "",
            hasSummary: file.summary != nil, bodyHTML: body, references: references, hasReferences: !references.isEmpty,
            advisors: advisors, hasAdvisors: !advisors.isEmpty, commentCount: site.comments(onIssue: issue.id).count,
            hasMeeting: issue.meeting != nil, meetingHTML: issue.meeting.map(p.meetingLink))
        return PageShell(template: "issue", title: p.issueLabel(issue) + (p.language == .ja ? "　" : ": ") + file.title,
                         urls: everyLanguage { urls.issue(issue.id, $0) },
                         breadcrumbs: [breadcrumbsHome(p), (p.t(.issuesTitle), urls.issues(p.language)), (p.issueLabel(issue), nil)],
                         toc: toc, tocComments: tocComments, contentLanguage: fallback,
                         description: file.summary.map(HTMLEscape.text) ?? PageDescription.firstParagraph(body), context: context,
                         feed: (urls.issueFeed(issue.id, p.language), "\(p.issueLabel(issue)) — \(p.t(.commentsTitle))"))
    }

    /// An entry of an issue page's own reference list: the reference in full, and a link
    /// back to each place of the text that cites it.
    func citedReference(_ reference: Tracked<Reference>, places: [String], _ p: Presenter) -> CitedReference {
        let publisher = p.text(reference.publisher)
        let date = reference.date
        let url = reference.url
        return CitedReference(
            number: reference.number, titleHTML: p.html(p.text(reference.title)), url: urls.references(p.language, reference: reference.id),
            anchor: CitationCollector.entryID(reference.id), publisherHTML: p.html(publisher), hasPublisher: !publisher.text.isEmpty,
            hasDate: date != nil, hasURL: url != nil, date: date.map(p.date), externalURL: url,
            backlinks: places.enumerated().map { index, id in
                CitedReference.Backlink(anchor: id, n: index + 1, label: p.t(.backToCitation).filling("{n}", with: "\(index + 1)"))
            },
            hasBacklinks: !places.isEmpty)
    }
}
