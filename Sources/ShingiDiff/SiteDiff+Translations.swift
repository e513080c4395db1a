import ShingiCore
import ShingiResolve

extension SiteDiff {
    /// The parts of translations stale on the new side that were not on the old one (a
    /// part the old side did not have counts as not stale), in the site's order.
    func translations(_ old: ResolvedSite, _ new: ResolvedSite) -> [TranslationChange] {
        struct Key: Hashable { var path: String, part: String }
        let staleBefore = Set(old.translationStates().filter { $0.state == .stale }.map { Key(path: $0.path, part: $0.part) })
        var issueOfPath: [String: String] = [:]
        for issue in new.issues {
            for file in issue.translations.values.values { issueOfPath[file.source.path] = issue.id }
        }
        return new.translationStates().filter { $0.state == .stale && !staleBefore.contains(Key(path: $0.path, part: $0.part)) }.map {
            TranslationChange(path: $0.path, language: $0.language, source: $0.sourcePath, part: $0.part, issue: issueOfPath[$0.path])
        }
    }
}
