import Crypto
import ShingiCore

/// The SHA-256 of a resolved value, the same in every process: what the caches compare
/// with the previous build's for each input a page or comment read (`StoredInput`). The
/// value is written by its `Encodable` conformance, which the compiler makes from every
/// stored property, so a field added to an item is covered without a list to keep up.
/// Every value is tagged with its kind and text goes after its length, so two different
/// values never write the same bytes. Sets and dictionaries are taken in sorted order
/// (theirs differs from process to process), and a source location is left out: an
/// entry moved down its file shows nothing new.
enum ValueDigest {
    static func of<Value: Encodable>(_ value: Value) -> [UInt8] {
        let encoder = Writer()
        encoder.nested(value)
        return Array(SHA256.hash(data: encoder.bytes))
    }

    /// A value whose type is not known here (a whole item): by its encoding when it has
    /// one, else by its description.
    static func of(any value: Any) -> [UInt8] {
        if let encodable = value as? any Encodable { return of(encodable) }
        return of(String(reflecting: value))
    }

    /// Writes values into one buffer (`Encoder`); also used directly for values written
    /// out by hand (`RenderedComments.Item`).
    final class Writer: Encoder {
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        private(set) var bytes: [UInt8] = []

        func tag(_ kind: Unicode.Scalar) { bytes.append(UInt8(ascii: kind)) }

        func length(_ value: Int) {
            withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
        }

        func text(_ string: String) {
            var string = string
            string.withUTF8 { utf8 in
                length(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        func raw(_ data: [UInt8]) {
            tag("b")
            length(data.count)
            bytes.append(contentsOf: data)
        }

        fileprivate func scalar(_ value: String) { tag("s"); text(value) }
        fileprivate func scalar(_ value: Bool) { tag(value ? "T" : "F") }
        fileprivate func scalar(_ value: Int) { tag("i"); length(value) }
        fileprivate func scalar(number: some CustomStringConvertible) { tag("#"); text(number.description) }

        /// A value: its kind, then what its encoding writes. (Types are compared, not
        /// cast: the containers call this for every value.)
        func nested<Value: Encodable>(_ value: Value) {
            if Value.self == String.self { return scalar(value as! String) }
            if Value.self == Int.self { return scalar(value as! Int) }
            if Value.self == Bool.self { return scalar(value as! Bool) }
            if Value.self == SourceLocation.self { return tag("L") }
            if Value.self is any UnorderedEncodable.Type { return (value as! any UnorderedEncodable).writeSorted(into: self) }
            tag("o")
            try? value.encode(to: self)
            tag(".")
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed<Key>(writer: self))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(writer: self) }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(writer: self) }

        struct Keyed<Key: CodingKey>: ContextKeyedContainer {
            let writer: Writer

            private func key(_ key: Key) -> Writer {
                writer.text(key.stringValue)
                return writer
            }

            mutating func encodeNil(forKey key: Key) { self.key(key).tag("n") }
            mutating func encode(_ value: Bool, forKey key: Key) { self.key(key).scalar(value) }
            mutating func encode(_ value: String, forKey key: Key) { self.key(key).scalar(value) }
            mutating func encode(_ value: Int, forKey key: Key) { self.key(key).scalar(value) }
            mutating func encodeNumber<Number: Encodable & CustomStringConvertible>(_ value: Number, forKey key: Key) { self.key(key).scalar(number: value) }
            mutating func encode<T: Encodable>(_ value: T, forKey key: Key) { self.key(key).nested(value) }
            // An enum's case with values: the case's name, then its values.
            mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
                self.key(key).tag("{")
                return KeyedEncodingContainer(Keyed<NestedKey>(writer: writer))
            }
            mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
                self.key(key).tag("[")
                return Unkeyed(writer: writer)
            }
            mutating func superEncoder() -> any Encoder { writer }
            mutating func superEncoder(forKey key: Key) -> any Encoder { self.key(key) }
        }

        struct Unkeyed: ContextUnkeyedContainer {
            let writer: Writer
            private(set) var count = 0

            private mutating func next() -> Writer {
                count += 1
                writer.tag(",")
                return writer
            }

            mutating func encodeNil() { next().tag("n") }
            mutating func encode(_ value: Bool) { next().scalar(value) }
            mutating func encode(_ value: String) { next().scalar(value) }
            mutating func encode(_ value: Int) { next().scalar(value) }
            mutating func encodeNumber<Number: Encodable & CustomStringConvertible>(_ value: Number) { next().scalar(number: value) }
            mutating func encode<T: Encodable>(_ value: T) { next().nested(value) }
            mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
                next().tag("{")
                return KeyedEncodingContainer(Keyed<NestedKey>(writer: writer))
            }
            mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
                next().tag("[")
                return Unkeyed(writer: writer)
            }
            mutating func superEncoder() -> any Encoder { writer }
        }

        struct Single: ContextSingleValueContainer {
            let writer: Writer

            mutating func encodeNil() { writer.tag("n") }
            mutating func encode(_ value: Bool) { writer.scalar(value) }
            mutating func encode(_ value: String) { writer.scalar(value) }
            mutating func encode(_ value: Int) { writer.scalar(value) }
            mutating func encodeNumber<Number: Encodable & CustomStringConvertible>(_ value: Number) { writer.scalar(number: value) }
            mutating func encode<T: Encodable>(_ value: T) { writer.nested(value) }
        }
    }
}

/// A set or dictionary: written element by element in the order of their encodings.
protocol UnorderedEncodable {
    func writeSorted(into writer: ValueDigest.Writer)
}

extension UnorderedEncodable {
    fileprivate static func write(_ elements: [[UInt8]], into writer: ValueDigest.Writer) {
        writer.tag("{")
        writer.length(elements.count)
        for element in elements.sorted(by: { $0.lexicographicallyPrecedes($1) }) { writer.raw(element) }
    }
}

extension Set: UnorderedEncodable where Element: Encodable {
    func writeSorted(into writer: ValueDigest.Writer) {
        Self.write(map { element in
            let one = ValueDigest.Writer()
            one.nested(element)
            return one.bytes
        }, into: writer)
    }
}

extension Dictionary: UnorderedEncodable where Key: Encodable, Value: Encodable {
    func writeSorted(into writer: ValueDigest.Writer) {
        Self.write(map { key, value in
            let one = ValueDigest.Writer()
            one.nested(key)
            one.nested(value)
            return one.bytes
        }, into: writer)
    }
}
