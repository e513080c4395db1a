import ShingiCore
import ShingiLoad

/// The sitemap protocol allows only absolute URLs in `<loc>`: with a relative base URL
/// (`/`, `/committee/`) every entry of `sitemap.xml` would be relative, so `check` and
/// `build` warn unless the site turns the sitemap off (`sitemap: false`).
enum SitemapAddress {
    /// `baseURL` is `--base-url` (nil: `base_url` of `shingi.yml`). Nothing while
    /// `shingi.yml` has errors (`loaded`): those come first, and its `base_url` may be
    /// the default only because the file did not load.
    static func diagnostics(_ config: SiteConfig, baseURL: String?, loaded: [Diagnostic]) -> [Diagnostic] {
        guard !loaded.contains(where: { $0.severity == .error && $0.location.path == "shingi.yml" }) else { return [] }
        let base = baseURL ?? config.baseURL
        let lower = base.lowercased()
        guard config.sitemap, !lower.hasPrefix("https://") && !lower.hasPrefix("http://") else { return [] }
        let named = baseURL == nil ? "base_url '\(base)'" : "--base-url '\(base)'"
        return [.warning("sitemap-relative", "\(named) is relative, so every <loc> of sitemap.xml would be relative, which the sitemap protocol does not allow (it needs absolute URLs); set base_url in shingi.yml (or pass --base-url) to the site's published https:// address, or set sitemap: false in shingi.yml to build without a sitemap",
                         at: config.baseURLLocation)]
    }
}
