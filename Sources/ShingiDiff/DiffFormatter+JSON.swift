import Foundation
import ShingiCore

extension DiffFormatter {
    /// `--format json` with the firm keys of DESIGN.md (`old`, `new`, `comments`,
    /// `sections`, `references`) plus `members`, `meetings` and, where a field changed,
    /// `fields`. Keys sorted, arrays in the report's order: the same input gives the same bytes.
    public static func json(_ report: DiffReport) -> String {
        func target(_ value: CommentTarget?) -> Any { value.map { $0.description } ?? NSNull() }
        func languages(_ value: [Language]) -> [String] { value.map(\.rawValue) }
        func fields(_ value: [FieldChange]) -> [[String: Any]] {
            value.map { ["field": $0.field, "old": $0.old ?? NSNull(), "new": $0.new ?? NSNull()] }
        }
        func record(_ change: RecordChange) -> [String: Any] {
            var object: [String: Any] = ["id": change.id, "change": change.change.rawValue]
            if !change.fields.isEmpty { object["fields"] = fields(change.fields) }
            return object
        }
        let comments: [[String: Any]] = report.comments.map { change in
            var object: [String: Any] = [
                "id": change.id, "change": change.change.rawValue, "member": change.member, "meeting": change.meeting,
                "target": ["old": target(change.oldTarget), "new": target(change.newTarget)],
                "lang": languages(change.languages),
            ]
            if !change.fields.isEmpty { object["fields"] = fields(change.fields) }
            return object
        }
        let sections: [[String: Any]] = report.sections.map { change in
            ["issue": change.issue, "section": change.section, "change": change.change.rawValue, "lang": languages(change.languages)]
        }
        let object: [String: Any] = [
            "old": report.old, "new": report.new, "comments": comments, "sections": sections,
            "references": report.references.map(record), "members": report.members.map(record), "meetings": report.meetings.map(record),
        ]
        // Only strings, numbers, arrays, objects and null go in, so serialisation cannot fail.
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
