// The three kinds of container `encode(to:)` writes into. Each primitive has its own
// method because the protocols ask for one per type; they all end in `set` or `append`.

/// Writes an object's members, in the order they are encoded.
struct KeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: ValueEncoder
    let object: EncodedObject
    let path: CodingPath

    var codingPath: [any CodingKey] { path.keys }

    private func set(_ value: JSONValue, _ key: Key) {
        object.entries.updateValue(.value(value), forKey: key.stringValue)
    }

    private func integer(_ value: some BinaryInteger, _ key: Key) throws {
        set(try ValueEncoder.integer(value) { path.appending(key) }, key)
    }

    mutating func encodeNil(forKey key: Key) { set(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) { set(.bool(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) { set(.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) { set(ValueEncoder.float(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) { set(.integer(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: Int128, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try integer(value, key) }
    mutating func encode(_ value: UInt128, forKey key: Key) throws { try integer(value, key) }

    // snippet: encoder-keyed
    mutating func encode(_ value: String, forKey key: Key) { set(.string(value), key) }

    /// A value with its own `encode(to:)`: encoded at once, one level down, then stored
    /// under its key, where the key's first `encode` put it.
    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        let node = try encoder.node(for: value, at: path.appending(key))
        object.entries.updateValue(node, forKey: key.stringValue)
    }
    // end-snippet

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = EncodedObject()
        object.entries.updateValue(.object(nested), forKey: key.stringValue)
        let container = KeyedEncoding<NestedKey>(
            encoder: encoder,
            object: nested,
            path: path.appending(key)
        )
        return KeyedEncodingContainer(container)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = EncodedArray()
        object.entries.updateValue(.array(nested), forKey: key.stringValue)
        return UnkeyedEncoding(encoder: encoder, array: nested, path: path.appending(key))
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(named: JSONCodingKey.superKey.stringValue, at: path.appending(key: "super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(named: key.stringValue, at: path.appending(key))
    }

    /// An encoder whose value, whatever it becomes, goes under `name`.
    private func superEncoder(named name: String, at path: CodingPath) -> any Encoder {
        let child = ValueEncoder(path: path, userInfo: encoder.userInfo)
        object.entries.updateValue(.encoder(child), forKey: name)
        return child
    }
}

/// Writes an array's elements, in order.
struct UnkeyedEncoding: UnkeyedEncodingContainer {
    let encoder: ValueEncoder
    let array: EncodedArray
    let path: CodingPath

    var codingPath: [any CodingKey] { path.keys }
    var count: Int { array.elements.count }

    private func append(_ value: JSONValue) {
        array.elements.append(.value(value))
    }

    private func integer(_ value: some BinaryInteger) throws {
        append(try ValueEncoder.integer(value) { path.appending(index: count) })
    }

    mutating func encodeNil() { append(.null) }
    mutating func encode(_ value: Bool) { append(.bool(value)) }
    mutating func encode(_ value: String) { append(.string(value)) }
    mutating func encode(_ value: Double) { append(.double(value)) }
    mutating func encode(_ value: Float) { append(ValueEncoder.float(value)) }
    mutating func encode(_ value: Int) { append(.integer(value)) }
    mutating func encode(_ value: Int8) throws { try integer(value) }
    mutating func encode(_ value: Int16) throws { try integer(value) }
    mutating func encode(_ value: Int32) throws { try integer(value) }
    mutating func encode(_ value: Int64) throws { try integer(value) }
    mutating func encode(_ value: Int128) throws { try integer(value) }
    mutating func encode(_ value: UInt) throws { try integer(value) }
    mutating func encode(_ value: UInt8) throws { try integer(value) }
    mutating func encode(_ value: UInt16) throws { try integer(value) }
    mutating func encode(_ value: UInt32) throws { try integer(value) }
    mutating func encode(_ value: UInt64) throws { try integer(value) }
    mutating func encode(_ value: UInt128) throws { try integer(value) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        array.elements.append(try encoder.node(for: value, at: path.appending(index: count)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = EncodedObject()
        let nestedPath = path.appending(index: count)
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(
            KeyedEncoding<NestedKey>(encoder: encoder, object: nested, path: nestedPath)
        )
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = EncodedArray()
        let nestedPath = path.appending(index: count)
        array.elements.append(.array(nested))
        return UnkeyedEncoding(encoder: encoder, array: nested, path: nestedPath)
    }

    mutating func superEncoder() -> any Encoder {
        let child = ValueEncoder(path: path.appending(index: count), userInfo: encoder.userInfo)
        array.elements.append(.encoder(child))
        return child
    }
}

/// Writes one value: the encoder's whole result.
struct SingleValueEncoding: SingleValueEncodingContainer {
    let encoder: ValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ value: JSONValue) {
        encoder.node = .value(value)
    }

    private func integer(_ value: some BinaryInteger) throws {
        set(try ValueEncoder.integer(value) { encoder.path })
    }

    mutating func encodeNil() { set(.null) }
    mutating func encode(_ value: Bool) { set(.bool(value)) }
    mutating func encode(_ value: String) { set(.string(value)) }
    mutating func encode(_ value: Double) { set(.double(value)) }
    mutating func encode(_ value: Float) { set(ValueEncoder.float(value)) }
    mutating func encode(_ value: Int) { set(.integer(value)) }
    mutating func encode(_ value: Int8) throws { try integer(value) }
    mutating func encode(_ value: Int16) throws { try integer(value) }
    mutating func encode(_ value: Int32) throws { try integer(value) }
    mutating func encode(_ value: Int64) throws { try integer(value) }
    mutating func encode(_ value: Int128) throws { try integer(value) }
    mutating func encode(_ value: UInt) throws { try integer(value) }
    mutating func encode(_ value: UInt8) throws { try integer(value) }
    mutating func encode(_ value: UInt16) throws { try integer(value) }
    mutating func encode(_ value: UInt32) throws { try integer(value) }
    mutating func encode(_ value: UInt64) throws { try integer(value) }
    mutating func encode(_ value: UInt128) throws { try integer(value) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        encoder.node = try encoder.node(for: value, at: encoder.path)
    }
}
