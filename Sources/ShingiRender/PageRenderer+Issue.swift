import ShingiCore
import ShingiLoad
import ShingiMarkdown
import ShingiResolve

extension PageRenderer {
    func issueList(_ p: Presenter) -> PageShell {
        PageShell(template: "issues", title: p.t("issues_title"), urls: everyLanguage(urls.issues),
                  breadcrumbs: [breadcrumbsHome(p), (p.t("issues_title"), nil)],
                  context: ["issues": site.issues.map { issueSummary($0, p) }])
    }

    func issueSummary(_ issue: Issue, _ p: Presenter) -> [String: Any] {
        let (file, fallback) = translation(issue.translations, p.language)!
        return [
            "id": issue.id, "label": p.issueLabel(issue), "title": file.title, "url": urls.issue(issue.id, p.language),
            "summary": file.summary ?? "", "has_summary": file.summary != nil, "untranslated": fallback != nil,
            "content_lang": (fallback ?? p.language).rawValue,
            "comment_count": site.comments(onIssue: issue.id).count,
            "sections": issue.sections.map { section -> [String: Any] in
                ["title_html": p.html(p.text(section.titles)), "url": urls.issue(issue.id, p.language, section: section.id)]
            },
        ]
    }

    /// An issue page: the text with each section's comments at its end, and the
    /// references the page cites.
    func issue(_ issue: Issue, _ p: Presenter) -> PageShell {
        let (file, fallback) = translation(issue.translations, p.language)!
        let fragment = file.source.fragment
        let sectionIDs = Set(issue.sections.map(\.id))
        let notices = staleNotices(file.source, p) { urls.issue(issue.id, $0, section: $1) }
        let body = draftNotice(issue.isDraft, p) + (notices[SourceParts.intro] ?? "") + assembler(p).html(fragment) { headingID in
            let comments = site.comments(onIssue: issue.id, section: headingID)
            guard sectionIDs.contains(headingID) || !comments.isEmpty else { return "" }
            let otherLanguages = site.config.languages.filter { $0 != p.language }.map { other -> [String: Any] in
                ["lang": other.rawValue, "url": urls.issue(issue.id, other, section: headingID),
                 "label": strings(other)["section_in_language"] ?? other.rawValue]
            }
            let context: [String: Any] = [
                "t": p.strings, "section_id": headingID, "comments": comments.map { commentItem($0, p, showTarget: false) },
                "has_comments": !comments.isEmpty, "count": comments.count, "other_languages": otherLanguages,
            ]
            return theme.render("partials/section-comments", context) ?? ""
        } isChanged: { headingID in
            changes?.sectionChanged(issue: issue.id, section: headingID, in: p.language) ?? false
        } afterHeading: { notices[$0] ?? "" }
        // References cited by the text and by the comments shown on the page.
        var cited: [Int: Reference] = [:]
        let shownComments = site.comments(onIssue: issue.id).compactMap { translation($0.translations, p.language)?.file.source.fragment }
        for link in ([fragment] + shownComments).flatMap(\.crossLinks) where link.kind == "ref" {
            if let reference = site.reference(link.target) { cited[reference.number] = reference }
        }
        let references = cited.keys.sorted().map { referenceSummary(cited[$0]!, p) }
        var toc = self.toc(fragment.headings)
        if !references.isEmpty { toc.append(("cited-references", p.t("cited_references"), 2)) }
        let advisors = issue.advisors.map { ["member_html": p.memberLink($0)] }
        var context: [String: Any] = [
            "id": issue.id, "label": p.issueLabel(issue), "title": file.title, "summary": file.summary ?? "",
            "has_summary": file.summary != nil, "body_html": body, "references": references, "has_references": !references.isEmpty,
            "advisors": advisors, "has_advisors": !advisors.isEmpty,
            "comment_count": site.comments(onIssue: issue.id).count,
        ]
        context["has_meeting"] = issue.meeting != nil
        if let meeting = issue.meeting { context["meeting_html"] = p.meetingLink(meeting) }
        return PageShell(template: "issue", title: "\(p.issueLabel(issue))　\(file.title)",
                         urls: everyLanguage { urls.issue(issue.id, $0) },
                         breadcrumbs: [breadcrumbsHome(p), (p.t("issues_title"), urls.issues(p.language)), (p.issueLabel(issue), nil)],
                         toc: toc, contentLanguage: fallback, context: context,
                         feed: (urls.issueFeed(issue.id, p.language), "\(p.issueLabel(issue)) — \(p.t("comments_title"))"))
    }

    func referenceSummary(_ reference: Reference, _ p: Presenter) -> [String: Any] {
        let title = p.text(reference.title)
        return ["number": reference.number, "title_html": p.html(title), "url": urls.references(p.language, reference: reference.id)]
    }
}
