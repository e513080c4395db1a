import Crypto
import ShingiCore

/// What a page is rendered from, as one SHA-256: the theme, the template names and every
/// value of the template contexts, serialised in a fixed order (dictionary keys sorted,
/// each value tagged with its type and each length written before its bytes, so two
/// different contexts never serialise alike). A value of a type it does not know makes
/// the page unkeyed: such a page is rendered every time, never taken from the cache.
struct ContextDigest {
    private var bytes: [UInt8]

    init() {
        bytes = []
        bytes.reserveCapacity(1 << 16)
    }

    /// Adds a label (a template name, a fingerprint) that is not a context value.
    mutating func add(label: String) {
        bytes.append(UInt8(ascii: "l"))
        append(label)
    }

    mutating func add(label: [UInt8]) {
        bytes.append(UInt8(ascii: "l"))
        appendLength(label.count)
        bytes.append(contentsOf: label)
    }

    /// Adds a context value; false when its type is not one the renderer gives templates.
    /// The value's type is compared before any cast: a cast that fails (or converts a
    /// collection) costs more than the rest of the digest.
    mutating func add(_ value: Any) -> Bool {
        switch ObjectIdentifier(type(of: value)) {
        case Self.string:
            bytes.append(UInt8(ascii: "s"))
            append(value as! String)
        case Self.dictionary:
            return add(value as! [String: Any])
        case Self.dictionaries:
            return add(list: value as! [[String: Any]])
        case Self.bool:
            bytes.append(value as! Bool ? UInt8(ascii: "T") : UInt8(ascii: "F"))
        case Self.int:
            bytes.append(UInt8(ascii: "i"))
            appendLength(value as! Int)
        case Self.strings:
            return add(value as! [String: String])
        case Self.list:
            return add(list: value as! [Any])
        case Self.stringList:
            return add(list: value as! [String])
        case Self.stringDictionaries:
            return add(list: value as! [[String: String]])
        default:
            return false
        }
        return true
    }

    private static let string = ObjectIdentifier(String.self)
    private static let dictionary = ObjectIdentifier([String: Any].self)
    private static let dictionaries = ObjectIdentifier([[String: Any]].self)
    private static let bool = ObjectIdentifier(Bool.self)
    private static let int = ObjectIdentifier(Int.self)
    private static let strings = ObjectIdentifier([String: String].self)
    private static let list = ObjectIdentifier([Any].self)
    private static let stringList = ObjectIdentifier([String].self)
    private static let stringDictionaries = ObjectIdentifier([[String: String]].self)

    /// A dictionary in key order. Every dictionary is tagged alike whatever its value
    /// type, and every value carries its own tag, so the serialisation depends on the
    /// values only.
    mutating func add<Value>(_ dictionary: [String: Value]) -> Bool {
        add(dictionary, uiStrings: nil)
    }

    /// A template context whose `t` is the theme's UI strings in `language`. Those are in
    /// the theme's fingerprint, so only the language stands for them here: they are a
    /// fifth of a page's context, the same on every page.
    mutating func add(context: [String: Any], uiStringsIn language: Language) -> Bool {
        add(context, uiStrings: language.rawValue)
    }

    private mutating func add<Value>(_ dictionary: [String: Value], uiStrings language: String?) -> Bool {
        bytes.append(UInt8(ascii: "d"))
        appendLength(dictionary.count)
        for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
            append(key)
            if let language, key == "t" {
                bytes.append(UInt8(ascii: "u"))
                append(language)
            } else {
                guard add(value) else { return false }
            }
        }
        return true
    }

    private mutating func add<Element>(list: [Element]) -> Bool {
        bytes.append(UInt8(ascii: "a"))
        appendLength(list.count)
        for element in list {
            guard add(element) else { return false }
        }
        return true
    }

    /// The key of `template` (with whatever it includes) rendered from `contexts` with
    /// `theme`, each context's `t` being the UI strings in `language`; nil when a context
    /// holds a value of a type the digest does not know.
    static func key(_ theme: Theme, _ template: String, _ contexts: [[String: Any]], uiStringsIn language: Language) -> [UInt8]? {
        var digest = ContextDigest()
        digest.add(label: theme.fingerprint)
        digest.add(label: template)
        for context in contexts {
            guard digest.add(context: context, uiStringsIn: language) else { return nil }
        }
        return digest.finish()
    }

    /// The SHA-256 of everything added.
    func finish() -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    private mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            appendLength(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    private mutating func appendLength(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }
}
