/// One value an event carries: JSON, plus binary anywhere inside it.
///
/// Socket.IO events carry what JavaScript's `JSON.stringify` can write *and* binary
/// (`Buffer`, `ArrayBuffer`, typed arrays), at any depth:
///
/// ```swift
/// socket.emit("upload", ["name": "cat.png", "bytes": .binary(png)], 3)
/// ```
///
/// JSON has no binary type, so the wire format takes the bytes out and leaves a
/// placeholder in their place (see ``SocketIOBinaryPlaceholders``); the receiver puts them
/// back. This type is what both ends see: the bytes sit where the sender put them.
///
/// Numbers keep the JSON module's split: an ``integer(_:)`` for a whole number that fits
/// `Int` (an ack id, a count), a ``double(_:)`` for every other number. Objects keep their
/// keys in the order they arrived (``SocketIOObject``), so what the server echoes comes back
/// in the client's order, which the official test suite compares byte for byte.
public indirect enum SocketIOValue: Sendable, Hashable {
    /// `null` (JavaScript's `null`; `undefined` is sent as `null` inside arrays).
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number that fits `Int`.
    case integer(Int)
    /// Any other number.
    case double(Double)
    /// Text.
    case string(String)
    /// Bytes, sent as an attachment beside the packet's JSON.
    case binary([UInt8])
    /// Values in order.
    case array([SocketIOValue])
    /// Keys with values, in order.
    case object(SocketIOObject)
}

extension SocketIOValue {
    /// Whether this value holds binary anywhere, itself included.
    ///
    /// A packet whose data has binary is sent as `BINARY_EVENT` or `BINARY_ACK` (types 5
    /// and 6) with its attachments; one without is a plain `EVENT` or `ACK`. Like
    /// socket.io-parser's `hasBinary`, the search stops at the first bytes it meets.
    public var containsBinary: Bool {
        switch self {
        case .binary: true
        case .array(let elements): elements.contains { $0.containsBinary }
        case .object(let object): object.contains { $0.value.containsBinary }
        case .null, .bool, .integer, .double, .string: false
        }
    }
}
