/// Where a reference is cited, for the reference index's "cited in" backlinks.
public enum CitationPlace: Sendable, Hashable, Encodable {
    case home
    case issue(id: String, section: String?)
    case page(slug: String)
    case comment(id: String)
}
