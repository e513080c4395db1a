import ShingiCore

extension DiffReport {
    /// The sections, comments and pages to mark on the new side's pages: what was added,
    /// edited or moved there, per language (removed items have no page to mark). A field
    /// of both languages marks the item in every language.
    public func changeMarks(label: [Language: String] = [:]) -> ChangeMarks {
        var marks = ChangeMarks(label: label)
        for change in sections where change.change != .removed {
            for language in change.languages { marks.sections[language, default: []].insert("\(change.issue)#\(change.section)") }
        }
        for change in comments where change.change != .removed {
            for language in Self.languages(change.languages, change.fields) { marks.comments[language, default: []].insert(change.id) }
        }
        let pages = issues.map { ("issues/" + $0.id, $0.change, $0.languages, $0.fields) }
            + self.pages.map { ($0.id, $0.change, $0.languages, $0.fields) }
            + members.map { ("members/" + $0.id, $0.change, [Language](), $0.fields) }
            + meetings.map { ("meetings/" + $0.id, $0.change, [Language](), $0.fields) }
        for (key, change, languages, fields) in pages where change != .removed {
            let marked = change == .added ? Language.allCases : Self.languages(languages, fields)
            for language in marked { marks.pages[language, default: []].insert(key) }
        }
        // Any reference added, removed or edited changes the reference index.
        if !references.isEmpty {
            for language in Language.allCases { marks.pages[language, default: []].insert("references") }
        }
        return marks
    }

    /// The languages a change concerns: those of its texts and of its fields, every
    /// language for a field of both.
    private static func languages(_ texts: [Language], _ fields: [FieldChange]) -> [Language] {
        if fields.contains(where: { $0.lang == nil }) { return Language.allCases }
        return Language.allCases.filter { language in texts.contains(language) || fields.contains { $0.lang == language } }
    }
}
