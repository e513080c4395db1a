import ShingiCore

extension DiffFormatter {
    /// `--format json` with the firm keys of DESIGN.md (`old`, `new`, `comments`,
    /// `sections`, `references`) plus `members`, `meetings` and, where a field changed,
    /// `fields`. Keys sorted, arrays in the report's order, written by `JSONValue`
    /// (not Foundation), so the same input gives the same bytes on every platform.
    public static func json(_ report: DiffReport) -> String {
        jsonValue(report).serialized() + "\n"
    }

    /// The report as a JSON value (what `json(_:)` prints).
    public static func jsonValue(_ report: DiffReport) -> JSONValue {
        func target(_ value: CommentTarget?) -> JSONValue { .string(value?.description) }
        func languages(_ value: [Language]) -> JSONValue { .array(value.map { .string($0.rawValue) }) }
        func fields(_ value: [FieldChange]) -> JSONValue {
            .array(value.map { ["field": .string($0.field), "old": .string($0.old), "new": .string($0.new)] })
        }
        func record(_ change: RecordChange) -> JSONValue {
            var object: [String: JSONValue] = ["id": .string(change.id), "change": .string(change.change.rawValue)]
            if !change.fields.isEmpty { object["fields"] = fields(change.fields) }
            return .object(object)
        }
        let comments: [JSONValue] = report.comments.map { change in
            var object: [String: JSONValue] = [
                "id": .string(change.id), "change": .string(change.change.rawValue),
                "member": .string(change.member), "meeting": .string(change.meeting),
                "target": ["old": target(change.oldTarget), "new": target(change.newTarget)],
                "lang": languages(change.languages),
            ]
            if !change.fields.isEmpty { object["fields"] = fields(change.fields) }
            return .object(object)
        }
        let sections: [JSONValue] = report.sections.map { change in
            ["issue": .string(change.issue), "section": .string(change.section),
             "change": .string(change.change.rawValue), "lang": languages(change.languages)]
        }
        return [
            "old": .string(report.old), "new": .string(report.new),
            "comments": .array(comments), "sections": .array(sections),
            "references": .array(report.references.map(record)),
            "members": .array(report.members.map(record)),
            "meetings": .array(report.meetings.map(record)),
        ]
    }
}
