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

    /// The UI strings as a template context's `t`.
    var uiStrings: UIStringTable { UIStringTable(language: language, strings: strings) }

    /// A UI string; `Theme.load` has checked that the theme defines every `UIString`.
    func t(_ key: UIString) -> String { strings[key] ?? key.rawValue }

    /// A UI string a theme may add for a value from the content (`status_<value>`);
    /// nil when it has none, and the value is shown as it is.
    func optional(_ key: String) -> String? { strings[key] }

    /// A localized text for display: the value, whether it is a fallback, and its language.
    func text(_ value: Localized<String>) -> LocalizedText {
        guard let (text, fallback) = value.resolve(language) else { return LocalizedText(text: "", language: language, isFallback: false) }
        return LocalizedText(text: text, language: fallback ? language.other : language, isFallback: fallback)
    }

    /// `<span lang="ja" class="untranslated" title="…">…</span>` for a fallback, the escaped text otherwise.
    func html(_ text: LocalizedText) -> String {
        let escaped = HTMLEscape.text(text.text)
        guard text.isFallback else { return escaped }
        return "<span lang=\"\(text.language.rawValue)\" class=\"untranslated\" title=\"\(HTMLEscape.text(t(.untranslatedHint)))\">\(escaped)</span>"
    }

    // MARK: Names of things

    func memberName(_ member: Tracked<Member>) -> LocalizedText {
        let (shown, fallback) = member.translation(\.name, language) ?? ("", nil)
        var name = LocalizedText(text: shown, language: fallback ?? language, isFallback: fallback != nil)
        if language == .ja, let suffix = UIString.honorific(member.role) { name.text += t(suffix) }
        // English puts the title before the name (Chair Goto) where Japanese puts it after (後藤会長).
        if let key = UIString.honorificPrefix(member.role), case let prefix = t(key), !prefix.isEmpty { name.text = "\(prefix) \(name.text)" }
        return name
    }

    func roleName(_ role: String) -> String {
        UIString.role(role).map(t) ?? role
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
        t(.issueLabel).filling("{n}", with: language == .ja ? fullWidth(issue.number) : String(issue.number))
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

    /// "後藤会長のコメント": how a comment is named in a link or a search result.
    func commentLabel(_ comment: Tracked<Comment>) -> String {
        t(.commentBy).filling("{member}", with: site.member(comment.member).map { memberName($0).text } ?? comment.member)
    }

    // MARK: Links
    // Each kind's link markup is written once, here: `…LinkStart` is also used by a
    // cross-link whose label is rendered from the author's text (`CrossLinkRenderer`).

    func memberLinkStart(_ id: String) -> String {
        HTMLAnchor.opening(href: urls.member(id, language), class: "member-link")
    }

    func memberLink(_ id: String) -> String {
        guard let member = site.member(id) else { return HTMLEscape.text(id) }
        return memberLinkStart(id) + html(memberName(member)) + "</a>"
    }

    func meetingLinkStart(_ id: String) -> String {
        HTMLAnchor.opening(href: urls.meeting(id, language), class: "meeting-link")
    }

    func meetingLink(_ id: String) -> String {
        guard let meeting = site.meeting(id) else { return HTMLEscape.text(id) }
        return meetingLinkStart(id) + html(meetingTitle(meeting)) + "</a>"
    }

    func issueLinkStart(_ id: String, section: String? = nil) -> String {
        HTMLAnchor.opening(href: urls.issue(id, language, section: section), class: "issue-link")
    }

    func issueLink(_ id: String, section: String? = nil) -> String {
        guard let issue = site.issue(id) else { return HTMLEscape.text(id) }
        if let section, let title = sectionTitle(issue, section) {
            return issueLinkStart(id, section: section) + html(title) + "</a>"
        }
        return issueLinkStart(id) + "\(HTMLEscape.text(issueLabel(issue)))　\(html(issueTitle(issue)))</a>"
    }

    func commentLinkStart(_ comment: Tracked<Comment>) -> String {
        HTMLAnchor.opening(href: commentURL(comment), class: "comment-link")
    }

    func commentLink(_ id: String) -> String? {
        site.comment(id).map { commentLinkStart($0) + HTMLEscape.text(commentLabel($0)) + "</a>" }
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
        splitUTF8(atFirst: placeholder).map { $0.before + value + $0.after } ?? self
    }
}

/// Text shown in a page, with the language it is really in.
struct LocalizedText {
    var text: String
    var language: Language
    var isFallback: Bool
}
