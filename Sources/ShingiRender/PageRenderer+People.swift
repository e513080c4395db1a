import ShingiCore
import ShingiLoad
import ShingiResolve

extension PageRenderer {
    func memberList(_ p: Presenter) -> PageShell {
        let members = site.members.map { member in
            let affiliation = p.text(member.affiliation)
            return MembersContext.Entry(nameHTML: p.html(p.memberName(member)), url: urls.member(member.id, p.language),
                                        role: p.roleName(member.role), affiliationHTML: p.html(affiliation), hasAffiliation: !affiliation.text.isEmpty,
                                        commentCount: site.comments(byMember: member.id).count)
        }
        return PageShell(template: "members", title: p.t(.membersTitle), urls: everyLanguage(urls.members),
                         breadcrumbs: [breadcrumbsHome(p), (p.t(.membersTitle), nil)], context: MembersContext(members: members))
    }

    /// A member page: role, the issues they advise, and their comments by meeting.
    func member(_ member: Tracked<Member>, _ p: Presenter) -> PageShell {
        let name = p.memberName(member)
        let comments = site.comments(byMember: member.id)
        var meetingIDs: [String] = []
        for meeting in site.meetings.chronological() where comments.contains(where: { $0.meeting == meeting.id }) {
            meetingIDs.append(meeting.id)
        }
        let groups = meetingIDs.map { id in
            MemberContext.CommentGroup(anchor: "meeting-\(id)", meetingHTML: p.meetingLink(id),
                                       comments: comments.filter { $0.meeting == id }.map { commentItem($0, p, showTarget: true) })
        }
        let advised = site.issueIDs(advisedBy: member.id).map { IssueLinkItem(issueHTML: p.issueLink($0)) }
        let affiliation = p.text(member.affiliation)
        let context = MemberContext(
            nameHTML: p.html(name), role: p.roleName(member.role), affiliationHTML: p.html(affiliation),
            hasAffiliation: !affiliation.text.isEmpty, advised: advised, hasAdvised: !advised.isEmpty,
            groups: groups, hasComments: !comments.isEmpty, commentCount: comments.count)
        var toc: [(id: String, text: String, level: Int)] = advised.isEmpty ? [] : [("advised", p.t(.advisorOf), 2)]
        toc.append(("member-comments", p.t(.memberComments), 2))
        toc += meetingIDs.compactMap { id in site.meeting(id).map { ("meeting-\(id)", p.meetingTitle($0).text, 3) } }
        return PageShell(template: "member", title: name.text, urls: everyLanguage { urls.member(member.id, $0) },
                         breadcrumbs: [breadcrumbsHome(p), (p.t(.membersTitle), urls.members(p.language)), (name.text, nil)],
                         toc: toc, context: context)
    }

    func meetingList(_ p: Presenter) -> PageShell {
        let meetings = site.meetings.chronological().map { meeting in
            let note = p.text(meeting.note)
            return MeetingsContext.Entry(titleHTML: p.html(p.meetingTitle(meeting)), url: urls.meeting(meeting.id, p.language), date: p.date(meeting.date),
                                         commentCount: site.comments(inMeeting: meeting.id).count, noteHTML: p.html(note), hasNote: !note.text.isEmpty)
        }
        return PageShell(template: "meetings", title: p.t(.meetingsTitle), urls: everyLanguage(urls.meetings),
                         breadcrumbs: [breadcrumbsHome(p), (p.t(.meetingsTitle), nil)], context: MeetingsContext(meetings: meetings))
    }

    /// A meeting page: date, the issues it handled and the comments made there.
    func meeting(_ meeting: Tracked<Meeting>, _ p: Presenter) -> PageShell {
        let title = p.meetingTitle(meeting)
        let comments = site.comments(inMeeting: meeting.id)
        // Grouped by issue in one pass: a meeting can have hundreds of comments on as many issues.
        var issueIDs: [String] = []
        var byIssue: [String: [CommentItem]] = [:]
        for comment in comments {
            if byIssue[comment.issue] == nil { issueIDs.append(comment.issue) }
            byIssue[comment.issue, default: []].append(commentItem(comment, p, showTarget: true))
        }
        let groups = issueIDs.map { id in
            MeetingContext.CommentGroup(anchor: "issue-\(id)", issueHTML: p.issueLink(id), comments: byIssue[id]!)
        }
        let issues = site.issues.filter { $0.meeting == meeting.id }.map { IssueLinkItem(issueHTML: p.issueLink($0.id)) }
        let note = p.text(meeting.note)
        let context = MeetingContext(
            titleHTML: p.html(title), date: p.date(meeting.date), groups: groups, hasComments: !comments.isEmpty,
            issues: issues, hasIssues: !issues.isEmpty, commentCount: comments.count,
            noteHTML: p.html(note), hasNote: !note.text.isEmpty, responsesURL: urls.responses(meeting.id, p.language),
            number: meeting.number)
        var toc: [(id: String, text: String, level: Int)] = issues.isEmpty ? [] : [("meeting-issues", p.t(.issuesDiscussed), 2)]
        toc.append(("meeting-comments", p.t(.memberComments), 2))
        toc += issueIDs.compactMap { id in site.issue(id).map { ("issue-\(id)", p.issueLabel($0), 3) } }
        return PageShell(template: "meeting", title: title.text, urls: everyLanguage { urls.meeting(meeting.id, $0) },
                         breadcrumbs: [breadcrumbsHome(p), (p.t(.meetingsTitle), urls.meetings(p.language)), (title.text, nil)],
                         toc: toc, context: context)
    }
}
