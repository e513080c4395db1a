import ShingiCore
import ShingiLoad
import ShingiResolve

extension PageRenderer {
    /// `/<lang>/responses/` or `/<lang>/meetings/<id>/responses/`: the table of comments,
    /// responses and statuses, with its CSV beside it.
    func responsesPage(_ meeting: String?, _ p: Presenter) -> PageShell {
        let ids = responseComments(meeting)
        let rows = commentPlaceholders
            ? ids.enumerated().map { index, id in HTMLItem(html: RenderedComments.placeholder(id, row: index + 1)) }
            : commentListings(ids, p.language).enumerated().map { index, listing in
                HTMLItem(html: listing?.row(numbered: index + 1) ?? "")
            }
        let meetingTitle = meeting.flatMap { site.meeting($0) }.map { p.meetingTitle($0).text }
        let title = meetingTitle.map { p.t(.responsesMeetingTitle).filling("{meeting}", with: $0) } ?? p.t(.responsesTitle)
        var breadcrumbs = [breadcrumbsHome(p)]
        if let meeting, let meetingTitle {
            breadcrumbs += [(p.t(.meetingsTitle), urls.meetings(p.language)), (meetingTitle, urls.meeting(meeting, p.language))]
        }
        breadcrumbs.append((p.t(.responsesTitle), nil))
        let context = ResponsesContext(
            title: title, rows: rows, hasRows: !rows.isEmpty, csvURL: urls.responsesCSV(meeting, p.language),
            hasMeeting: meeting != nil, meetingHTML: meeting.map(p.meetingLink) ?? "", allURL: urls.responses(nil, p.language))
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
    /// the context of its list item (`commentContext`, `responseContext`), which has its
    /// text and response.
    func responseRow(_ comment: Tracked<Comment>, _ p: Presenter, item: CommentContext, response: ResponseContext) -> (row: String, cells: String) {
        let context = ResponseRowContext(
            t: item.t, number: CommentListing.numberMarker, anchor: "response-\(comment.id)", contentLang: item.contentLang,
            memberHTML: item.memberHTML, draft: item.draft, commentHTML: item.bodyHTML, commentURL: item.url,
            targetHTML: p.issueLink(comment.issue) + " › " + p.issueLink(comment.issue, section: comment.section))
        var row = theme.render("partials/response-row", Merged(context, response)) ?? ""
        // The table's own line break follows the row.
        if row.hasSuffix("\n") { row.removeLast() }
        let cells = ResponsesCSV.record([memberName(of: comment, p), targetText(of: comment, p, separator: p.language == .ja ? "　" : ": "),
                                         ResponsesCSV.text(ofHTML: item.bodyHTML),
                                         ResponsesCSV.text(ofHTML: response.responseHTML ?? ""), response.status ?? ""])
        return (row, cells)
    }
}
