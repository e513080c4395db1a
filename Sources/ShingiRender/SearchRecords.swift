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

    /// One comment's record in one language.
    static func file(_ comment: Tracked<Comment>, _ language: Language, _ renderer: PageRenderer) -> OutputFile {
        OutputFile(path: "\(folder)/\(language.rawValue)/\(comment.id).html", text: record(comment, renderer.presenter(language), renderer))
    }

    private static func record(_ comment: Tracked<Comment>, _ p: Presenter, _ renderer: PageRenderer) -> String {
        let member = renderer.memberName(of: comment, p)
        let meeting = renderer.site.meeting(comment.meeting).map { p.meetingTitle($0).text } ?? comment.meeting
        let issue = renderer.site.issue(comment.issue)
        let issueLabel = issue.map(p.issueLabel) ?? comment.issue
        let section = issue.flatMap { p.sectionTitle($0, comment.section)?.text } ?? comment.section
        let title = "\(p.commentLabel(comment))　\(issueLabel) › \(section)"
        let body = renderer.commentHTML(comment.id, p.language, showTarget: false)
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
