// Small accessors for reading a value whose shape you expect: each gives `nil` when the
// value is something else, so `packet["data"]?[0]?.stringValue` reads a path in one line.

extension MessagePackValue {
    /// The value for the string `key` if this is a map that has it, else `nil`.
    public subscript(key: String) -> MessagePackValue? {
        guard case .map(let map) = self else { return nil }
        return map[key]
    }

    /// The element at `index` if this is an array that long, else `nil`.
    public subscript(index: Int) -> MessagePackValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else {
            return nil
        }
        return elements[index]
    }

    /// Whether this is ``nil``.
    public var isNil: Bool {
        if case .nil = self { return true }
        return false
    }

    /// The Boolean, if this is `true` or `false`.
    public var boolValue: Bool? {
        guard case .bool(let value) = self else { return nil }
        return value
    }

    /// The integer as an `Int64`, if this is an integer that fits.
    public var int64Value: Int64? {
        switch self {
        case .int(let value): value
        case .uint(let value): Int64(exactly: value)
        default: nil
        }
    }

    /// The integer as a `UInt64`, if this is an integer that is not negative.
    public var uint64Value: UInt64? {
        switch self {
        case .int(let value): UInt64(exactly: value)
        case .uint(let value): value
        default: nil
        }
    }

    /// The integer as an `Int`, if this is an integer that fits; floats give `nil`, even
    /// `3.0` (see ``MessagePackEncodingOptions/wholeFloatsAsIntegers`` for why a JavaScript
    /// peer never sends one).
    public var intValue: Int? {
        int64Value.flatMap { Int(exactly: $0) }
    }

    /// The number as a `Double`, if this is a float or an integer (a large integer may be
    /// rounded).
    public var doubleValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .uint(let value): Double(value)
        case .float32(let value): Double(value)
        case .float64(let value): value
        default: nil
        }
    }

    /// The string, if this is one.
    public var stringValue: String? {
        guard case .string(let value) = self else { return nil }
        return value
    }

    /// The bytes, if this is binary.
    public var binaryValue: [UInt8]? {
        guard case .binary(let value) = self else { return nil }
        return value
    }

    /// The elements, if this is an array.
    public var arrayValue: [MessagePackValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// The map, if this is one.
    public var mapValue: MessagePackMap? {
        guard case .map(let map) = self else { return nil }
        return map
    }

    /// The extension's type and bytes, if this is one.
    public var extensionValue: (type: Int8, data: [UInt8])? {
        guard case .extension(let type, let data) = self else { return nil }
        return (type, data)
    }
}
