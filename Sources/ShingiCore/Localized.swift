/// A value given per language (`title: {ja: …, en: …}` in YAML, or a `.ja.md`/`.en.md` pair).
/// One slot per language rather than a dictionary: it is read for every title and link
/// of every page, and inlined into the modules that read it.
public struct Localized<Value: Sendable>: Sendable {
    @usableFromInline var ja: Value?
    @usableFromInline var en: Value?

    public init(_ values: [Language: Value] = [:]) {
        ja = values[.ja]
        en = values[.en]
    }

    @inlinable
    public subscript(language: Language) -> Value? {
        get {
            switch language {
            case .ja: return ja
            case .en: return en
            }
        }
        set {
            switch language {
            case .ja: ja = newValue
            case .en: en = newValue
            }
        }
    }

    /// The values by language.
    public var values: [Language: Value] {
        var values: [Language: Value] = [:]
        for language in Language.allCases { values[language] = self[language] }
        return values
    }

    @inlinable
    public var isEmpty: Bool { ja == nil && en == nil }

    /// The value in `language`, or the other language's with `isFallback` set.
    @inlinable
    public func resolve(_ language: Language) -> (value: Value, isFallback: Bool)? {
        if let value = self[language] { return (value, false) }
        if let value = self[language.other] { return (value, true) }
        return nil
    }

    public var languages: [Language] { Language.allCases.filter { self[$0] != nil } }
}

extension Localized: Equatable where Value: Equatable {}
extension Localized: Hashable where Value: Hashable {}
extension Localized: Encodable where Value: Encodable {}
