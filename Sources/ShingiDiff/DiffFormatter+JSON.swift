import ShingiCore

extension DiffFormatter {
    /// `--format json` with the keys of docs/content-format.md (`old`, `new`, `comments`,
    /// `sections`, `issues`, `pages`, `references`, `members`, `meetings`, `translations` and, where a
    /// field changed, `fields`). Keys sorted, arrays in the report's order, written by `JSONValue`
    /// (not Foundation), so the same input gives the same bytes on every platform.
    public static func json(_ report: DiffReport) -> String {
        jsonValue(report).serialized() + "\n"
    }

    /// The report as a JSON value (what `json(_:)` prints).
    public static func jsonValue(_ report: DiffReport) -> JSONValue {
        func target(_ value: CommentTarget?) -> JSONValue { .string(value?.description) }
        func languages(_ value: [Language]) -> JSONValue { .array(value.map { .string($0.rawValue) }) }
        func fields(_ value: [FieldChange]) -> JSONValue {
            .array(value.map { field in
                var object: [String: JSONValue] = ["field": .string(field.field), "old": .string(field.old), "new": .string(field.new)]
                if let lang = field.lang { object["lang"] = .string(lang.rawValue) }
                return .object(object)
            })
        }
        func record(_ change: RecordChange) -> JSONValue {
            var object: [String: JSONValue] = ["id": .string(change.id), "change": .string(change.change.rawValue)]
            if !change.fields.isEmpty { object["fields"] = fields(change.fields) }
            return .object(object)
        }
        func item(_ change: ItemChange) -> JSONValue {
            var object: [String: JSONValue] = ["id": .string(change.id), "change": .string(change.change.rawValue),
                                               "lang": languages(change.languages)]
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
            "issues": .array(report.issues.map(item)), "pages": .array(report.pages.map(item)),
            "references": .array(report.references.map(record)),
            "members": .array(report.members.map(record)),
            "meetings": .array(report.meetings.map(record)),
            "translations": .array(report.translations.map { change in
                ["path": .string(change.path), "lang": .string(change.language.rawValue), "source": .string(change.source),
                 "part": .string(change.part), "issue": .string(change.issue), "change": "stale"]
            }),
        ]
    }
}
