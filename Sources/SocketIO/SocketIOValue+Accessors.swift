// Small accessors for reading a value whose shape you expect: each gives `nil` when the
// value is something else, so `args[0]["user"]?["name"]?.stringValue` reads a path in one
// line.

extension SocketIOValue {
    /// The value for `key` if this is an object that has it, else `nil`.
    public subscript(key: String) -> SocketIOValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }

    /// The element at `index` if this is an array that long, else `nil`.
    public subscript(index: Int) -> SocketIOValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else {
            return nil
        }
        return elements[index]
    }

    /// Whether this is `null`.
    public var isNull: Bool { self == .null }

    /// The Boolean, if this is `true` or `false`.
    public var boolValue: Bool? {
        guard case .bool(let value) = self else { return nil }
        return value
    }

    /// The number as an `Int`, if it is one exactly: an ``integer(_:)``, or a
    /// ``double(_:)`` with no fraction that fits (`3.0` gives 3, `3.5` gives `nil`).
    public var intValue: Int? {
        switch self {
        case .integer(let value): value
        case .double(let value): Int(exactly: value)
        default: nil
        }
    }

    /// The number as a `Double`, if this is a number.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// The string, if this is one.
    public var stringValue: String? {
        guard case .string(let value) = self else { return nil }
        return value
    }

    /// The bytes, if this is ``binary(_:)``.
    public var binaryValue: [UInt8]? {
        guard case .binary(let bytes) = self else { return nil }
        return bytes
    }

    /// The elements, if this is an array.
    public var arrayValue: [SocketIOValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// The object, if this is one.
    public var objectValue: SocketIOObject? {
        guard case .object(let object) = self else { return nil }
        return object
    }
}
