import ShingiCore
import ShingiResolve

/// The cap on the size of one written page (`limits: max_page_size:`): the per-file caps
/// bound what one Markdown file makes, this bounds what a page gathers from many (the
/// comments index, a member's page) and what a theme multiplies.
enum PageSizeLimit {
    /// The error for `file` when it is over the limit: at the Markdown file the page is
    /// made from, or at the page itself for a page that lists many.
    static func problem(_ file: OutputFile, job: PageJob, site: ResolvedSite) -> Diagnostic? {
        let limit = site.config.maxPageSize
        guard file.bytes.count > limit else { return nil }
        return .error("page-too-large",
                      "the page \(file.path) is \(Limits.describe(bytes: file.bytes.count)), more than the limit of \(Limits.describe(bytes: limit)); split its content over several pages, or raise 'limits: max_page_size:' (in bytes) in shingi.yml",
                      at: SourceLocation(path: source(of: job, in: site) ?? file.path))
    }

    /// The Markdown file the page is made from (`PageJob.madeFrom`), in the page's
    /// language or the other one, which the page then shows.
    private static func source(of job: PageJob, in site: ResolvedSite) -> String? {
        guard let item = job.madeFrom, let language = job.language else { return nil }
        switch item.kind {
        case .content(.issue): return site.issue(item.key)?.translations.resolve(language)?.value.source.path
        case .content(.comment): return site.comment(item.key)?.translations.resolve(language)?.value.source.path
        case .content(.page): return site.pages.first { $0.slug == item.key }?.translations.resolve(language)?.value.source.path
        case .content(.home): return site.home?.translations.resolve(language)?.value.source.path
        case .data: return nil
        }
    }
}
