import ShingiCore
import ShingiLoad
import ShingiResolve

extension PageRenderer {
    func memberList(_ p: Presenter) -> PageShell {
        let members = site.members.map { member -> [String: Any] in
            let affiliation = p.text(member.affiliation)
            return ["name_html": p.html(p.memberName(member)), "url": urls.member(member.id, p.language),
                    "role": p.roleName(member.role), "affiliation_html": p.html(affiliation), "has_affiliation": !affiliation.text.isEmpty,
                    "comment_count": site.comments(byMember: member.id).count]
        }
        return PageShell(template: "members", title: p.t(.membersTitle), urls: everyLanguage(urls.members),
                         breadcrumbs: [breadcrumbsHome(p), (p.t(.membersTitle), nil)], context: ["members": members])
    }

    /// A member page: role, the issues they advise, and their comments by meeting.
    func member(_ member: Tracked<Member>, _ p: Presenter) -> PageShell {
        let name = p.memberName(member)
        let comments = site.comments(byMember: member.id)
        var meetingIDs: [String] = []
        for meeting in site.meetings.chronological() where comments.contains(where: { $0.meeting == meeting.id }) {
            meetingIDs.append(meeting.id)
        }
        let groups = meetingIDs.map { id -> [String: Any] in
            ["anchor": "meeting-\(id)", "meeting_html": p.meetingLink(id),
             "comments": comments.filter { $0.meeting == id }.map { commentItem($0, p, showTarget: true) }]
        }
        let advised = site.issueIDs(advisedBy: member.id).map { ["issue_html": p.issueLink($0)] }
        let affiliation = p.text(member.affiliation)
        let context: [String: Any] = [
            "name_html": p.html(name), "role": p.roleName(member.role), "affiliation_html": p.html(affiliation),
            "has_affiliation": !affiliation.text.isEmpty, "advised": advised, "has_advised": !advised.isEmpty,
            "groups": groups, "has_comments": !comments.isEmpty, "comment_count": comments.count,
        ]
        var toc: [(id: String, text: String, level: Int)] = advised.isEmpty ? [] : [("advised", p.t(.advisorOf), 2)]
        toc.append(("member-comments", p.t(.memberComments), 2))
        toc += meetingIDs.compactMap { id in site.meeting(id).map { ("meeting-\(id)", p.meetingTitle($0).text, 3) } }
        return PageShell(template: "member", title: name.text, urls: everyLanguage { urls.member(member.id, $0) },
                         breadcrumbs: [breadcrumbsHome(p), (p.t(.membersTitle), urls.members(p.language)), (name.text, nil)],
                         toc: toc, context: context)
    }

    func meetingList(_ p: Presenter) -> PageShell {
        let meetings = site.meetings.chronological().map { meeting -> [String: Any] in
            let note = p.text(meeting.note)
            return ["title_html": p.html(p.meetingTitle(meeting)), "url": urls.meeting(meeting.id, p.language), "date": p.date(meeting.date),
                    "comment_count": site.comments(inMeeting: meeting.id).count, "note_html": p.html(note), "has_note": !note.text.isEmpty]
        }
        return PageShell(template: "meetings", title: p.t(.meetingsTitle), urls: everyLanguage(urls.meetings),
                         breadcrumbs: [breadcrumbsHome(p), (p.t(.meetingsTitle), nil)], context: ["meetings": meetings])
    }

    /// A meeting page: date, the issues it handled and the comments made there.
    func meeting(_ meeting: Tracked<Meeting>, _ p: Presenter) -> PageShell {
        let title = p.meetingTitle(meeting)
        let comments = site.comments(inMeeting: meeting.id)
        // Grouped by issue in one pass: a meeting can have hundreds of comments on as many issues.
        var issueIDs: [String] = []
        var byIssue: [String: [[String: Any]]] = [:]
        for comment in comments {
            if byIssue[comment.issue] == nil { issueIDs.append(comment.issue) }
            byIssue[comment.issue, default: []].append(commentItem(comment, p, showTarget: true))
        }
        let groups = issueIDs.map { id -> [String: Any] in
            ["anchor": "issue-\(id)", "issue_html": p.issueLink(id), "comments": byIssue[id]!]
        }
        let issues = site.issues.filter { $0.meeting == meeting.id }.map { ["issue_html": p.issueLink($0.id)] }
        let note = p.text(meeting.note)
        var context: [String: Any] = [
            "title_html": p.html(title), "date": p.date(meeting.date), "groups": groups, "has_comments": !comments.isEmpty,
            "issues": issues, "has_issues": !issues.isEmpty, "comment_count": comments.count,
            "note_html": p.html(note), "has_note": !note.text.isEmpty, "responses_url": urls.responses(meeting.id, p.language),
        ]
        if let number = meeting.number { context["number"] = number }
        var toc: [(id: String, text: String, level: Int)] = issues.isEmpty ? [] : [("meeting-issues", p.t(.issuesDiscussed), 2)]
        toc.append(("meeting-comments", p.t(.memberComments), 2))
        toc += issueIDs.compactMap { id in site.issue(id).map { ("issue-\(id)", p.issueLabel($0), 3) } }
        return PageShell(template: "meeting", title: title.text, urls: everyLanguage { urls.meeting(meeting.id, $0) },
                         breadcrumbs: [breadcrumbsHome(p), (p.t(.meetingsTitle), urls.meetings(p.language)), (title.text, nil)],
                         toc: toc, context: context)
    }
}
