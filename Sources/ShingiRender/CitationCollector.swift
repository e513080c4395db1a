/// The citations `[n]` of one issue page's text, in reading order: each gets an id on the
/// page (`cite-<ref>-<k>`) and links to the page's own entry for the reference
/// (`cited-<ref>`), which links back to every place that cites it.
final class CitationCollector {
    private(set) var places: [String: [String]] = [:]

    /// Records one citation of `reference` and returns its id on the page.
    func add(_ reference: String) -> String {
        let id = "cite-\(reference)-\(places[reference, default: []].count + 1)"
        places[reference, default: []].append(id)
        return id
    }

    static func entryID(_ reference: String) -> String { "cited-\(reference)" }
}
