/// Why bytes from a peer are not valid Engine.IO; the session that sent them is closed.
public enum EngineIOProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A packet with nothing in it, not even a type digit.
    case emptyPacket
    /// The first character is not a packet type (`0` to `6`).
    case unknownPacketType(UInt8)
    /// Text that is not valid UTF-8.
    case invalidUTF8
    /// A `b` packet whose base64 does not decode.
    case invalidBase64
    /// The open packet's handshake is not the JSON object it should be.
    case invalidHandshake(String)
    /// A packet the receiver never expects from this side (a client's `open`, say).
    case unexpectedPacket(EngineIOPacketType)

    /// A message for logs and tests.
    public var description: String {
        switch self {
        case .emptyPacket: "an empty packet"
        case .unknownPacketType(let byte):
            "unknown packet type \(String(decoding: [byte], as: UTF8.self).debugDescription)"
        case .invalidUTF8: "text that is not valid UTF-8"
        case .invalidBase64: "a binary packet whose base64 does not decode"
        case .invalidHandshake(let reason): "invalid handshake: \(reason)"
        case .unexpectedPacket(let type): "unexpected \(type) packet"
        }
    }
}
