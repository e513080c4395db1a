import ShingiCore
import ShingiLoad
import ShingiMarkdown

extension Resolver {
    /// `site` without the items marked `draft: true` (an item is a draft when any of its
    /// translations says so) and without the draft sections of the issues it keeps
    /// (`{#id .draft}`). A published item that links to a draft, or a published comment
    /// on a draft issue or section, is an error naming both files: on the published site
    /// it would be a dead link.
    func withoutDrafts(_ site: ResolvedSite, diagnostics: inout [Diagnostic]) -> ResolvedSite {
        // Each draft by kind and key (the id a link names; a page's slug), with the file that says so.
        var drafts: [ContentKind: [String: String]] = [:]
        func add(_ kind: ContentKind, _ key: String, _ sources: Localized<MarkdownSource>) {
            drafts[kind, default: [:]][key] = sources.values.values.filter(\.isDraft).map(\.path).min()!
        }
        for kind in ContentKind.allCases {
            switch kind {
            case .issue: for issue in site.issues where issue.isDraft { add(kind, issue.id, site.sources(issue.translations, \.source)) }
            case .comment: for comment in site.comments where comment.isDraft { add(kind, comment.id, site.sources(comment.translations, \.source)) }
            case .page: for page in site.pages where page.isDraft { add(kind, page.slug, site.sources(page.translations, \.source)) }
            case .home: break // always published: its `draft:` is not read (`MarkdownFileLoader`)
            }
        }
        let draftIssues = drafts[.issue] ?? [:], draftComments = drafts[.comment] ?? [:]
        let draftSections = Self.draftSections(of: site.issues.filter { draftIssues[$0.id] == nil })
        guard !drafts.isEmpty || !draftSections.isEmpty else { return site }
        func section(_ target: String) -> (issue: String, section: String)? {
            let parts = target.split(separator: "#", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (Slug.normaliseExplicit(String(parts[0])), Slug.normaliseExplicit(String(parts[1])))
        }

        func draftNote(_ path: String) -> String {
            "a draft (draft: true in \(path)), which a published build leaves out; publish it, remove the link, or build with --drafts"
        }
        func checkLinks(_ sources: [MarkdownSource]) {
            for source in sources.sorted(by: { $0.path < $1.path }) {
                for link in source.fragment.crossLinks {
                    let location = source.location(of: link.position)
                    switch CrossLinkKind(rawValue: link.kind) {
                    case .issue:
                        if let path = draftIssues[link.target] {
                            diagnostics.append(.error("link-to-draft", "'\(link.source)' links to issue '\(link.target)', \(draftNote(path))", at: location))
                        } else if let anchor = link.anchor.map(Slug.normaliseExplicit), let draft = draftSections[link.target]?[anchor] {
                            diagnostics.append(.error("link-to-draft", "'\(link.source)' links to section '\(anchor)' of issue '\(link.target)', \(Self.draftSectionNote(draft)); publish the section, remove the link, or build with --drafts", at: location))
                        }
                    case .comment:
                        if let path = draftComments[link.target] {
                            diagnostics.append(.error("link-to-draft", "'\(link.source)' links to comment '\(link.target)', \(draftNote(path))", at: location))
                        }
                    // Data entries are never drafts; an unknown kind is reported by `checkCrossLinks`.
                    case .ref, .member, .meeting, nil: break
                    }
                }
            }
        }
        // A published comment's links, and the sections it is on and reflected in.
        func checkComment(_ comment: Comment) {
            let files = comment.translations.values.values.sorted(by: { $0.source.path < $1.source.path })
            checkLinks(comment.sourcesWithResponses)
            for file in files {
                for target in file.reflectedIn {
                    guard let (issue, name) = section(target.value) else { continue }
                    if let path = draftIssues[issue] {
                        diagnostics.append(.error("link-to-draft", "reflected_in '\(target.value)' names issue '\(issue)', \(draftNote(path))", at: target.location))
                    } else if let draft = draftSections[issue]?[name] {
                        diagnostics.append(.error("link-to-draft", "reflected_in '\(target.value)' names section '\(name)' of issue '\(issue)', \(Self.draftSectionNote(draft)); publish the section, remove it from reflected_in, or build with --drafts", at: target.location))
                    }
                }
            }
            if let draft = draftSections[comment.issue]?[comment.section] {
                for file in files {
                    diagnostics.append(.error("link-to-draft", "this comment is on section '\(comment.section)' of issue '\(comment.issue)', \(Self.draftSectionNote(draft)); publish the section, mark the comment draft: true too, or build with --drafts", at: file.targetIssue.location))
                }
            }
            if let path = draftIssues[comment.issue] {
                for file in files {
                    diagnostics.append(.error("link-to-draft", "this comment is on issue '\(comment.issue)', a draft (draft: true in \(path)), which a published build leaves out; publish the issue, mark the comment draft: true too, or build with --drafts", at: file.targetIssue.location))
                }
            }
        }
        // Links are checked in the text that will be published: a draft section's own links go with it.
        var published = site
        for kind in ContentKind.allCases {
            switch kind {
            case .issue:
                published.issues = site.issues.filter { draftIssues[$0.id] == nil }.map(Self.withoutDraftSections)
                for issue in published.issues { checkLinks(issue.translations.values.values.map(\.source)) }
            case .comment:
                for comment in site.comments where draftComments[comment.id] == nil { checkComment(comment) }
                published.comments.removeAll {
                    draftComments[$0.id] != nil || draftIssues[$0.issue] != nil || draftSections[$0.issue]?[$0.section] != nil
                }
            case .page:
                published.pages.removeAll { drafts[.page]?[$0.slug] != nil }
                for page in published.pages { checkLinks(page.translations.values.values.map(\.source)) }
            case .home: if let home = site.home { checkLinks(home.translations.values.values.map(\.source)) }
            }
        }
        published.reindex()
        // What the published pages cite, without the drafts' citations.
        var scratch: [Diagnostic] = []
        published.citations = checkCrossLinks(published, diagnostics: &scratch)
        return published
    }
}
