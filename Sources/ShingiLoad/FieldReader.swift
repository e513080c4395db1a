import ShingiCore
import Yams

/// Reads the typed fields of one YAML mapping (front matter or a data-file entry),
/// recording a diagnostic for each missing, mistyped or unknown field instead of failing
/// at the first. Scalars are taken as written: `no`, `012` or `2021-06-02` stay strings
/// where a string is expected.
public struct FieldReader {
    public let document: YAMLDocument
    public let mapping: Node.Mapping
    public let location: SourceLocation
    /// What the mapping describes, for messages ("member 'goto'", "front matter").
    public let subject: String
    public private(set) var diagnostics: [Diagnostic] = []
    private var readKeys = Set<String>()
    /// The mapping by key text, looked up without Yams' node hashing.
    private let fields: [String: Node]

    public init?(_ node: Node, in document: YAMLDocument, subject: String, diagnostics: inout [Diagnostic]) {
        guard case .mapping(let mapping) = node else {
            diagnostics.append(.error("wrong-type", "\(subject) must be a mapping of 'key: value' lines", at: document.location(of: node)))
            return nil
        }
        self.document = document
        self.mapping = mapping
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            if let text = key.scalar?.string, fields[text] == nil { fields[text] = value }
        }
        self.fields = fields
        self.location = document.location(of: node)
        self.subject = subject
    }

    private mutating func node(_ key: String) -> Node? {
        readKeys.insert(key)
        return fields[key]
    }

    private mutating func missing(_ key: String, _ example: String) {
        diagnostics.append(.error("missing-field", "\(subject) is missing the required field '\(key)' (e.g. \(example))", at: location))
    }

    private mutating func wrongType(_ key: String, _ node: Node, expected: String) {
        diagnostics.append(.error("wrong-type", "'\(key)' in \(subject) must be \(expected)", at: document.location(of: node)))
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A text value; numbers and dates are kept exactly as written.
    public mutating func string(_ key: String, required: Bool = false, example: String = "\"…\"") -> String? {
        guard let node = node(key), !Self.isNull(node) else {
            if required { missing(key, "\(key): \(example)") }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            wrongType(key, node, expected: "a single value, not a list or mapping")
            return nil
        }
        let value = scalar.string.trimmed(newlines: false)
        if value.isEmpty && required {
            missing(key, "\(key): \(example)")
            return nil
        }
        return value
    }

    /// A whole number. `null` is accepted only with `allowNull` (and returns nil).
    public mutating func int(_ key: String, required: Bool = false, allowNull: Bool = false) -> Int?? {
        guard let node = node(key) else {
            if required { missing(key, "\(key): 1") }
            return nil
        }
        if Self.isNull(node) {
            if allowNull { return .some(nil) }
            if required { missing(key, "\(key): 1") }
            return nil
        }
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            wrongType(key, node, expected: "a whole number")
            return nil
        }
        return .some(value)
    }

    /// `true` or `false` (YAML's other spellings of them, `yes`, `on`…, are refused: they
    /// read as text to most people).
    public mutating func bool(_ key: String) -> Bool? {
        guard let node = node(key), !Self.isNull(node) else { return nil }
        guard case .scalar(let scalar) = node, scalar.style == .plain, ["true", "false"].contains(scalar.string) else {
            wrongType(key, node, expected: "true or false")
            return nil
        }
        return scalar.string == "true"
    }

    public mutating func date(_ key: String, required: Bool = false, allowReducedPrecision: Bool = false) -> ISODate? {
        guard let text = string(key, required: required, example: "2021-06-02") else { return nil }
        guard let date = ISODate(text, allowReducedPrecision: allowReducedPrecision) else {
            let forms = allowReducedPrecision ? "YYYY-MM-DD (or YYYY-MM, YYYY)" : "YYYY-MM-DD"
            diagnostics.append(.error("invalid-date", "'\(key)' in \(subject) is '\(text)', not a date of the form \(forms)",
                                      at: document.location(of: fields[key]!)))
            return nil
        }
        return date
    }

    /// `key: {ja: …, en: …}`; a plain value counts as the given language's.
    public mutating func localized(_ key: String, required: Bool = false, languages: [Language]) -> Localized<String> {
        var result = Localized<String>()
        guard let node = node(key), !Self.isNull(node) else {
            if required { missing(key, "\(key): {ja: \"…\", en: \"…\"}") }
            return result
        }
        guard case .mapping(let inner) = node else {
            wrongType(key, node, expected: "a mapping by language, e.g. {ja: \"…\", en: \"…\"}")
            return result
        }
        for (languageNode, valueNode) in inner {
            guard let code = languageNode.scalar?.string else { continue }
            guard let language = Language(rawValue: code), languages.contains(language) else {
                diagnostics.append(.warning("unknown-language", "'\(key).\(code)' in \(subject) is not a language of this site (\(languages.map(\.rawValue).joined(separator: ", ")))",
                                            at: document.location(of: languageNode)))
                continue
            }
            guard case .scalar(let scalar) = valueNode else {
                wrongType("\(key).\(code)", valueNode, expected: "text")
                continue
            }
            let text = scalar.string.trimmed(newlines: true)
            if !text.isEmpty { result[language] = text }
        }
        if required && result.isEmpty { missing(key, "\(key): {ja: \"…\"}") }
        return result
    }

    /// One of the site's languages (`source_language: en`); a code shingi does not know,
    /// or one the site does not publish, is an error at the value.
    public mutating func language(_ key: String, of languages: [Language]) -> Located<Language>? {
        guard let text = string(key) else { return nil }
        let location = document.location(of: fields[key]!)
        let listed = languages.map(\.rawValue).joined(separator: ", ")
        guard let language = Language(rawValue: text) else {
            diagnostics.append(.error("unknown-language", "'\(key)' in \(subject) is '\(text)', not a language; use one of the site's languages (\(listed))", at: location))
            return nil
        }
        guard languages.contains(language) else {
            diagnostics.append(.error("unknown-language", "'\(key)' in \(subject) is '\(text)', which is not one of this site's languages (\(listed)) in shingi.yml", at: location))
            return nil
        }
        return Located(language, at: location)
    }

    /// A list of text values; a single value counts as a list of one.
    public mutating func stringList(_ key: String) -> [(String, SourceLocation)] {
        guard let node = node(key), !Self.isNull(node) else { return [] }
        switch node {
        case .scalar(let scalar):
            return [(scalar.string, document.location(of: node))]
        case .sequence(let sequence):
            var values: [(String, SourceLocation)] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    wrongType(key, item, expected: "a list of ids")
                    continue
                }
                values.append((scalar.string, document.location(of: item)))
            }
            return values
        default:
            wrongType(key, node, expected: "a list, e.g. [a, b]")
            return []
        }
    }

    /// `translation_of:`: a hash, or a mapping of part keys (`_intro`, section ids) to
    /// hashes; each hash is 12 lowercase hex digits as `shingi translations --mark` writes.
    public mutating func translationRecord(_ key: String) -> TranslationRecord? {
        guard let node = node(key), !Self.isNull(node) else { return nil }
        let fieldLocation = document.location(of: node)
        var hashes: [String: Located<String>] = [:]
        func hash(_ valueNode: Node, part: String) {
            guard case .scalar(let scalar) = valueNode else {
                wrongType(key, valueNode, expected: "a hash or a mapping of section ids to hashes")
                return
            }
            let text = scalar.string
            guard text.count == 12, text.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                diagnostics.append(.error("invalid-translation-hash", "'\(text)' in '\(key)' is not a 12-digit hash; run `shingi translations --mark <this file>` to write the current ones",
                                          at: document.location(of: valueNode)))
                return
            }
            hashes[part] = Located(text, at: document.location(of: valueNode))
        }
        switch node {
        case .scalar:
            hash(node, part: SourceParts.intro)
        case .mapping(let inner):
            for (partNode, valueNode) in inner {
                guard let part = partNode.scalar?.string else { continue }
                hash(valueNode, part: part)
            }
        default:
            wrongType(key, node, expected: "a hash or a mapping of section ids to hashes, e.g. {_intro: 0123456789ab, \"1.1\": …}")
            return nil
        }
        return TranslationRecord(hashes: hashes, location: fieldLocation)
    }

    /// A mapping inside this one (`limits: {max_file_size: …}`), read with its own reader;
    /// nil when the key is absent or null.
    public mutating func nested(_ key: String, subject: String) -> FieldReader? {
        guard let node = node(key), !Self.isNull(node) else { return nil }
        guard case .mapping = node else {
            wrongType(key, node, expected: "a mapping of 'key: value' lines")
            return nil
        }
        return FieldReader(node, in: document, subject: subject, diagnostics: &diagnostics)
    }

    public func location(of key: String) -> SourceLocation {
        fields[key].map(document.location(of:)) ?? location
    }

    /// Warns about keys nobody read: usually a typo of a real field.
    public mutating func finish(known extra: Set<String> = []) -> [Diagnostic] {
        for (keyNode, _) in mapping {
            guard let key = keyNode.scalar?.string, !readKeys.contains(key), !extra.contains(key) else { continue }
            let advice = Suggestion.closest(to: key, in: readKeys.union(extra)).map { "did you mean '\($0)'?" }
                ?? "check its spelling against docs/content-format.md"
            diagnostics.append(.warning("unknown-field", "\(subject) has an unknown field '\(key)'; \(advice)",
                                        at: document.location(of: keyNode)))
        }
        return diagnostics
    }
}

extension String {
    /// Without leading and trailing white space (with `newlines`, line breaks too): what
    /// Foundation's `trimmingCharacters(in: .whitespaces…)` gives, without its cost on
    /// every field of every file.
    func trimmed(newlines: Bool) -> String {
        let isSpace = { (c: Character) in c.isWhitespace && (newlines || !c.isNewline) }
        guard let first = first, let last = last, isSpace(first) || isSpace(last) else { return self }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
