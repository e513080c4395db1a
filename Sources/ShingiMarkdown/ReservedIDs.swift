/// Ids a heading may not take, because the page around the fragment already uses them:
/// the default theme's own (`<main id="main">`, …) and the prefixes of the ids of
/// footnotes and of comments, which are shown beside the text of every kind of page.
/// (`issue-<id>` and `meeting-<id>` stand only on pages whose only Markdown is comments,
/// and papers use them as section ids.) `shingi check` still reports any id a page ends
/// up with twice.
public enum ReservedIDs {
    /// Every literal `id="…"` of the default theme's templates (a test keeps this true).
    public static let layout: Set<String> = [
        "main", "toc-title", "cited-references", "meeting-issues", "meeting-comments", "meeting-note", "advised",
        "member-comments", "home-issues", "home-materials", "home-meetings", "summary-title", "data-changes",
        "site-search-input", "search-query", "responses-caption",
    ]
    public static let prefixes = ["fn-", "fnref-", "comment-", "response-"]

    public static func isReserved(_ id: String) -> Bool {
        layout.contains(id) || prefixes.contains { id.hasPrefix($0) }
    }
}
