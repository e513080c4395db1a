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
    case page(String, Language)
    /// With `search:` on: the search page.
    case search(Language)
    case languageChoice
    case notFound
}
