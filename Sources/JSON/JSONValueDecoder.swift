/// Decodes `Decodable` values straight from ``JSONValue``: no text in between.
///
/// The rules mirror ``JSONValueEncoder``'s, and Foundation's `JSONDecoder` where it has
/// one:
/// - An integer type accepts a number that it can hold exactly: `300` is an error for
///   `UInt8`, and so is `1.5` for `Int`; `2.0` is fine for `Int`.
/// - `Double` and `Float` accept any number (a `Float` errs if the number is finite but
///   beyond its range).
/// - `null` for a non-optional value is `DecodingError.valueNotFound`; a missing key is
///   `keyNotFound`, unless the property is optional (`decodeIfPresent`).
/// - Every error carries the coding path, such as `users[2].age`, and says what it found.
/// - `[UInt8]` and `Data` are read from arrays of numbers, as they are written.
public struct JSONValueDecoder: Sendable {
    /// Values the types being decoded can read from `decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// A decoder.
    ///
    /// - Parameter userInfo: Values for `decoder.userInfo`.
    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.userInfo = userInfo
    }

    /// Decodes a value of type `type` from `value`.
    ///
    /// - Parameters:
    ///   - type: The type to decode.
    ///   - value: The JSON value.
    /// - Returns: The decoded value.
    /// - Throws: `DecodingError` with the coding path where the value did not fit, and
    ///   whatever `type`'s `init(from:)` throws.
    public func decode<Value: Decodable>(_ type: Value.Type, from value: JSONValue) throws
        -> Value
    {
        let decoder = ValueDecoder(value: value, path: .root, userInfo: userInfo)
        return try decoder.decode(value, at: .root, as: Value.self)
    }
}

/// The `Decoder` handed to `init(from:)`: the value being decoded, and where it is.
///
/// One instance serves a whole decode, as Foundation's does: to decode a nested value it
/// stands for that value (``decode(_:at:as:)``) and afterwards for its parent again, so
/// that no decoder is made per value. A class, because `init(from:)` receives it as
/// `any Decoder`, and a reference fits there without a box of its own.
final class ValueDecoder: Decoder {
    private(set) var value: JSONValue
    private(set) var path: CodingPath
    let userInfo: [CodingUserInfoKey: Any]

    init(value: JSONValue, path: CodingPath, userInfo: [CodingUserInfoKey: Any]) {
        self.value = value
        self.path = path
        self.userInfo = userInfo
    }

    var codingPath: [any CodingKey] { path.keys }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else {
            throw Unbox.mismatch([String: JSONValue].self, value, path, expected: "an object")
        }
        return KeyedDecodingContainer(KeyedDecoding(object: object, path: path, decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw Unbox.mismatch([JSONValue].self, value, path, expected: "an array")
        }
        return UnkeyedDecoding(elements: elements, path: path, decoder: self)
    }

    func singleValueContainer() -> any SingleValueDecodingContainer {
        SingleValueDecoding(value: value, path: path, decoder: self)
    }

    // snippet: decoder-nested-value
    /// Decodes `value`, found at `path`, as `Value`; a ``JSONValue`` is taken as it is.
    func decode<Value: Decodable>(_ value: JSONValue, at path: CodingPath, as type: Value.Type)
        throws -> Value
    {
        if Value.self == JSONValue.self, let json = value as? Value { return json }
        let (parentValue, parentPath) = (self.value, self.path)
        (self.value, self.path) = (value, path)
        defer { (self.value, self.path) = (parentValue, parentPath) }
        return try Value(from: self)
    }
    // end-snippet

    /// A decoder of its own for `value`, for `superDecoder()`: its caller may keep it.
    func separateDecoder(for value: JSONValue, at path: CodingPath) -> ValueDecoder {
        ValueDecoder(value: value, path: path, userInfo: userInfo)
    }
}

/// Turning one JSON value into one Swift primitive, or into the error that says why not.
///
/// The path is a closure so that it is only built when there is an error to report.
enum Unbox {
    static func bool(_ value: JSONValue, _ path: () -> CodingPath) throws -> Bool {
        guard case .bool(let bool) = value else { throw mismatch(Bool.self, value, path()) }
        return bool
    }

    static func string(_ value: JSONValue, _ path: () -> CodingPath) throws -> String {
        guard case .string(let string) = value else {
            throw mismatch(String.self, value, path())
        }
        return string
    }

    static func double(_ value: JSONValue, _ path: () -> CodingPath) throws -> Double {
        switch value {
        case .double(let double): return double
        case .integer(let integer): return Double(integer)
        default: throw mismatch(Double.self, value, path())
        }
    }

    static func float(_ value: JSONValue, _ path: () -> CodingPath) throws -> Float {
        let double = try Self.double(value, path)
        let float = Float(double)
        guard float.isFinite || !double.isFinite else {
            throw corrupted("the number \(double) does not fit in Float", path())
        }
        return float
    }

    static func integer<Value: FixedWidthInteger>(
        _ value: JSONValue,
        as type: Value.Type,
        _ path: () -> CodingPath
    ) throws -> Value {
        switch value {
        case .integer(let integer):
            guard let exact = Value(exactly: integer) else {
                throw corrupted("the number \(integer) does not fit in \(Value.self)", path())
            }
            return exact
        case .double(let double):
            guard let exact = Value(exactly: double) else {
                throw corrupted("the number \(double) is not a \(Value.self)", path())
            }
            return exact
        default:
            throw mismatch(Value.self, value, path())
        }
    }

    /// `valueNotFound` for `null`, `typeMismatch` for anything else.
    static func mismatch<Expected>(
        _ type: Expected.Type,
        _ value: JSONValue,
        _ path: CodingPath,
        expected: String? = nil
    ) -> DecodingError {
        let wanted = expected ?? "\(Expected.self)"
        let description = "expected \(wanted) but found \(describeKind(value))"
        let context = DecodingError.Context(codingPath: path.keys, debugDescription: description)
        if case .null = value { return .valueNotFound(Expected.self, context) }
        return .typeMismatch(Expected.self, context)
    }

    static func corrupted(_ description: String, _ path: CodingPath) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: path.keys, debugDescription: description))
    }
}
