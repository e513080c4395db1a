import ArgumentParser
import Foundation
import ShingiBuild
import ShingiCore
import ShingiLoad
import ShingiRender

/// Options every command that reads a site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site root (holds shingi.yml and content/).", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: ArgumentHelp("The output folder (default: <root>/site).", valueName: "dir"))
    var out: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Overrides base_url of shingi.yml, e.g. /shingi/ or https://example.go.jp/shingi/.", valueName: "url"))
    var baseURL: String?

    @Flag(name: .customLong("no-cache"), help: "Parse and render everything again instead of reusing what the last build parsed and rendered (kept in $XDG_CACHE_HOME/shingi or ~/.cache/shingi).")
    var noCache = false

    func validate() throws {
        if let baseURL, let problem = BaseURL.problem(baseURL) {
            throw ValidationError("--base-url '\(baseURL)' cannot be used: \(problem)")
        }
    }

    var buildOptions: BuildOptions {
        let rootURL = URL(fileURLWithPath: root)
        var options = BuildOptions(root: rootURL, output: out.map { URL(fileURLWithPath: $0) }, baseURL: baseURL)
        options.markdownParser = MarkdownIsolation.parser
        if !noCache, let directory = CacheDirectory.located() {
            options.fragmentCache = FragmentStore.file(root: options.root, in: directory)
            options.pageCache = PageCache.file(output: options.output, in: directory)
            options.commentCache = CommentCache.file(root: options.root, in: directory)
            options.searchCache = SearchIndexCache.file(output: options.output, in: directory)
        }
        return options
    }
}
