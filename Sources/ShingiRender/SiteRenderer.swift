import Foundation
import ShingiCore
import ShingiLoad
import ShingiResolve

/// The Render stage: every page of the site in every language, the sitemap and the
/// theme's assets, as output files in a stable order.
public struct SiteRenderer: Sendable {
    public let site: ResolvedSite
    public let theme: Theme
    public let urls: SiteURLs

    /// Sections and comments to mark as changed (`--changes-since`).
    public let changes: ChangeMarks?

    public init(site: ResolvedSite, theme: Theme, baseURL: String? = nil, changes: ChangeMarks? = nil) {
        self.site = site
        self.theme = theme
        self.urls = SiteURLs(baseURL: baseURL ?? site.config.baseURL)
        self.changes = changes
    }

    /// All pages, in a fixed order.
    public var jobs: [PageJob] {
        var jobs: [PageJob] = [.languageChoice, .notFound]
        for language in site.config.languages {
            jobs += [.home(language), .issues(language), .members(language), .meetings(language), .comments(language), .references(language)]
            jobs += site.issues.map { .issue($0.id, language) }
            jobs += site.members.map { .member($0.id, language) }
            jobs += site.meetings.map { .meeting($0.id, language) }
            jobs += site.pages.map { .page($0.slug, language) }
        }
        return jobs
    }

    public func render(_ jobs: [PageJob]? = nil) async -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        var prepared = PageRenderer(site: site, theme: theme, urls: urls, changes: changes)
        prepared.comments = await RenderedComments.render(prepared)
        let renderer = prepared
        let results = await (jobs ?? self.jobs).parallelMap { renderer.render($0) }
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        for result in results {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let diagnostic): if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
            }
        }
        files.append(Sitemap(site: site, urls: urls).file())
        files += assetFiles()
        return (files.sorted { $0.path < $1.path }, diagnostics)
    }

    /// The theme's `assets/` folder, copied byte for byte.
    func assetFiles() -> [OutputFile] {
        let assets = theme.directory.appendingPathComponent("assets")
        guard let names = FileManager.default.enumerator(atPath: assets.path)?.allObjects as? [String] else { return [] }
        return names.sorted().compactMap { name in
            var isDirectory: ObjCBool = false
            let path = assets.appendingPathComponent(name).path
            guard !Theme.isSymbolicLink(URL(fileURLWithPath: path)),
                  FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                  let data = FileManager.default.contents(atPath: path) else { return nil }
            return OutputFile(path: "assets/" + name, bytes: Array(data))
        }
    }
}
