/// One argument of a Redis command: any bytes, written as a RESP bulk string.
///
/// Redis commands are arrays of bulk strings, and a bulk string is length-prefixed, so an
/// argument may hold any byte (CR, LF, NUL, invalid UTF-8): nothing is escaped or quoted.
/// Numbers are sent as their decimal text, which is what Redis expects (`INCRBY k 5`).
/// String literals, interpolations and integer literals become arguments directly:
///
/// ```swift
/// try await redis.send("SET", "user:\(id)", RedisArgument(bytes: avatar), "EX", 60)
/// ```
public struct RedisArgument: Hashable, Sendable, ExpressibleByStringInterpolation,
    ExpressibleByIntegerLiteral, CustomStringConvertible
{
    /// The bytes sent.
    public var bytes: [UInt8]

    /// An argument holding `bytes` as they are.
    ///
    /// - Parameter bytes: Any bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// An argument holding `text` as UTF-8.
    ///
    /// - Parameter text: The text.
    public init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// An argument holding `number` in decimal.
    ///
    /// - Parameter number: The number.
    public init(_ number: some BinaryInteger) {
        self.bytes = Array(String(number).utf8)
    }

    /// An argument holding `number` as Redis reads floating-point arguments (`INCRBYFLOAT`).
    ///
    /// - Parameter number: The number; infinities are sent as `inf` and `-inf`.
    public init(_ number: Double) {
        let text =
            number.isInfinite ? (number < 0 ? "-inf" : "inf") : number.description
        self.bytes = Array(text.utf8)
    }

    /// An argument from a string literal.
    ///
    /// - Parameter value: The literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// An argument from an integer literal.
    ///
    /// - Parameter value: The literal.
    public init(integerLiteral value: Int) {
        self.init(value)
    }

    /// The argument as text, for logs (invalid UTF-8 shown as U+FFFD).
    public var description: String { String(decoding: bytes, as: UTF8.self) }
}
