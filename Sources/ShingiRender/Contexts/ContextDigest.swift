import Crypto
import ShingiCore

/// What a page or partial is rendered from, as one SHA-256: the theme, the template
/// names and the typed contexts (`TemplateContext`), each serialised by its `Encodable`
/// conformance in declaration order. Every value is tagged with its kind, text is
/// written after its length and a nested context after the length of its encoding, so
/// two different contexts never serialise alike.
struct ContextDigest {
    private let encoder = DigestEncoder()

    /// Adds a label (a template name, a fingerprint) that is not a context value.
    func add(label: String) {
        encoder.tag("l")
        encoder.append(label)
    }

    func add(label: [UInt8]) {
        encoder.tag("l")
        encoder.appendLength(label.count)
        encoder.bytes.append(contentsOf: label)
    }

    /// Adds a context.
    func add<Context: Encodable>(_ context: Context) {
        encoder.nested(context)
    }

    /// The key of `template` (with whatever it includes) rendered from `contexts` with `theme`.
    static func key(_ theme: Theme, _ template: String, _ contexts: any TemplateContext...) -> [UInt8] {
        let digest = ContextDigest()
        digest.add(label: theme.fingerprint)
        digest.add(label: template)
        for context in contexts { digest.add(context) }
        return digest.finish()
    }

    /// The SHA-256 of everything added.
    func finish() -> [UInt8] {
        Array(SHA256.hash(data: encoder.bytes))
    }
}

/// Writes every value of a context into one buffer; nested contexts and arrays write
/// into it too, after a length filled in once they are written.
private final class DigestEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 14) }

    func tag(_ kind: Unicode.Scalar) { bytes.append(UInt8(ascii: kind)) }

    func append(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            appendLength(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    func appendLength(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    func scalar(_ value: String) { tag("s"); append(value) }
    func scalar(_ value: Bool) { tag(value ? "T" : "F") }
    func scalar(_ value: Int) { tag("i"); appendLength(value) }
    /// Numbers the contexts do not use, by their decimal text.
    func scalar(number: some CustomStringConvertible) { tag("#"); append(number.description) }

    /// A value of its own encoding: its kind and length, then what it wrote.
    func nested<Value: Encodable>(_ value: Value) {
        if Value.self == String.self { return scalar(value as! String) }
        if Value.self == Int.self { return scalar(value as! Int) }
        if Value.self == Bool.self { return scalar(value as! Bool) }
        tag("o")
        let lengthAt = bytes.count
        appendLength(0)
        try! value.encode(to: self)
        let length = Int64(bytes.count - lengthAt - 8).littleEndian
        withUnsafeBytes(of: length) { length in
            for index in 0..<8 { bytes[lengthAt + index] = length[index] }
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // A dictionary's keys come in an order that differs from run to run.
        assert(!String(describing: Key.self).contains("Dictionary"), "a template context holds a dictionary: \(Key.self)")
        return KeyedEncodingContainer(Keyed<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(encoder: self) }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self) }

    struct Keyed<Key: CodingKey>: ContextKeyedContainer {
        let encoder: DigestEncoder

        private func key(_ key: Key) -> DigestEncoder {
            encoder.append(key.stringValue)
            return encoder
        }

        mutating func encodeNil(forKey key: Key) { self.key(key).tag("n") }
        mutating func encode(_ value: Bool, forKey key: Key) { self.key(key).scalar(value) }
        mutating func encode(_ value: String, forKey key: Key) { self.key(key).scalar(value) }
        mutating func encode(_ value: Int, forKey key: Key) { self.key(key).scalar(value) }
        mutating func encodeNumber<Number: Encodable & CustomStringConvertible>(_ value: Number, forKey key: Key) { self.key(key).scalar(number: value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) { self.key(key).nested(value) }
        mutating func superEncoder() -> any Encoder { encoder }
    }

    struct Unkeyed: ContextUnkeyedContainer {
        let encoder: DigestEncoder
        private(set) var count = 0

        private mutating func next() -> DigestEncoder {
            count += 1
            return encoder
        }

        mutating func encodeNil() { next().tag("n") }
        mutating func encode(_ value: Bool) { next().scalar(value) }
        mutating func encode(_ value: String) { next().scalar(value) }
        mutating func encode(_ value: Int) { next().scalar(value) }
        mutating func encodeNumber<Number: Encodable & CustomStringConvertible>(_ value: Number) { next().scalar(number: value) }
        mutating func encode<T: Encodable>(_ value: T) { next().nested(value) }
    }

    struct Single: ContextSingleValueContainer {
        let encoder: DigestEncoder

        mutating func encodeNil() { encoder.tag("n") }
        mutating func encode(_ value: Bool) { encoder.scalar(value) }
        mutating func encode(_ value: String) { encoder.scalar(value) }
        mutating func encode(_ value: Int) { encoder.scalar(value) }
        mutating func encodeNumber<Number: Encodable & CustomStringConvertible>(_ value: Number) { encoder.scalar(number: value) }
        mutating func encode<T: Encodable>(_ value: T) { encoder.nested(value) }
    }
}
