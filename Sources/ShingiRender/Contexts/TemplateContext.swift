import ShingiCore

/// The data a template is rendered from: a typed value, one per template, whose encoding
/// is what the template reads (`TemplateTree`). A template reads a property by its name
/// in snake case (`nameHTML` as `name_html`, see `TemplateKey`); an optional that is nil
/// is absent, as a key never set.
///
/// A context is a struct of text, numbers, flags, optionals, arrays and other contexts.
public protocol TemplateContext: Encodable {}

/// The UI strings in one language: every context's `t`. A template reads them as a
/// dictionary (`{{t.nav_home}}`), which `TemplateTree` takes as it is rather than
/// encoding it for every page; encoded, the table is its language.
public struct UIStringTable: Encodable {
    public let language: Language
    public let strings: [String: String]

    public init(language: Language, strings: [String: String]) {
        self.language = language
        self.strings = strings
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(language.rawValue)
    }
}

/// A template's name for a context property: the property's name in snake case, an
/// acronym kept as one word (`nameHTML` → `name_html`, `sourceISODate` →
/// `source_iso_date`, `hasTOC` → `has_toc`).
enum TemplateKey {
    static func name(_ property: String) -> String {
        let original = property
        var property = property
        return property.withUTF8 { bytes in
            guard bytes.contains(where: isUpper) else { return original }
            // At most one underscore per capital; a short name is made without allocating.
            return String(unsafeUninitializedCapacity: bytes.count * 2) { name in
                var count = 0
                for index in bytes.indices {
                    let byte = bytes[index]
                    guard isUpper(byte) else {
                        name[count] = byte
                        count += 1
                        continue
                    }
                    if index > bytes.startIndex {
                        // A word starts after a lower-case letter or digit, and at the last
                        // capital of an acronym that a lower-case word follows (ISO|Date).
                        let next = index + 1 < bytes.endIndex ? bytes[index + 1] : 0
                        if !isUpper(bytes[index - 1]) || (next >= 0x61 && next <= 0x7A) {
                            name[count] = UInt8(ascii: "_")
                            count += 1
                        }
                    }
                    name[count] = byte + 0x20
                    count += 1
                }
                return count
            }
        }
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
}

/// A value or `false`: Mustache has no nil, and a key that is missing is looked up in
/// the enclosing contexts, so a nested context that lacks a value says `false` to stop
/// `{{#url}}` from finding an outer `url`.
public struct OrFalse<Value: Encodable>: Encodable {
    public let value: Value?

    public init(_ value: Value?) { self.value = value }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encode(false) }
    }
}
