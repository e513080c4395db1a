import ShingiCore
import ShingiRender

extension SiteBuilder {
    /// The search records of the successful build `previous` starts from, made when called:
    /// the preview indexes its pages in the background. Nil without a successful build.
    public func searchRecords(of previous: Previous?) -> (@Sendable () -> [OutputFile])? {
        guard let good = previous?.good, let site = good.result.site else { return nil }
        let renderer = SiteRenderer(site: site, theme: good.theme, baseURL: options.baseURL, changes: options.changes)
        let rendered = good.rendered
        return { renderer.searchRecords(rendered) }
    }
}
