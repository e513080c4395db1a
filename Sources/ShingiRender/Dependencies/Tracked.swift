import ShingiCore
import ShingiResolve

/// An item as a render job sees it: every field read through it is recorded in the
/// job's `ReadLog`, so what the job depends on is what it used, not a list kept by hand.
/// Reading a field of a field records the outer one (coarser, never missed).
@dynamicMemberLookup
struct Tracked<Value: Sendable>: Sendable {
    private let value: Value
    let item: SiteItem
    let log: ReadLog?

    init(_ value: Value, _ item: SiteItem, _ log: ReadLog?) {
        self.value = value
        self.item = item
        self.log = log
    }

    subscript<Field: Equatable>(dynamicMember path: KeyPath<Value, Field>) -> Field {
        log?.read(item, path)
        return value[keyPath: path]
    }
}

extension Tracked {
    /// One language of a per-language field, or the other language's (with `fallback`)
    /// when it has none; only the languages looked at are recorded, so an edit of the
    /// English text does not render the Japanese pages that show the Japanese one.
    func translation<File: Equatable>(_ field: KeyPath<Value, Localized<File>>, _ language: Language) -> (file: File, fallback: Language?)? {
        guard log != nil else {
            // Not recording: no key paths to make (appending them costs more than the read).
            let translations = value[keyPath: field]
            if let file = translations[language] { return (file, nil) }
            return translations[language.other].map { ($0, language.other) }
        }
        if let file = self[dynamicMember: field.appending(path: \Localized<File>[language])] { return (file, nil) }
        if let file = self[dynamicMember: field.appending(path: \Localized<File>[language.other])] { return (file, language.other) }
        return nil
    }
}

extension Tracked where Value: Equatable {
    /// The whole item, for code that hands it on (anything of it may be used).
    var whole: Value {
        log?.read(item, \Value.self)
        return value
    }
}

extension Tracked where Value == Issue {
    func section(_ id: String) -> Issue.Section? { self.sections.first { $0.id == id } }
}
