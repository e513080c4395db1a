import ShingiCore

extension SiteRenderer {
    /// The pages only the search index sees (`SearchRecords`) for the comments of
    /// `rendered`: the preview makes them after a rebuild, off the path of the reload, since
    /// a rebuild that renders a few pages does not make them.
    public func searchRecords(_ rendered: Rendered) -> [OutputFile] {
        var renderer = PageRenderer(site: site, theme: theme, urls: urls, changes: changes)
        renderer.comments = rendered.comments
        return SearchRecords.files(renderer)
    }
}
