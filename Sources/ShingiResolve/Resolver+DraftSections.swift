import ShingiCore
import ShingiLoad
import ShingiMarkdown

/// Draft sections (`## 2.3 促進策 {#2.3 .draft}`): sections of a published issue that a
/// published build leaves out, as it leaves out a draft item.
extension Resolver {
    /// The languages of an issue agree on which sections are drafts: a section that is a
    /// draft in one language and published in the other would be published after all.
    /// An error where drafts are left out, a warning where they are shown (`--drafts`,
    /// `serve`), where the section is shown as a draft in both languages.
    func checkDraftSectionsAgree(_ translations: Localized<IssueFile>, diagnostics: inout [Diagnostic]) {
        for language in translations.languages {
            let file = translations[language]!
            for draft in file.source.fragment.headings where draft.isDraft {
                for other in translations.languages where other != language {
                    let otherFile = translations[other]!
                    guard let heading = otherFile.source.fragment.headings.first(where: { $0.id == draft.id }),
                          otherFile.source.draftCut?.ids[draft.id] == nil else { continue }
                    let message = "section '\(draft.id)' is a draft in \(file.source.location(of: draft.position)) but not in this translation, "
                        + "which would publish it; mark it {#\(draft.id) .draft} here too, or remove '.draft' there"
                    let location = otherFile.source.location(of: heading.position)
                    diagnostics.append(includeDrafts ? .warning("translation-mismatch", message, at: location)
                                                     : .error("translation-mismatch", message, at: location))
                }
            }
        }
    }

    /// The draft sections of the issues a published build keeps, by issue id and heading
    /// id (a draft section's, or a heading's inside one), each at its `{#id .draft}`.
    static func draftSections(of issues: [Issue]) -> [String: [String: SourceLocation]] {
        var result: [String: [String: SourceLocation]] = [:]
        for issue in issues {
            for file in issue.translations.values.values.sorted(by: { $0.source.path < $1.source.path }) {
                for (id, position) in file.source.draftCut?.ids ?? [:] where result[issue.id]?[id] == nil {
                    result[issue.id, default: [:]][id] = file.source.location(of: position)
                }
            }
        }
        return result
    }

    /// `issue` as a published build shows it: each language's text without its draft
    /// sections, and so without their headings in the sections and anchors.
    static func withoutDraftSections(_ issue: Issue) -> Issue {
        let cut = Set(issue.translations.values.values.flatMap { ($0.source.draftCut?.ids ?? [:]).keys })
        guard !cut.isEmpty else { return issue }
        var translations = issue.translations
        for language in translations.languages { translations[language]!.source = translations[language]!.source.withoutDraftSections }
        return Issue(id: issue.id, number: issue.number, translations: translations, sections: issue.sections.filter { !cut.contains($0.id) },
                     advisors: issue.advisors, meeting: issue.meeting)
    }

    /// Why a link to a draft section is refused, and what to do.
    static func draftSectionNote(_ location: SourceLocation) -> String {
        "a draft section ('.draft' at \(location)), which a published build leaves out"
    }
}
