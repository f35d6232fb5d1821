// The three kinds of container `init(from:)` reads from. As in the encoder, the protocols
// ask for one method per primitive type; each is one call into `Unbox`.

/// Reads an object's members by key.
///
/// A class: the standard library's `KeyedDecodingContainer` keeps it in a box and copies it
/// for every call, and copying one reference is cheaper than copying the fields.
final class KeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let path: CodingPath
    let decoder: ValueDecoder

    init(object: JSONObject, path: CodingPath, decoder: ValueDecoder) {
        self.object = object
        self.path = path
        self.decoder = decoder
    }

    var codingPath: [any CodingKey] { path.keys }
    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    private func value(_ key: Key) throws -> JSONValue {
        guard let value = object[key.stringValue] else {
            let context = DecodingError.Context(
                codingPath: path.keys,
                debugDescription: "no member \"\(key.stringValue)\" in the object"
            )
            throw DecodingError.keyNotFound(key, context)
        }
        return value
    }

    private func integer<Value: FixedWidthInteger>(_ type: Value.Type, _ key: Key) throws -> Value {
        try Unbox.integer(value(key), as: Value.self) { path.appending(key) }
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try Unbox.bool(value(key)) { path.appending(key) }
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try Unbox.string(value(key)) { path.appending(key) }
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try Unbox.double(value(key)) { path.appending(key) }
    }

    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try Unbox.float(value(key)) { path.appending(key) }
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, key) }
    func decode(_ type: Int128.Type, forKey key: Key) throws -> Int128 { try integer(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }
    func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 {
        try integer(type, key)
    }

    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try decoder.decode(value(key), at: path.appending(key), as: Value.self)
    }

    /// One lookup instead of the default's three (`contains`, `decodeNil`, `decode`).
    func decodeIfPresent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        guard let value = object[key.stringValue], value != .null else { return nil }
        return try decoder.decode(value, at: path.appending(key), as: Value.self)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.separateDecoder(for: value(key), at: path.appending(key))
            .container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.separateDecoder(for: value(key), at: path.appending(key))
            .unkeyedContainer()
    }

    /// A decoder for the member `super` (`null` if there is none), as Foundation's has.
    func superDecoder() throws -> any Decoder {
        let name = JSONCodingKey.superKey.stringValue
        return decoder.separateDecoder(for: object[name] ?? .null, at: path.appending(key: name))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.separateDecoder(for: object[key.stringValue] ?? .null, at: path.appending(key))
    }
}

/// Reads an array's elements in order; an element is consumed only once it decoded.
struct UnkeyedDecoding: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let arrayPath: CodingPath
    let decoder: ValueDecoder
    private(set) var currentIndex = 0

    init(elements: [JSONValue], path: CodingPath, decoder: ValueDecoder) {
        self.elements = elements
        self.arrayPath = path
        self.decoder = decoder
    }

    var codingPath: [any CodingKey] { arrayPath.keys }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private var path: CodingPath { arrayPath.appending(index: currentIndex) }

    /// The next element, for a value of type `Value`, without consuming it.
    private func next<Value>(_ type: Value.Type) throws -> JSONValue {
        guard !isAtEnd else {
            let context = DecodingError.Context(
                codingPath: path.keys,
                debugDescription: "the array has only \(elements.count) elements"
            )
            throw DecodingError.valueNotFound(Value.self, context)
        }
        return elements[currentIndex]
    }

    /// Decodes the next element with `unbox`, and consumes it if that worked.
    private mutating func decodeNext<Value>(
        _ type: Value.Type,
        _ unbox: (JSONValue, () -> CodingPath) throws -> Value
    ) throws -> Value {
        let decoded = try unbox(next(Value.self)) { path }
        currentIndex += 1
        return decoded
    }

    private mutating func integer<Value: FixedWidthInteger>(_ type: Value.Type) throws -> Value {
        try decodeNext(type) { try Unbox.integer($0, as: Value.self, $1) }
    }

    mutating func decodeNil() throws -> Bool {
        guard try next(JSONValue.self) == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try decodeNext(type, Unbox.bool) }
    mutating func decode(_ type: String.Type) throws -> String {
        try decodeNext(type, Unbox.string)
    }
    mutating func decode(_ type: Double.Type) throws -> Double {
        try decodeNext(type, Unbox.double)
    }
    mutating func decode(_ type: Float.Type) throws -> Float { try decodeNext(type, Unbox.float) }
    mutating func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    mutating func decode(_ type: Int128.Type) throws -> Int128 { try integer(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    mutating func decode(_ type: UInt128.Type) throws -> UInt128 { try integer(type) }

    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        let decoder = decoder
        return try decodeNext(type) { value, path in
            try decoder.decode(value, at: path(), as: Value.self)
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let decoder = decoder
        return try decodeNext(KeyedDecodingContainer<NestedKey>.self) { value, path in
            try decoder.separateDecoder(for: value, at: path()).container(keyedBy: type)
        }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let decoder = decoder
        return try decodeNext((any UnkeyedDecodingContainer).self) { value, path in
            try decoder.separateDecoder(for: value, at: path()).unkeyedContainer()
        }
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = decoder
        return try decodeNext((any Decoder).self) { value, path in
            decoder.separateDecoder(for: value, at: path())
        }
    }
}

/// Reads the decoder's one value.
struct SingleValueDecoding: SingleValueDecodingContainer {
    let value: JSONValue
    let path: CodingPath
    let decoder: ValueDecoder

    var codingPath: [any CodingKey] { path.keys }

    private func integer<Value: FixedWidthInteger>(_ type: Value.Type) throws -> Value {
        try Unbox.integer(value, as: Value.self) { path }
    }

    func decodeNil() -> Bool { value == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try Unbox.bool(value) { path } }
    func decode(_ type: String.Type) throws -> String { try Unbox.string(value) { path } }
    func decode(_ type: Double.Type) throws -> Double { try Unbox.double(value) { path } }
    func decode(_ type: Float.Type) throws -> Float { try Unbox.float(value) { path } }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: Int128.Type) throws -> Int128 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode(_ type: UInt128.Type) throws -> UInt128 { try integer(type) }

    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try decoder.decode(value, at: path, as: Value.self)
    }
}
