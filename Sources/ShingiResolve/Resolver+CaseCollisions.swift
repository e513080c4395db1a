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
        for kind in DataKind.allCases {
            switch kind {
            case .members: check(kind.noun, site.members.map { ($0.id, $0.location) })
            case .meetings: check(kind.noun, site.meetings.map { ($0.id, $0.location) })
            case .references: check(kind.noun, site.references.map { ($0.id, $0.location) })
            }
        }
        for kind in ContentKind.allCases {
            switch kind {
            case .issue: check(kind.noun, site.issues.map { ($0.id, $0.translations[$0.translations.languages[0]]!.id.location) })
            case .comment: check(kind.noun, site.comments.map { ($0.id, $0.translations[$0.translations.languages[0]]!.source.frontMatterLocation) })
            case .page: check(kind.noun, site.pages.map { ($0.slug, $0.translations[$0.translations.languages[0]]!.source.frontMatterLocation) })
            case .home: break // one item: nothing to collide with
            }
        }
    }
}
