/// A JSON value, as RFC 8259 §3 defines it, with integers kept apart from doubles.
///
/// JSON has one kind of number; JavaScript reads every one of them as a 64-bit double. We
/// keep two: a number written without a fraction or an exponent that fits `Int` is an
/// ``integer(_:)``, every other number is a ``double(_:)``. So a session id counter, a
/// packet id or a `pingInterval` of `25000` stays an exact `Int`, and `1.5` stays a
/// `Double`. A huge integer such as `1e400` or `123456789012345678901234567890` becomes a
/// `Double` (rounded), as it would in JavaScript.
///
/// Objects keep their keys in the order they arrived (see ``JSONObject``), so what we
/// parse and write back comes out in the same order.
///
/// Two values are equal when they are the same case with equal payloads: `.integer(1)` and
/// `.double(1)` are different values (they are written differently, `1` and `1.0`), and two
/// objects are equal only with the same keys in the same order.
///
/// ```swift
/// let open: JSONValue = ["sid": "abc", "upgrades": ["websocket"], "pingInterval": 25000]
/// open["pingInterval"]?.intValue  // 25000
/// open.description                // {"sid":"abc","upgrades":["websocket"],"pingInterval":25000}
/// ```
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number without fraction or exponent that fits `Int`, such as `42` or `-7`.
    case integer(Int)
    /// Any other number, such as `1.5`, `1e3` or `-0.0`; also a huge integer.
    case double(Double)
    /// A string, Unicode text (never a lone surrogate: Swift strings cannot hold one).
    case string(String)
    /// An array of values, in order.
    case array([JSONValue])
    /// An object: keys with values, in the order they were added.
    case object(JSONObject)
}
