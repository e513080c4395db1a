import ShingiCore
import ShingiLoad
import ShingiRender

extension ReportContext {
    /// The changes outside the sections, one group each: policy issues (front matter and
    /// lead text), pages, references, members, meetings, translations now stale.
    func dataChanges() -> [ReportPageContext.DataGroup] {
        let items: [ReportPageContext.DataGroup] = [
            (UIString.diffIssues, report.issues, describeIssue),
            (.diffPages, report.pages, describePage),
        ].compactMap { key, changes, describe in
            changes.isEmpty ? nil : ReportPageContext.DataGroup(title: t(key), changes: changes.map { item($0, describe) })
        }
        let records: [ReportPageContext.DataGroup] = [
            (UIString.referencesTitle, report.references, recordReference),
            (.membersTitle, report.members, recordMember),
            (.meetingsTitle, report.meetings, recordMeeting),
        ].compactMap { key, changes, describe in
            changes.isEmpty ? nil : ReportPageContext.DataGroup(title: t(key), changes: changes.map { record($0, describe) })
        }
        let stale = report.translations.isEmpty ? [] : [
            ReportPageContext.DataGroup(title: t(.diffTranslations), changes: report.translations.map(translation)),
        ]
        return items + records + stale
    }

    /// A translation's part now stale: the issue's section (in the translation's
    /// language) where it is one, else the file; linked to where it is published.
    private func translation(_ change: TranslationChange) -> DataChange {
        let section = change.part == "_intro" ? nil : change.part
        var name = change.path
        var url: String?
        if let issue = change.issue {
            name = issueLabel(issue) + (section.map { " › " + sectionTitle(issue, $0) } ?? "")
            url = link(urls.issue(issue, change.language, section: section))
        }
        let lang = languageName(change.language)
        return DataChange(id: change.path, name: name + (language == .ja ? "（\(lang)）" : " (\(lang))"), url: OrFalse(url),
                          kind: "stale", kindLabel: t(.diffStale), dataIssue: change.issue ?? "", fields: [], hasFields: false, texts: [])
    }

    private func item(_ change: ItemChange, _ describe: (String) -> (name: String, url: String?)) -> DataChange {
        let (name, url) = describe(change.id)
        return DataChange(id: change.id, name: name, url: OrFalse(change.change == .removed ? nil : url),
                          kind: change.change.rawValue, kindLabel: kindLabel(change.change), dataIssue: "",
                          fields: change.fields.map(field), hasFields: !change.fields.isEmpty,
                          texts: texts(change.texts, onlyChangedLines: change.change == .edited))
    }

    private func record(_ change: RecordChange, _ describe: (String) -> (name: String, url: String?)) -> DataChange {
        let (name, url) = describe(change.id)
        return DataChange(id: change.id, name: name, url: OrFalse(change.change == .removed ? nil : url),
                          kind: change.change.rawValue, kindLabel: kindLabel(change.change), dataIssue: "",
                          fields: change.fields.map(field), hasFields: !change.fields.isEmpty, texts: [])
    }

    private func describeIssue(_ id: String) -> (name: String, url: String?) {
        (issueLabel(id), link(urls.issue(id, language)))
    }

    private func describePage(_ id: String) -> (name: String, url: String?) {
        if id == ItemChange.homeID { return (t(.navHome), link(urls.home(language))) }
        let slug = String(id.dropFirst(ItemChange.pageID("").count))
        let page = new.pages.first { $0.slug == slug } ?? old.pages.first { $0.slug == slug }
        return (page.flatMap { text(Localized($0.translations.values.mapValues(\.title))) } ?? slug, link(urls.page(slug, language)))
    }

    private func recordReference(_ id: String) -> (name: String, url: String?) {
        let title = (new.reference(id) ?? old.reference(id)).flatMap { text($0.title) } ?? id
        return (title, link(urls.references(language, reference: id)))
    }

    private func recordMember(_ id: String) -> (name: String, url: String?) {
        (memberName(id), link(urls.member(id, language)))
    }

    private func recordMeeting(_ id: String) -> (name: String, url: String?) {
        (meetingName(id), link(urls.meeting(id, language)))
    }
}
