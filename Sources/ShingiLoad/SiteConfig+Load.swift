import Foundation
import ShingiCore

extension SiteConfig {
    /// The `shingi.yml` of the site at `root` with its diagnostics; `diff` reads it alone
    /// first, to learn the limits before it exports the rest of a revision.
    public static func load(root: URL) -> (config: SiteConfig, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let config = DataFileLoader.loadConfig(root: root, diagnostics: &diagnostics)
        return (config, diagnostics)
    }
}
