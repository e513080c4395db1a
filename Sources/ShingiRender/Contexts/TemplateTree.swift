/// A typed context as swift-mustache reads it: dictionaries keyed by template names
/// (`TemplateKey`), arrays, text, numbers and flags. Made only for a template that
/// is rendered; a page taken from the cache needs its context's digest alone.
enum TemplateTree {
    static func of<Context: Encodable>(_ context: Context) -> Any {
        let encoder = TreeEncoder()
        // The tree's containers never throw; a context's own `encode(to:)` does not either.
        try! context.encode(to: encoder)
        return encoder.value
    }

    /// One value of the tree: text, numbers and flags as they are, the UI strings as their
    /// dictionary, anything else through an encoder of its own.
    fileprivate static func value<Value: Encodable>(_ value: Value) -> Any {
        if Value.self == String.self || Value.self == Int.self || Value.self == Bool.self { return value }
        // Compared by type, not cast: a failed cast of every nested context cost more than encoding it.
        if Value.self == UIStringTable.self { return unsafeBitCast(value, to: UIStringTable.self).strings }
        return of(value)
    }
}

/// Encodes one value: a keyed container makes it a dictionary (two keyed containers of
/// one encoder fill the same one: a context may put another's keys beside its own), an
/// unkeyed one an array.
private final class TreeEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    enum Shape { case none, single, object, list }
    private var shape = Shape.none
    private var single: Any = ""
    /// The dictionary's entries in the order encoded: the dictionary is made once, at its
    /// size, rather than grown (and rehashed) key by key.
    private var entries: [(name: String, value: Any)] = []
    private var list: [Any] = []

    fileprivate var value: Any {
        switch shape {
        case .none, .object:
            var object = [String: Any](minimumCapacity: entries.count)
            // A later entry wins: `Merged` encodes its first context last.
            for (name, value) in entries { object[name] = value }
            return object
        case .single: return single
        case .list: return list
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        shape = .object
        return KeyedEncodingContainer(Keyed<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        shape = .list
        return Unkeyed(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        shape = .single
        return Single(encoder: self)
    }

    struct Keyed<Key: CodingKey>: ContextKeyedContainer {
        let encoder: TreeEncoder

        private func set(_ value: Any, _ key: Key) { encoder.entries.append((TemplateKey.name(key.stringValue), value)) }

        mutating func encodeNil(forKey key: Key) {}
        mutating func encode(_ value: Bool, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: String, forKey key: Key) { set(value, key) }
        mutating func encode(_ value: Int, forKey key: Key) { set(value, key) }
        mutating func encodeNumber<Number: Encodable & CustomStringConvertible>(_ value: Number, forKey key: Key) { set(value, key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) { set(TemplateTree.value(value), key) }
        mutating func superEncoder() -> any Encoder { encoder }
    }

    struct Unkeyed: ContextUnkeyedContainer {
        let encoder: TreeEncoder
        var count: Int { encoder.list.count }

        mutating func encodeNil() {}
        mutating func encode(_ value: Bool) { encoder.list.append(value) }
        mutating func encode(_ value: String) { encoder.list.append(value) }
        mutating func encode(_ value: Int) { encoder.list.append(value) }
        mutating func encodeNumber<Number: Encodable & CustomStringConvertible>(_ value: Number) { encoder.list.append(value) }
        mutating func encode<T: Encodable>(_ value: T) { encoder.list.append(TemplateTree.value(value)) }
    }

    struct Single: ContextSingleValueContainer {
        let encoder: TreeEncoder

        mutating func encodeNil() { encoder.single = false }
        mutating func encode(_ value: Bool) { encoder.single = value }
        mutating func encode(_ value: String) { encoder.single = value }
        mutating func encode(_ value: Int) { encoder.single = value }
        mutating func encodeNumber<Number: Encodable & CustomStringConvertible>(_ value: Number) { encoder.single = value }
        mutating func encode<T: Encodable>(_ value: T) { encoder.single = TemplateTree.value(value) }
    }
}
