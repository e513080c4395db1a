import Foundation
import ShingiCore
import ShingiLoad
import ShingiResolve

/// How the site's items are named and linked in one language. Values missing in that
/// language fall back to the other one and are marked as untranslated.
struct Presenter {
    let site: SiteReader
    let urls: SiteURLs
    let language: Language
    let strings: [String: String]

    func t(_ key: String) -> String { strings[key] ?? key }

    /// A localized text for display: the value, whether it is a fallback, and its language.
    func text(_ value: Localized<String>) -> LocalizedText {
        guard let (text, fallback) = value.resolve(language) else { return LocalizedText(text: "", language: language, isFallback: false) }
        return LocalizedText(text: text, language: fallback ? language.other : language, isFallback: fallback)
    }

    /// `<span lang="ja" class="untranslated" title="…">…</span>` for a fallback, the escaped text otherwise.
    func html(_ text: LocalizedText) -> String {
        let escaped = HTMLEscape.text(text.text)
        guard text.isFallback else { return escaped }
        return "<span lang=\"\(text.language.rawValue)\" class=\"untranslated\" title=\"\(HTMLEscape.text(t("untranslated_hint")))\">\(escaped)</span>"
    }

    // MARK: Names of things

    func memberName(_ member: Tracked<Member>) -> LocalizedText {
        let (shown, fallback) = member.translation(\.name, language) ?? ("", nil)
        var name = LocalizedText(text: shown, language: fallback ?? language, isFallback: fallback != nil)
        let suffix = t("honorific_\(member.role)")
        if language == .ja, !suffix.hasPrefix("honorific_") { name.text += suffix }
        // English puts the title before the name (Chair Goto) where Japanese puts it after (後藤会長).
        let prefix = t("honorific_prefix_\(member.role)")
        if !prefix.isEmpty, !prefix.hasPrefix("honorific_prefix_") { name.text = "\(prefix) \(name.text)" }
        return name
    }

    func roleName(_ role: String) -> String {
        let label = t("role_\(role)")
        return label.hasPrefix("role_") ? role : label
    }

    func meetingTitle(_ meeting: Tracked<Meeting>) -> LocalizedText {
        let title = text(meeting.title)
        if !title.text.isEmpty { return title }
        let generated: String
        if let number = meeting.number {
            generated = language == .ja ? "第\(number)回会合" : "Meeting No. \(number)"
        } else {
            generated = language == .ja ? "会合" : "Meeting"
        }
        let date = DateFormatting.format(meeting.date, language)
        return LocalizedText(text: language == .ja ? "\(generated)（\(date)）" : "\(generated) (\(date))", language: language, isFallback: false)
    }

    func issueTitle(_ issue: Tracked<Issue>) -> LocalizedText {
        guard let (headline, fallback) = issue.translation(\.headlines, language) else { return LocalizedText(text: issue.id, language: language, isFallback: false) }
        return LocalizedText(text: headline.title, language: fallback ?? language, isFallback: fallback != nil)
    }

    func issueLabel(_ issue: Tracked<Issue>) -> String {
        t("issue_label").filling("{n}", with: language == .ja ? fullWidth(issue.number) : String(issue.number))
    }

    func sectionTitle(_ issue: Tracked<Issue>, _ section: String) -> LocalizedText? {
        guard let found = issue.section(section) else {
            // A level-3 heading: look it up in the fragments.
            let names = issue.headingNames
            for lang in [language, language.other] {
                if let heading = names[lang]?.first(where: { $0.id == section }) {
                    return LocalizedText(text: heading.text, language: lang, isFallback: lang != language)
                }
            }
            return nil
        }
        return text(found.titles)
    }

    func date(_ date: ISODate) -> String { DateFormatting.format(date, language) }

    private func fullWidth(_ n: Int) -> String {
        String(String(n).unicodeScalars.map { Character(Unicode.Scalar($0.value - 0x30 + 0xFF10)!) })
    }

    // MARK: Links

    func memberLink(_ id: String) -> String {
        guard let member = site.member(id) else { return HTMLEscape.text(id) }
        return HTMLAnchor.html(href: urls.member(id, language), class: "member-link", innerHTML: html(memberName(member)))
    }

    func meetingLink(_ id: String) -> String {
        guard let meeting = site.meeting(id) else { return HTMLEscape.text(id) }
        return HTMLAnchor.html(href: urls.meeting(id, language), class: "meeting-link", innerHTML: html(meetingTitle(meeting)))
    }

    func issueLink(_ id: String, section: String? = nil) -> String {
        guard let issue = site.issue(id) else { return HTMLEscape.text(id) }
        if let section, let title = sectionTitle(issue, section) {
            return HTMLAnchor.html(href: urls.issue(id, language, section: section), class: "issue-link", innerHTML: html(title))
        }
        return HTMLAnchor.html(href: urls.issue(id, language), class: "issue-link", innerHTML: "\(HTMLEscape.text(issueLabel(issue)))　\(html(issueTitle(issue)))")
    }

    func commentURL(_ comment: Tracked<Comment>) -> String {
        urls.issue(comment.issue, language, section: "comment-\(comment.id)")
    }
}

extension String {
    /// The text with its first `placeholder` (e.g. `{member}`, or a comment's target
    /// marker) replaced. The search is over UTF-8 bytes: a search by Characters (and
    /// Foundation's replacement) cost several per cent of a build on Japanese text.
    func filling(_ placeholder: String, with value: String) -> String {
        var text = self
        var pattern = placeholder
        let found: Range<Int>? = text.withUTF8 { haystack in
            pattern.withUTF8 { needle in
                guard let first = needle.first, haystack.count >= needle.count else { return nil }
                var start = 0
                while start <= haystack.count - needle.count {
                    guard let hit = haystack[start...].firstIndex(of: first), hit <= haystack.count - needle.count else { return nil }
                    if memcmp(haystack.baseAddress! + hit, needle.baseAddress!, needle.count) == 0 { return hit..<hit + needle.count }
                    start = hit + 1
                }
                return nil
            }
        }
        guard let found else { return self }
        let bytes = text.utf8
        return String(decoding: bytes.prefix(found.lowerBound), as: UTF8.self) + value
            + String(decoding: bytes.dropFirst(found.upperBound), as: UTF8.self)
    }
}

/// Text shown in a page, with the language it is really in.
struct LocalizedText {
    var text: String
    var language: Language
    var isFallback: Bool
}
