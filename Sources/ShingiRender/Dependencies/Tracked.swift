import ShingiCore
import ShingiResolve
import Foundation

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
        if let file = self[dynamicMember: TrackedPaths.path(field, language)] { return (file, nil) }
        if let file = self[dynamicMember: TrackedPaths.path(field, language.other)] { return (file, language.other) }
        return nil
    }
}

/// Key paths that generic code would make anew at every read, made once. Appending a
/// subscript to a key path instantiates it at run time (its generic types demangled),
/// which cost more than the read; and one object per path lets a build's `ReadLog`
/// compare the paths read by identity (`FieldNames.name(ofObject:)`).
enum TrackedPaths {
    private struct Key: Hashable {
        let field: ObjectIdentifier
        let language: Language
    }

    /// The paths made, each with its field: kept, so a field's identity is never another
    /// path's. (Key paths are immutable; the standard library does not mark them Sendable.)
    private final class Made: @unchecked Sendable {
        let lock = NSLock()
        var paths: [Key: (field: AnyKeyPath, path: AnyKeyPath)] = [:]
        var identities: [Key: AnyKeyPath] = [:]
    }

    private static let made = Made()

    /// `\Value.self`, made once per type: in generic code each use makes a new object.
    static func identity<Value>(of type: Value.Type) -> KeyPath<Value, Value> {
        let key = Key(field: ObjectIdentifier(type), language: .ja)
        made.lock.lock()
        defer { made.lock.unlock() }
        if let known = made.identities[key] { return known as! KeyPath<Value, Value> }
        let path = \Value.self
        made.identities[key] = path
        return path
    }

    static func path<Value, File>(_ field: KeyPath<Value, Localized<File>>, _ language: Language) -> KeyPath<Value, File?> {
        let key = Key(field: ObjectIdentifier(field), language: language)
        made.lock.lock()
        defer { made.lock.unlock() }
        if let known = made.paths[key], known.field === field { return known.path as! KeyPath<Value, File?> }
        let path = field.appending(path: \Localized<File>[language])
        made.paths[key] = (field, path)
        return path
    }
}

extension Tracked where Value: Equatable {
    /// The whole item, for code that hands it on (anything of it may be used).
    var whole: Value {
        log?.read(item, TrackedPaths.identity(of: Value.self))
        return value
    }
}

extension Tracked where Value == Issue {
    func section(_ id: String) -> Issue.Section? { self.sections.first { $0.id == id } }
}
