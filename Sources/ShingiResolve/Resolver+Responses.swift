import ShingiCore
import ShingiLoad

extension Resolver {
    /// A comment's status and the places it is reflected in, checked: every `reflected_in`
    /// target names an issue and one of its headings (as a comment's `target` must), and
    /// the languages of one comment agree on both.
    func responseFields(_ translations: Localized<CommentFile>, primary: CommentFile, site: ResolvedSite,
                        diagnostics: inout [Diagnostic]) -> (status: CommentStatus?, reflectedIn: [ReflectedPlace]) {
        var places: [ReflectedPlace] = []
        let files = translations.values.values.sorted { $0.source.path < $1.source.path }
        for file in files {
            for written in file.reflectedIn {
                guard let place = reflectedPlace(written, site: site, diagnostics: &diagnostics) else { continue }
                if file.source.path == primary.source.path && !places.contains(place) { places.append(place) }
            }
            guard file.source.path != primary.source.path else { continue }
            if let status = file.status, let other = primary.status, status.value != other.value {
                diagnostics.append(.error("translation-mismatch", "this translation has status '\(status.value.rawValue)' but \(primary.source.path) has '\(other.value.rawValue)'; the languages of one comment must agree", at: status.location))
            }
            let mine = file.reflectedIn.map(\.value), theirs = primary.reflectedIn.map(\.value)
            if !mine.isEmpty, !theirs.isEmpty, mine != theirs {
                diagnostics.append(.error("translation-mismatch", "this translation has reflected_in '\(mine.joined(separator: ", "))' but \(primary.source.path) has '\(theirs.joined(separator: ", "))'; the languages of one comment must agree", at: file.reflectedIn[0].location))
            }
        }
        // A translation may carry the fields alone (say, the secretariat writes in Japanese first).
        let status = primary.status?.value ?? files.lazy.compactMap(\.status).first?.value
        if places.isEmpty, let other = files.first(where: { !$0.reflectedIn.isEmpty }) {
            places = other.reflectedIn.compactMap { written in
                var ignored: [Diagnostic] = []
                return reflectedPlace(written, site: site, diagnostics: &ignored)
            }
        }
        return (status, places)
    }

    /// One `reflected_in` target, or an error at it saying what exists.
    private func reflectedPlace(_ written: Located<String>, site: ResolvedSite, diagnostics: inout [Diagnostic]) -> ReflectedPlace? {
        let parts = written.value.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            diagnostics.append(.error("broken-reflected-in", "reflected_in '\(written.value)' must be 'issue-id#section-id', e.g. \"2#2.3\"", at: written.location))
            return nil
        }
        let issueID = Slug.normaliseExplicit(String(parts[0])), section = Slug.normaliseExplicit(String(parts[1]))
        guard let issue = site.issue(issueID) else {
            diagnostics.append(.error("broken-reflected-in", "reflected_in '\(written.value)' names issue '\(issueID)', which does not exist in content/issues/\(Suggestion.hint(for: issueID, in: site.issues.map(\.id)))", at: written.location))
            return nil
        }
        guard issue.anchors.contains(section) else {
            diagnostics.append(.error("broken-reflected-in", "reflected_in '\(written.value)' names section '\(section)' of issue '\(issue.id)', which has no such section\(Suggestion.hint(for: section, in: issue.anchors)); known sections: \(issue.sections.map(\.id).joined(separator: ", "))", at: written.location))
            return nil
        }
        return ReflectedPlace(issue: issue.id, section: section)
    }
}
