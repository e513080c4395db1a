/// Ids a heading may not take, because the page around the fragment already uses them:
/// the default theme's own (`<main id="main">`, …) and the prefixes of the ids that
/// pages and footnotes are given (`comment-<id>`, `fn-…`). `shingi check` still reports
/// any id a page ends up with twice (another theme may use others).
public enum ReservedIDs {
    /// Every literal `id="…"` of the default theme's templates (a test keeps this true).
    public static let layout: Set<String> = [
        "main", "toc-title", "cited-references", "meeting-issues", "meeting-comments", "advised",
        "member-comments", "home-issues", "home-materials", "home-meetings", "summary-title", "data-changes",
    ]
    public static let prefixes = ["fn-", "fnref-", "comment-", "issue-", "meeting-", "ref-"]

    public static func isReserved(_ id: String) -> Bool {
        layout.contains(id) || prefixes.contains { id.hasPrefix($0) }
    }
}
