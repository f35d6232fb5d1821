extension RESPValue {
    /// Whether the value is nil in any of its three forms (`$-1`, `*-1`, `_`).
    public var isNull: Bool {
        switch self {
        case .nullBulkString, .nullArray, .null: true
        default: false
        }
    }

    /// The bytes of a bulk, simple or verbatim string; `nil` for other values.
    public var bytes: [UInt8]? {
        switch self {
        case .bulkString(let bytes): bytes
        case .simpleString(let text): Array(text.utf8)
        case .verbatimString(_, let text): text
        default: nil
        }
    }

    /// The text of a bulk, simple or verbatim string, as UTF-8 (invalid bytes replaced
    /// by U+FFFD); `nil` for other values.
    public var string: String? {
        switch self {
        case .simpleString(let text): text
        case .bulkString(let bytes), .verbatimString(_, let bytes):
            String(decoding: bytes, as: UTF8.self)
        default: nil
        }
    }

    /// The number of an integer reply; `nil` for other values.
    public var integer: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The elements of an array, set or push; `nil` for other values.
    public var elements: [RESPValue]? {
        switch self {
        case .array(let elements), .set(let elements), .push(let elements): elements
        default: nil
        }
    }

    /// The error of a simple or bulk error reply; `nil` for other values.
    public var error: RedisServerError? {
        switch self {
        case .simpleError(let error), .bulkError(let error): error
        default: nil
        }
    }

    /// The value itself, without the attributes the server attached to it.
    public var withoutAttributes: RESPValue {
        if case .attribute(_, let value) = self { return value.withoutAttributes }
        return self
    }
}

extension RESPValue: CustomStringConvertible {
    /// The value as `redis-cli` shows it: `"hello"`, `(integer) 42`, `(nil)`, `1) …`.
    public var description: String {
        switch self {
        case .simpleString(let text): text
        case .simpleError(let error), .bulkError(let error): "(error) \(error.message)"
        case .integer(let value): "(integer) \(value)"
        case .bulkString(let bytes): String(decoding: bytes, as: UTF8.self).debugDescription
        case .nullBulkString, .nullArray, .null: "(nil)"
        case .boolean(let value): "(\(value))"
        case .double(let value): "(double) \(value)"
        case .bigNumber(let digits): "(big number) \(digits)"
        case .verbatimString(let format, let text):
            "(\(format)) \(String(decoding: text, as: UTF8.self).debugDescription)"
        case .array(let elements), .set(let elements), .push(let elements):
            elements.isEmpty
                ? "(empty)"
                : "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries):
            "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        case .attribute(let attributes, let value):
            "\(value) |" + attributes.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        }
    }
}
