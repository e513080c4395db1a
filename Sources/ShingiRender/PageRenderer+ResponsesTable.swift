import ShingiCore
import ShingiLoad
import ShingiResolve

extension PageRenderer {
    /// The comments of one meeting (nil: of the site) in the paper's order (issue, section,
    /// meeting, id), drafts only where the build shows them.
    func responseRows(_ meeting: String?, _ p: Presenter) -> [ResponseRow] {
        let comments = meeting.map { site.comments(inMeeting: $0) } ?? site.comments
        return comments.enumerated().compactMap { index, comment in
            guard let (file, fallback) = comment.translation(\.translations, p.language) else { return nil }
            let member = site.member(comment.member).map { p.memberName($0).text } ?? comment.member
            let target = site.issue(comment.issue).map { issue in
                p.issueLabel(issue) + (p.sectionTitle(issue, comment.section).map { (p.language == .ja ? "　" : ": ") + $0.text } ?? "")
            } ?? comment.issue
            return ResponseRow(comment: comment, number: index + 1, member: member, target: target,
                               targetHTML: p.issueLink(comment.issue) + " › " + p.issueLink(comment.issue, section: comment.section),
                               commentHTML: commentBody(comment, file.source, p),
                               commentLanguage: fallback ?? p.language, response: responseContext(comment, p))
        }
    }

    /// `/<lang>/responses/` or `/<lang>/meetings/<id>/responses/`: the table of comments,
    /// responses and statuses, with its CSV beside it.
    func responsesPage(_ meeting: String?, _ p: Presenter) -> PageShell {
        let rows = responseRows(meeting, p).map { row -> [String: Any] in
            var context = row.response
            context["number"] = row.number
            context["anchor"] = "response-\(row.comment.id)"
            context["comment_url"] = p.commentURL(row.comment)
            context["member_html"] = p.memberLink(row.comment.member)
            context["target_html"] = row.targetHTML
            context["comment_html"] = row.commentHTML
            context["content_lang"] = row.commentLanguage.rawValue
            context["draft"] = row.comment.isDraft
            return context
        }
        let meetingTitle = meeting.flatMap { site.meeting($0) }.map { p.meetingTitle($0).text }
        let title = meetingTitle.map { p.t(.responsesMeetingTitle).filling("{meeting}", with: $0) } ?? p.t(.responsesTitle)
        var breadcrumbs = [breadcrumbsHome(p)]
        if let meeting, let meetingTitle {
            breadcrumbs += [(p.t(.meetingsTitle), urls.meetings(p.language)), (meetingTitle, urls.meeting(meeting, p.language))]
        }
        breadcrumbs.append((p.t(.responsesTitle), nil))
        let context: [String: Any] = [
            "title": title, "rows": rows, "has_rows": !rows.isEmpty, "csv_url": urls.responsesCSV(meeting, p.language),
            "has_meeting": meeting != nil, "meeting_html": meeting.map(p.meetingLink) ?? "", "all_url": urls.responses(nil, p.language),
        ]
        return PageShell(template: "responses", title: title, urls: everyLanguage { urls.responses(meeting, $0) },
                         breadcrumbs: breadcrumbs, description: HTMLEscape.text(p.t(.responsesLead)), context: context)
    }

    /// `responses.csv` beside the page: a header row, then one row per comment with the
    /// same columns as the page, as plain text.
    func responsesCSV(_ meeting: String?, _ p: Presenter) -> [UInt8] {
        let header = [UIString.responsesNo, .responsesMember, .responsesTarget, .responsesComment, .responsesResponse, .responsesStatus].map(p.t)
        let rows = responseRows(meeting, p).map { row in
            ["\(row.number)", row.member, row.target, ResponsesCSV.text(ofHTML: row.commentHTML),
             ResponsesCSV.text(ofHTML: row.response["response_html"] as? String ?? ""), row.response["status"] as? String ?? ""]
        }
        return ResponsesCSV.encode([header] + rows)
    }
}
