import ShingiCore
import ShingiLoad
import ShingiResolve

extension PageRenderer {
    /// The notices of a translation whose source changed since it was translated, by part
    /// (`_intro` or a section id), in the page's language, each linking to the same part
    /// in the source language; empty for a current, unrecorded or source-language text.
    func staleNotices(_ source: MarkdownSource, _ p: Presenter, url: (Language, String?) -> String) -> [String: String] {
        guard source.language == p.language else { return [:] }
        let sourceLanguage = site.config.defaultLanguage
        var notices: [String: String] = [:]
        for part in site.staleParts(at: source.path).sorted() {
            let section = part == SourceParts.intro ? nil : part
            let context: [String: Any] = [
                "t": p.strings, "is_section": section != nil, "source_lang": sourceLanguage.rawValue,
                "source_url": url(sourceLanguage, section),
            ]
            notices[part] = theme.render("partials/translation-notice", context) ?? ""
        }
        return notices
    }

    /// The 下書き / Draft notice at the top of a draft's page (`build --drafts`, `serve`).
    func draftNotice(_ isDraft: Bool, _ p: Presenter) -> String {
        isDraft ? theme.render("partials/draft-notice", ["t": p.strings]) ?? "" : ""
    }
}
