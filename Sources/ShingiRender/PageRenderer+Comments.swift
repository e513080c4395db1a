import ShingiCore
import ShingiLoad
import ShingiResolve

extension PageRenderer {
    /// One comment as a list item for a page's comment list (`{{{html}}}`), rendered once
    /// per language and kind before the pages: a comment appears on four pages.
    func commentItem(_ comment: Tracked<Comment>, _ p: Presenter, showTarget: Bool) -> CommentItem {
        let html = commentPlaceholders ? RenderedComments.placeholder(comment.id, showTarget: showTarget)
                                       : commentHTML(comment.id, p.language, showTarget: showTarget)
        return CommentItem(html: html, id: comment.id)
    }

    /// A comment's HTML as `RenderedComments` made it, recorded as read.
    func commentHTML(_ id: String, _ language: Language, showTarget: Bool) -> String {
        site.log?.read(.renderedComment(id, language))
        return comments.html(id, language, showTarget: showTarget)
    }

    /// How the 意見対応表 and the feeds list a comment in `language`, as `RenderedComments`
    /// made it, recorded as read (it changes with the list item).
    func commentListing(_ id: String, _ language: Language) -> CommentListing? {
        site.log?.read(.renderedComment(id, language))
        return comments.listing(id, language)
    }

    /// The listings of the comments `ids`, recorded as read: each one, or, when `ids` are
    /// every comment of the site (as many distinct ids), the one input for them all.
    func commentListings(_ ids: [String], _ language: Language) -> [CommentListing?] {
        guard ids.count == site.unrecorded.comments.count else { return ids.map { commentListing($0, language) } }
        site.log?.read(.everyRenderedComment(language))
        return ids.map { comments.listing($0, language) }
    }

    /// The context of one comment for `partials/comment`; `targetLine` goes where the
    /// comment names the section it is on (pages that list comments of many sections).
    func commentContext(_ comment: Tracked<Comment>, _ p: Presenter, targetLine: String) -> CommentContext {
        let (file, fallback) = comment.translation(\.translations, p.language)!
        // The meeting's editorial note (e.g. that the attribution is inferred) goes with each comment.
        let meetingNote = site.meeting(comment.meeting).map { p.text($0.note) }
        return CommentContext(
            t: p.uiStrings,
            id: comment.id, anchor: "comment-\(comment.id)", url: p.commentURL(comment),
            memberHTML: p.memberLink(comment.member), meetingHTML: p.meetingLink(comment.meeting),
            bodyHTML: assembler(p).html(file.source.fragment, footnotes: "c-\(comment.id)"),
            untranslated: fallback != nil, contentLang: (fallback ?? p.language).rawValue,
            changed: changes?.commentChanged(comment.id, in: p.language) ?? false, draft: comment.isDraft,
            hasMeetingNote: !(meetingNote?.text.isEmpty ?? true), meetingNoteHTML: meetingNote.map { p.html($0) } ?? "",
            hasDate: comment.date != nil, targetLineHTML: targetLine, date: comment.date.map(p.date))
    }

    /// A comment's member by name as plain text (the id of a member the site lacks).
    func memberName(of comment: Tracked<Comment>, _ p: Presenter) -> String {
        site.member(comment.member).map { p.memberName($0).text } ?? comment.member
    }

    /// The issue and section a comment is on as plain text, the section's title after
    /// `separator`: the 意見対応表's target column and the feed entry's title.
    func targetText(of comment: Tracked<Comment>, _ p: Presenter, separator: String) -> String {
        site.issue(comment.issue).map { issue in
            p.issueLabel(issue) + (p.sectionTitle(issue, comment.section).map { separator + $0.text } ?? "")
        } ?? comment.issue
    }

    /// The context of `partials/comment-target`: the issue and section a comment is on.
    func commentTargetContext(_ comment: Tracked<Comment>, _ p: Presenter) -> CommentTargetContext {
        CommentTargetContext(t: p.uiStrings,
                             issueHTML: p.issueLink(comment.issue), targetHTML: p.issueLink(comment.issue, section: comment.section))
    }

    /// Comments index: every comment, grouped by issue and section.
    func commentIndex(_ p: Presenter) -> PageShell {
        var groups: [CommentsContext.Group] = []
        for issue in site.issues {
            let onIssue = site.comments(onIssue: issue.id)
            guard !onIssue.isEmpty else { continue }
            var sections: [CommentsContext.Section] = []
            var seen: [String] = []
            for comment in onIssue where !seen.contains(comment.section) { seen.append(comment.section) }
            for section in seen {
                let comments = onIssue.filter { $0.section == section }.map { commentItem($0, p, showTarget: false) }
                sections.append(CommentsContext.Section(sectionHTML: p.issueLink(issue.id, section: section), comments: comments))
            }
            groups.append(CommentsContext.Group(id: "issue-\(issue.id)", issueHTML: p.issueLink(issue.id), sections: sections, count: onIssue.count))
        }
        let toc = site.issues.filter { !site.comments(onIssue: $0.id).isEmpty }
            .map { (id: "issue-\($0.id)", text: p.issueLabel($0), level: 2) }
        return PageShell(template: "comments", title: p.t(.commentsTitle), urls: everyLanguage(urls.comments),
                         breadcrumbs: [breadcrumbsHome(p), (p.t(.commentsTitle), nil)], toc: toc,
                         description: HTMLEscape.text(p.t(.commentsLead)),
                         context: CommentsContext(groups: groups, count: site.comments.count, hasComments: !site.comments.isEmpty,
                                                  responsesURL: urls.responses(nil, p.language)))
    }
}
