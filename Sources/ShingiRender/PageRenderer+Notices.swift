import ShingiCore
import ShingiLoad
import ShingiResolve

extension PageRenderer {
    /// The notices of a translation whose source changed since it was translated, by part
    /// (`_intro` or a section id), in the page's language, each linking to the same part
    /// in the source language and saying which text of the original it is behind: that
    /// of the item's meeting (its date), else the `--changes-since` version the legend
    /// names; empty for a current, unrecorded or source-language text.
    func staleNotices(_ source: MarkdownSource, among sources: Localized<MarkdownSource>, meeting: String?, _ p: Presenter,
                      url: (Language, String?) -> String) -> [String: String] {
        guard source.language == p.language else { return [:] }
        let parts = site.staleParts(at: source.path, among: sources)
        guard !parts.isEmpty else { return [:] }
        let sourceLanguage = site.sourceLanguage(of: sources)
        var asOf: String?
        if let meeting = meeting.flatMap({ site.meeting($0) }) {
            asOf = p.t(.translationStaleMeeting).filling("{meeting}", with: meetingWithDate(meeting, p))
        } else if let changes, let since = changesLabel(changes, p) {
            asOf = p.t(.translationStaleSince).filling("{since}", with: since)
        }
        // Japanese sentences follow one another without a space.
        let separator = p.language == .ja ? "" : " "
        var notices: [String: String] = [:]
        for part in parts.sorted() {
            let section = part == SourceParts.intro ? nil : part
            let context = TranslationNoticeContext(
                t: p.uiStrings, isSection: section != nil,
                sourceLang: sourceLanguage.rawValue, sourceURL: url(sourceLanguage, section), asOf: asOf.map { separator + $0 })
            notices[part] = theme.render("partials/translation-notice", context) ?? ""
        }
        return notices
    }

    /// The 下書き / Draft notice at the top of a draft's page, or under the heading of a
    /// draft section (`build --drafts`, `serve`).
    func draftNotice(_ isDraft: Bool, _ p: Presenter, section: Bool = false) -> String {
        isDraft ? theme.render("partials/draft-notice", DraftNoticeContext(t: p.uiStrings, section: section)) ?? "" : ""
    }
}
