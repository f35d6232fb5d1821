/// Encodes `Encodable` values straight into ``JSONValue``: no text in between.
///
/// Swift's `Codable` describes a type once (`encode(to:)`, usually written by the
/// compiler) and lets an *encoder* decide the format. This one builds a `JSONValue` tree,
/// which the writer turns into bytes, or which a Socket.IO packet carries as its data.
///
/// - Keyed containers become objects with the keys in the order they were encoded; a
///   compiler-written `encode(to:)` encodes a struct's properties in declaration order,
///   so that is the order of the keys. `encodeIfPresent` with `nil` leaves the key out.
/// - Every integer type becomes ``JSONValue/integer(_:)``; a `UInt64` (or `UInt`,
///   `UInt128`, `Int128`) too large for `Int` is an `EncodingError`, never rounded.
/// - `Float` and `Double` become ``JSONValue/double(_:)`` (a `Float` by its shortest
///   decimal form, so `Float(0.1)` is `0.1`, not `0.10000000149011612`). NaN and the
///   infinities are kept; the writer prints them as `null`.
/// - Types keep their own `Codable` conformance: `[UInt8]` and Foundation's `Data` are
///   arrays of numbers (`[104,105]`), not base64 as `JSONEncoder` makes `Data`; a
///   `Date` is its own `Double` of seconds since 2001. Socket.IO sends binary as
///   attachments, not inside JSON, so no byte strategy is needed.
/// - A ``JSONValue`` inside an encoded value is taken as it is.
public struct JSONValueEncoder: Sendable {
    /// Values the types being encoded can read from `encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// An encoder.
    ///
    /// - Parameter userInfo: Values for `encoder.userInfo`.
    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.userInfo = userInfo
    }

    /// Encodes `value` as a JSON value.
    ///
    /// - Parameter value: The value.
    /// - Returns: Its JSON form.
    /// - Throws: `EncodingError.invalidValue` for an integer that does not fit `Int`, or a
    ///   value that encodes nothing at all; and whatever `value`'s `encode(to:)` throws.
    public func encode<Value: Encodable>(_ value: Value) throws -> JSONValue {
        if let json = value as? JSONValue { return json }
        let encoder = ValueEncoder(path: .root, userInfo: userInfo)
        try value.encode(to: encoder)
        guard let node = encoder.node else {
            let context = EncodingError.Context(
                codingPath: [],
                debugDescription: "\(Value.self) did not encode any value"
            )
            throw EncodingError.invalidValue(value, context)
        }
        return node.resolved()
    }
}

/// An object the encoder is still filling: nested containers and super encoders keep
/// adding to it after their parent handed it out, so it is a class.
final class EncodedObject {
    var entries = OrderedEntries<EncodedNode>()
}

/// An array the encoder is still filling.
final class EncodedArray {
    var elements: [EncodedNode] = []
}

/// A value being encoded: finished, or a container (or super encoder) still open.
enum EncodedNode {
    case value(JSONValue)
    case object(EncodedObject)
    case array(EncodedArray)
    case encoder(ValueEncoder)  // a super encoder: its value is whatever it ends up with

    /// The finished value, once encoding is over.
    func resolved() -> JSONValue {
        switch self {
        case .value(let value): value
        case .object(let object):
            .object(JSONObject(storage: object.entries.mapValues { $0.resolved() }))
        case .array(let array): .array(array.elements.map { $0.resolved() })
        case .encoder(let encoder): encoder.node?.resolved() ?? .object(JSONObject())
        }
    }
}

/// The `Encoder` handed to `encode(to:)`: one per value that has its own `encode(to:)`.
///
/// Not `Sendable`, and never shared: it lives for one call of ``JSONValueEncoder/encode(_:)``.
final class ValueEncoder: Encoder {
    let path: CodingPath
    let userInfo: [CodingUserInfoKey: Any]
    var node: EncodedNode?  // what was encoded so far; `nil` until something is

    init(path: CodingPath, userInfo: [CodingUserInfoKey: Any]) {
        self.path = path
        self.userInfo = userInfo
    }

    var codingPath: [any CodingKey] { path.keys }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: EncodedObject
        if case .object(let existing) = node {
            object = existing  // asked twice: the same object, as Foundation's encoder does
        } else {
            object = EncodedObject()
            node = .object(object)
        }
        return KeyedEncodingContainer(KeyedEncoding(encoder: self, object: object, path: path))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: EncodedArray
        if case .array(let existing) = node {
            array = existing
        } else {
            array = EncodedArray()
            node = .array(array)
        }
        return UnkeyedEncoding(encoder: self, array: array, path: path)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueEncoding(encoder: self)
    }

    /// Encodes a value that sits at `path`; a value that encodes nothing becomes `{}`.
    func node<Value: Encodable>(for value: Value, at path: CodingPath) throws -> EncodedNode {
        if Value.self == JSONValue.self, let json = value as? JSONValue { return .value(json) }
        let child = ValueEncoder(path: path, userInfo: userInfo)
        try value.encode(to: child)
        return child.node ?? .value(.object(JSONObject()))
    }

    /// An integer of any width as ``JSONValue/integer(_:)``, or an error if `Int` cannot
    /// hold it.
    static func integer<Value: BinaryInteger>(_ value: Value, at path: () -> CodingPath) throws
        -> JSONValue
    {
        guard let exact = Int(exactly: value) else {
            let context = EncodingError.Context(
                codingPath: path().keys,
                debugDescription: "\(Value.self) \(value) does not fit in Int, JSON's integers"
            )
            throw EncodingError.invalidValue(value, context)
        }
        return .integer(exact)
    }

    /// A `Float` by its shortest decimal form, so that `0.1` stays `0.1`.
    static func float(_ value: Float) -> JSONValue {
        .double(Double(value.description) ?? Double(value))
    }
}
