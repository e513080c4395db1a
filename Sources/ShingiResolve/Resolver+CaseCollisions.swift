import Foundation
import ShingiCore
import ShingiLoad

extension Resolver {
    /// Ids that differ only by case (after Unicode case folding) are an error naming both
    /// files: they become output paths (`/ja/pages/About/` and `/ja/pages/about/`) or
    /// anchors, and on the case-insensitive file systems of macOS and Windows one page
    /// would silently replace the other.
    func checkCaseCollisions(_ site: ResolvedSite, diagnostics: inout [Diagnostic]) {
        func check(_ what: String, _ items: [(id: String, location: SourceLocation)]) {
            var first: [String: (id: String, location: SourceLocation)] = [:]
            for item in items.sorted(by: { ($0.location, $0.id) < ($1.location, $1.id) }) {
                let folded = item.id.folding(options: [.caseInsensitive], locale: nil)
                if let earlier = first[folded], earlier.id != item.id {
                    diagnostics.append(.error("case-collision",
                        "\(what) id '\(item.id)' differs only by case from '\(earlier.id)' at \(earlier.location); on a case-insensitive file system (macOS, Windows) one would replace the other: rename one of them",
                        at: item.location))
                } else if first[folded] == nil {
                    first[folded] = item
                }
            }
        }
        check("member", site.members.map { ($0.id, $0.location) })
        check("meeting", site.meetings.map { ($0.id, $0.location) })
        check("reference", site.references.map { ($0.id, $0.location) })
        check("issue", site.issues.map { issue in (issue.id, issue.translations[issue.translations.languages[0]]!.id.location) })
        check("page", site.pages.map { page in (page.slug, page.translations[page.translations.languages[0]]!.source.frontMatterLocation) })
        check("comment", site.comments.map { comment in (comment.id, comment.translations[comment.translations.languages[0]]!.source.frontMatterLocation) })
    }
}
