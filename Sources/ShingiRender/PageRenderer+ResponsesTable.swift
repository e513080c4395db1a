import ShingiCore
import ShingiLoad
import ShingiResolve

extension PageRenderer {
    /// `/<lang>/responses/` or `/<lang>/meetings/<id>/responses/`: the table of comments,
    /// responses and statuses, with its CSV beside it.
    func responsesPage(_ meeting: String?, _ p: Presenter) -> PageShell {
        let ids = responseComments(meeting)
        let rows = commentPlaceholders
            ? ids.enumerated().map { index, id -> [String: Any] in ["html": RenderedComments.placeholder(id, row: index + 1)] }
            : commentListings(ids, p.language).enumerated().map { index, listing -> [String: Any] in
                ["html": listing?.row(numbered: index + 1) ?? ""]
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
        return ResponsesCSV.file(header: header, rows: commentListings(responseComments(meeting), p.language).map { $0?.cells ?? "" })
    }

    /// The comments of one meeting (nil: of the site) in the paper's order (issue,
    /// section, meeting, id), drafts only where the build shows them. Only their ids: a
    /// row is the comment's listing, so a page that shows an edited comment is refilled.
    private func responseComments(_ meeting: String?) -> [String] { site.commentIDs(inMeeting: meeting) }

    /// A comment's row of the 意見対応表 (number left as a marker) and its CSV cells, from
    /// the context of its list item (`commentContext`), which has its text and response.
    func responseRow(_ comment: Tracked<Comment>, _ p: Presenter, item: [String: Any]) -> (row: String, cells: String) {
        var context: [String: Any] = ["t": p.strings, "number": CommentListing.numberMarker, "anchor": "response-\(comment.id)"]
        for key in Self.rowKeys { context[key] = item[key] }
        context["comment_html"] = item["body_html"]
        context["comment_url"] = item["url"]
        context["target_html"] = p.issueLink(comment.issue) + " › " + p.issueLink(comment.issue, section: comment.section)
        var row = renderPartial("partials/response-row", context, p.language) ?? ""
        // The table's own line break follows the row.
        if row.hasSuffix("\n") { row.removeLast() }
        let cells = ResponsesCSV.record([memberName(of: comment, p), targetText(of: comment, p, separator: p.language == .ja ? "　" : ": "),
                                         ResponsesCSV.text(ofHTML: item["body_html"] as? String ?? ""),
                                         ResponsesCSV.text(ofHTML: item["response_html"] as? String ?? ""), item["status"] as? String ?? ""])
        return (row, cells)
    }

    /// What a row shows as its list item does (`commentContext`, `responseContext`).
    private static let rowKeys = ["content_lang", "member_html", "draft", "has_status", "status", "status_id", "has_response",
                                  "response_html", "response_lang", "reflected", "has_reflected"]
}
