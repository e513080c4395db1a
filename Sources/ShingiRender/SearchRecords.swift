import ShingiCore
import ShingiResolve

/// Pages only the search index sees, never published: one per comment and language, so
/// that a comment is a search result of its own, filtered by its member, meeting and
/// issue, whose link (`data-pagefind-meta="url:…"`) lands on the comment on its issue's
/// page. The published pages leave their comment lists out of the index
/// (`data-pagefind-ignore`), so a comment is found once.
enum SearchRecords {
    /// Below the scratch copy of the site that Pagefind indexes; nothing is written there
    /// in the output folder.
    static let folder = "_search-records"

    static func files(_ renderer: PageRenderer) -> [OutputFile] {
        var files: [OutputFile] = []
        for language in renderer.site.config.languages {
            let p = renderer.presenter(language)
            for comment in renderer.site.comments {
                files.append(OutputFile(path: "\(folder)/\(language.rawValue)/\(comment.id).html", text: record(comment, p, renderer)))
            }
        }
        return files
    }

    private static func record(_ comment: Comment, _ p: Presenter, _ renderer: PageRenderer) -> String {
        let member = renderer.site.member(comment.member).map { p.memberName($0).text } ?? comment.member
        let meeting = renderer.site.meeting(comment.meeting).map { p.meetingTitle($0).text } ?? comment.meeting
        let issue = renderer.site.issue(comment.issue)
        let issueLabel = issue.map(p.issueLabel) ?? comment.issue
        let section = issue.flatMap { p.sectionTitle($0, comment.section)?.text } ?? comment.section
        let title = "\(p.commentLabel(comment))　\(issueLabel) › \(section)"
        let body = renderer.comments.html(comment.id, p.language, showTarget: false)
        func filter(_ key: String, _ value: String) -> String {
            "<span data-pagefind-filter=\"\(key)\">\(HTMLEscape.text(value))</span>"
        }
        return """
        <!DOCTYPE html>
        <html lang="\(p.language.rawValue)">
        <head><meta charset="utf-8"><title>\(HTMLEscape.text(title))</title></head>
        <body>
        <main data-pagefind-body data-pagefind-meta="url:\(HTMLEscape.text(p.commentURL(comment)))">
        <h1 data-pagefind-ignore data-pagefind-meta="title">\(HTMLEscape.text(title))</h1>
        <p hidden data-pagefind-ignore data-pagefind-meta="kind:\(HTMLEscape.text(p.t(.searchKindComment)))">\(filter("kind", p.t(.searchKindComment)))\(filter("member", member))\(filter("meeting", meeting))\(filter("issue", issueLabel))</p>
        <ul>\(body)</ul>
        </main>
        </body>
        </html>

        """
    }
}
