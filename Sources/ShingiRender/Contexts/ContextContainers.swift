// What the encoder of a template context (`TemplateTree`) does with every container.
// A context is a struct of text, numbers, flags, optionals, arrays and other contexts
// (`TemplateContext`): a nested context is encoded through `encode(_:forKey:)`, never as
// a container of its own, and the numbers a context does not use (`Double`, `UInt8`, …)
// all go one way, `encodeNumber`.

protocol ContextKeyedContainer: KeyedEncodingContainerProtocol {
    mutating func encodeNumber<Number: Encodable & CustomStringConvertible>(_ value: Number, forKey key: Key)
}

extension ContextKeyedContainer {
    var codingPath: [any CodingKey] { [] }

    mutating func encode(_ value: Double, forKey key: Key) { encodeNumber(value, forKey: key) }
    mutating func encode(_ value: Float, forKey key: Key) { encodeNumber(value, forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) { encodeNumber(value, forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) { encodeNumber(value, forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) { encodeNumber(value, forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) { encodeNumber(value, forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) { encodeNumber(value, forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) { encodeNumber(value, forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) { encodeNumber(value, forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) { encodeNumber(value, forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) { encodeNumber(value, forKey: key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        fatalError("template contexts nest other contexts, not containers")
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        fatalError("template contexts nest other contexts, not containers")
    }
    mutating func superEncoder(forKey key: Key) -> any Encoder { fatalError("template contexts have no super encoder") }
}

protocol ContextUnkeyedContainer: UnkeyedEncodingContainer {
    mutating func encodeNumber<Number: Encodable & CustomStringConvertible>(_ value: Number)
}

extension ContextUnkeyedContainer {
    var codingPath: [any CodingKey] { [] }

    mutating func encode(_ value: Double) { encodeNumber(value) }
    mutating func encode(_ value: Float) { encodeNumber(value) }
    mutating func encode(_ value: Int8) { encodeNumber(value) }
    mutating func encode(_ value: Int16) { encodeNumber(value) }
    mutating func encode(_ value: Int32) { encodeNumber(value) }
    mutating func encode(_ value: Int64) { encodeNumber(value) }
    mutating func encode(_ value: UInt) { encodeNumber(value) }
    mutating func encode(_ value: UInt8) { encodeNumber(value) }
    mutating func encode(_ value: UInt16) { encodeNumber(value) }
    mutating func encode(_ value: UInt32) { encodeNumber(value) }
    mutating func encode(_ value: UInt64) { encodeNumber(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        fatalError("template contexts nest other contexts, not containers")
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        fatalError("template contexts nest other contexts, not containers")
    }
    mutating func superEncoder() -> any Encoder { fatalError("template contexts have no super encoder") }
}

protocol ContextSingleValueContainer: SingleValueEncodingContainer {
    mutating func encodeNumber<Number: Encodable & CustomStringConvertible>(_ value: Number)
}

extension ContextSingleValueContainer {
    var codingPath: [any CodingKey] { [] }

    mutating func encode(_ value: Double) { encodeNumber(value) }
    mutating func encode(_ value: Float) { encodeNumber(value) }
    mutating func encode(_ value: Int8) { encodeNumber(value) }
    mutating func encode(_ value: Int16) { encodeNumber(value) }
    mutating func encode(_ value: Int32) { encodeNumber(value) }
    mutating func encode(_ value: Int64) { encodeNumber(value) }
    mutating func encode(_ value: UInt) { encodeNumber(value) }
    mutating func encode(_ value: UInt8) { encodeNumber(value) }
    mutating func encode(_ value: UInt16) { encodeNumber(value) }
    mutating func encode(_ value: UInt32) { encodeNumber(value) }
    mutating func encode(_ value: UInt64) { encodeNumber(value) }
}
