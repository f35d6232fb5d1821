// Literals, so events read like the JavaScript that sends them:
//   socket.emit("message", 1, "2", ["3": [true]])

extension SocketIOValue: ExpressibleByNilLiteral {
    /// `nil` is `null`.
    public init(nilLiteral: ()) {
        self = .null
    }
}

extension SocketIOValue: ExpressibleByBooleanLiteral {
    /// `true` and `false`.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension SocketIOValue: ExpressibleByIntegerLiteral {
    /// An integer literal is an ``integer(_:)``.
    public init(integerLiteral value: Int) {
        self = .integer(value)
    }
}

extension SocketIOValue: ExpressibleByFloatLiteral {
    /// A literal with a point or an exponent, such as `1.5`, is a ``double(_:)``.
    public init(floatLiteral value: Double) {
        self = .double(value)
    }
}

extension SocketIOValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    /// A string literal, interpolated or not, is a ``string(_:)``.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension SocketIOValue: ExpressibleByArrayLiteral {
    /// An array literal is an ``array(_:)``.
    public init(arrayLiteral elements: SocketIOValue...) {
        self = .array(elements)
    }
}

extension SocketIOValue: ExpressibleByDictionaryLiteral {
    /// A dictionary literal is an ``object(_:)`` with the keys in the literal's order.
    public init(dictionaryLiteral elements: (String, SocketIOValue)...) {
        self = .object(SocketIOObject(elements))
    }
}
