/// A value given per language (`title: {ja: …, en: …}` in YAML, or a `.ja.md`/`.en.md` pair).
public struct Localized<Value: Sendable>: Sendable {
    public private(set) var values: [Language: Value]

    public init(_ values: [Language: Value] = [:]) { self.values = values }

    public subscript(language: Language) -> Value? {
        get { values[language] }
        set { values[language] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// The value in `language`, or the other language's with `isFallback` set.
    public func resolve(_ language: Language) -> (value: Value, isFallback: Bool)? {
        if let value = values[language] { return (value, false) }
        if let value = values[language.other] { return (value, true) }
        return nil
    }

    public var languages: [Language] { Language.allCases.filter { values[$0] != nil } }
}

extension Localized: Equatable where Value: Equatable {}
extension Localized: Hashable where Value: Hashable {}
