// Literals, so tests and users write MessagePack values as Swift:
//   let packet: MessagePackValue = ["type": 2, "nsp": "/", "data": ["hello", 1.5, nil]]

extension MessagePackValue: ExpressibleByNilLiteral {
    /// `nil` is ``nil``.
    public init(nilLiteral: ()) {
        self = .nil
    }
}

extension MessagePackValue: ExpressibleByBooleanLiteral {
    /// `true` and `false`.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension MessagePackValue: ExpressibleByIntegerLiteral {
    /// An integer literal is an ``int(_:)``.
    public init(integerLiteral value: Int64) {
        self = .int(value)
    }
}

extension MessagePackValue: ExpressibleByFloatLiteral {
    /// A literal with a point or an exponent, such as `1.5`, is a ``float64(_:)``.
    public init(floatLiteral value: Double) {
        self = .float64(value)
    }
}

extension MessagePackValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    /// A string literal, interpolated or not, is a ``string(_:)``.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension MessagePackValue: ExpressibleByArrayLiteral {
    /// An array literal is an ``array(_:)``.
    public init(arrayLiteral elements: MessagePackValue...) {
        self = .array(elements)
    }
}

extension MessagePackValue: ExpressibleByDictionaryLiteral {
    /// A dictionary literal is a ``map(_:)`` with the entries in the literal's order; its
    /// keys are values, so `["a": 1]` has the string key `"a"`.
    public init(dictionaryLiteral elements: (MessagePackValue, MessagePackValue)...) {
        self = .map(MessagePackMap(elements.map { .init(key: $0.0, value: $0.1) }))
    }
}
