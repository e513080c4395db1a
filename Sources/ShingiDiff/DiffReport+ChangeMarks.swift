import ShingiCore

extension DiffReport {
    /// The sections and comments to mark on the new side's pages: what was added,
    /// edited or moved there, per language (removed items have no page to mark).
    public var changeMarks: ChangeMarks {
        var marks = ChangeMarks(since: old)
        for change in sections where change.change != .removed {
            for language in change.languages { marks.sections[language, default: []].insert("\(change.issue)#\(change.section)") }
        }
        for change in comments where change.change != .removed {
            let languages = change.fields.isEmpty ? change.languages : Language.allCases
            for language in languages { marks.comments[language, default: []].insert(change.id) }
        }
        return marks
    }
}
