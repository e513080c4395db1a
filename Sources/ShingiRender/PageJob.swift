import ShingiCore

/// One page of the built site; the render stage renders the jobs in parallel.
public enum PageJob: Sendable, Hashable {
    case home(Language)
    case issues(Language)
    case issue(String, Language)
    case members(Language)
    case member(String, Language)
    case meetings(Language)
    case meeting(String, Language)
    case comments(Language)
    case references(Language)
    /// The 意見対応表 of one meeting, or of the whole site with nil; and the same as CSV.
    case responses(String?, Language)
    case responsesCSV(String?, Language)
    case page(String, Language)
    /// With `search:` on: the search page.
    case search(Language)
    case languageChoice
    case notFound
}
