import Foundation
import ShingiCore
import ShingiLoad
import ShingiResolve

/// Names for the fields of items that pages read (`Tracked`), so that a build can store
/// which fields a page read and the next build can read the same fields of the new site
/// (`StoredInput.field`). A key path has no name of its own that outlives the process. A
/// field read without a name here is stored as its whole item: coarser, never missed
/// (`PageCacheTests` checks that the pages of a site read only named fields).
enum FieldNames {
    static func name(of path: AnyKeyPath) -> String? { names[path] }

    /// The name a field is stored under between builds: its item's metadata for the
    /// fields that are not a text (an id, a number, a date...). Pages that list items read
    /// several of those of each; one input per item instead keeps the caches small, and
    /// only a page that shows none of the rest is rendered when one of them changes.
    static func stored(_ name: String) -> String { metadata[name] ?? name }

    private static let metadata: [String: String] = {
        var metadata: [String: String] = [:]
        for field in ["id", "member", "issue", "section", "meeting", "date", "status", "reflectedIn", "isDraft"] { metadata["comment.\(field)"] = "comment.metadata" }
        for field in ["id", "number", "advisors", "meeting", "isDraft"] { metadata["issue.\(field)"] = "issue.metadata" }
        for field in ["id", "number", "date", "url"] { metadata["reference.\(field)"] = "reference.metadata" }
        return metadata
    }()

    /// The name a field read through `path` is stored under (`stored`), looked up by the
    /// path's object first: a build names every field each page read, and hashing a key
    /// path walks all of it.
    static func name(ofObject path: AnyKeyPath) -> String? {
        let id = ObjectIdentifier(path)
        known.lock.lock()
        defer { known.lock.unlock() }
        if let (object, name) = known.names[id], object === path { return name }
        let name = names[path].map(stored)
        // The path is kept with its name, so its identity is never another path's.
        known.names[id] = (path, name)
        return name
    }

    private final class Known: @unchecked Sendable {
        let lock = NSLock()
        var names: [ObjectIdentifier: (AnyKeyPath, String?)] = [:]
    }

    private static let known = Known()

    static func path(named name: String) -> AnyKeyPath? { fields[name]?.path }

    /// The digest (`ValueDigest`) of the field `name` of `item`, a site's value of the
    /// item (nil when it has none); nil for a name not in the list.
    static func digest(_ name: String, of item: Any?) -> [UInt8]? { fields[name].map { $0.digest(item) } }

    /// A field: its key path, and its digest made where its type is known (`ValueDigest`).
    private struct Field {
        let path: AnyKeyPath
        let digest: (Any?) -> [UInt8]
    }

    // Key paths are immutable; the standard library does not mark them Sendable yet.
    nonisolated(unsafe) private static let names: [AnyKeyPath: String] = Dictionary(all.map { ($0.1.path, $0.0) }, uniquingKeysWith: { first, _ in first })
    nonisolated(unsafe) private static let fields: [String: Field] = Dictionary(all, uniquingKeysWith: { first, _ in first })

    private static func field<Value, Value2: Encodable>(_ path: KeyPath<Value, Value2>) -> Field {
        Field(path: path) { item in ValueDigest.of((item as? Value).map { $0[keyPath: path] }) }
    }

    nonisolated(unsafe) private static let all: [(String, Field)] = {
        var all: [(String, Field)] = [
            ("issue", field(\Issue.self)), ("issue.id", field(\Issue.id)), ("issue.number", field(\Issue.number)),
            ("issue.sections", field(\Issue.sections)), ("issue.advisors", field(\Issue.advisors)), ("issue.meeting", field(\Issue.meeting)),
            ("issue.anchors", field(\Issue.anchors)), ("issue.metadata", field(\Issue.metadata)), ("issue.isDraft", field(\Issue.isDraft)), ("issue.draftSections", field(\Issue.draftSections)),
            ("comment", field(\Comment.self)), ("comment.id", field(\Comment.id)), ("comment.member", field(\Comment.member)),
            ("comment.issue", field(\Comment.issue)), ("comment.section", field(\Comment.section)), ("comment.meeting", field(\Comment.meeting)),
            ("comment.date", field(\Comment.date)), ("comment.status", field(\Comment.status)), ("comment.reflectedIn", field(\Comment.reflectedIn)),
            ("comment.isDraft", field(\Comment.isDraft)), ("comment.sourcesWithResponses", field(\Comment.sourcesWithResponses)),
            ("comment.metadata", field(\Comment.metadata)),
            ("page", field(\Page.self)), ("page.slug", field(\Page.slug)), ("page.order", field(\Page.order)), ("page.isDraft", field(\Page.isDraft)),
            ("member", field(\Member.self)), ("member.id", field(\Member.id)), ("member.role", field(\Member.role)),
            ("meeting", field(\Meeting.self)), ("meeting.id", field(\Meeting.id)), ("meeting.number", field(\Meeting.number)),
            ("meeting.date", field(\Meeting.date)),
            ("reference", field(\Reference.self)), ("reference.id", field(\Reference.id)), ("reference.number", field(\Reference.number)),
            ("reference.date", field(\Reference.date)), ("reference.url", field(\Reference.url)),
            ("reference.metadata", field(\Reference.metadata)),
        ]
        // A per-language field whole, and each of its languages (`Tracked.translation`).
        func localized<Value, File: Encodable>(_ name: String, _ path: KeyPath<Value, Localized<File>>) {
            all.append((name, field(path)))
            for language in Language.allCases {
                all.append(("\(name)[\(language.rawValue)]", field(path.appending(path: \Localized<File>[language]))))
            }
        }
        localized("issue.translations", \Issue.translations)
        localized("issue.headlines", \Issue.headlines)
        localized("issue.headingNames", \Issue.headingNames)
        localized("comment.translations", \Comment.translations)
        localized("comment.responses", \Comment.responses)
        localized("comment.crossLinks", \Comment.crossLinks)
        localized("page.translations", \Page.translations)
        localized("page.titles", \Page.titles)
        localized("member.name", \Member.name)
        localized("member.affiliation", \Member.affiliation)
        localized("meeting.title", \Meeting.title)
        localized("meeting.note", \Meeting.note)
        localized("reference.title", \Reference.title)
        localized("reference.publisher", \Reference.publisher)
        localized("reference.note", \Reference.note)
        return all
    }()
}
