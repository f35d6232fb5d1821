/// A MessagePack value: one of the types of the MessagePack specification's type system.
///
/// MessagePack (https://github.com/msgpack/msgpack/blob/master/spec.md) is JSON's data
/// model written in binary, plus three things JSON lacks: raw bytes (``binary(_:)``), map
/// keys of any type, and application-defined ``extension(type:data:)`` values. Every value
/// starts with one byte that says its format; an integer below 128 *is* that byte, and a
/// string or array says its length up front, so a reader never scans for a closing quote
/// or bracket.
///
/// The spec has one Integer type, stored in one of ten formats, and one Float type, stored
/// in two. We keep the cases a Swift program needs to hold any of them exactly: ``int(_:)``
/// for every integer from `Int64.min` to `Int64.max`, ``uint(_:)`` for the ones above that
/// (up to `UInt64.max`), ``float32(_:)`` and ``float64(_:)``. The decoder gives `.int`
/// for every integer that fits `Int64`, whatever format it came in; `.uint` only above.
///
/// Equality follows the spec's types, not the cases: `.int(5) == .uint(5)`, and
/// `.float32(0.5) == .float64(0.5)` (a `Float` is compared by its exact `Double` value). An
/// integer never equals a float: `1` and `1.0` are different values, written differently.
/// Maps are equal with the same entries in the same order.
///
/// ```swift
/// let event: MessagePackValue = ["type": 2, "nsp": "/", "data": ["hello", "you"]]
/// event["data"]?[0]?.stringValue  // "hello"
/// event.encoded()                 // 83 a4 74 79 70 65 02 a3 6e 73 70 a1 2f a4 64 61 …
/// ```
public enum MessagePackValue: Sendable {
    /// Nil, the spec's name for JSON's `null` (format `0xc0`).
    case `nil`
    /// `true` or `false`.
    case bool(Bool)
    /// An integer that fits `Int64`.
    case int(Int64)
    /// An integer, usually one above `Int64.max` (the decoder uses ``int(_:)`` for the rest).
    case uint(UInt64)
    /// An IEEE 754 single-precision float (format float 32).
    case float32(Float)
    /// An IEEE 754 double-precision float (format float 64), what every JavaScript number
    /// with a fraction becomes.
    case float64(Double)
    /// A string: Unicode text, UTF-8 on the wire (the decoder refuses bytes that are not).
    case string(String)
    /// Raw bytes: a Node.js `Buffer` or a browser's `ArrayBuffer` in Socket.IO.
    case binary([UInt8])
    /// An array of values, in order.
    case array([MessagePackValue])
    /// A map: keys and values, in order; keys are values too, usually strings.
    case map(MessagePackMap)
    /// An application-defined type: a number from -128 to 127 (the spec reserves the
    /// negative ones for its own types, such as -1 for timestamps) and its bytes.
    case `extension`(type: Int8, data: [UInt8])
}
