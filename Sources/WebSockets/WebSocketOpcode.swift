/// What a frame carries: a piece of a message, or a control signal (RFC 6455 §5.2).
public enum WebSocketOpcode: UInt8, Sendable, CustomStringConvertible {
    /// `0x0`: the next piece of a fragmented message.
    case continuation = 0x0
    /// `0x1`: the first (or only) piece of a text message, which must be UTF-8.
    case text = 0x1
    /// `0x2`: the first (or only) piece of a binary message.
    case binary = 0x2
    /// `0x8`: the close handshake, with an optional code and reason.
    case close = 0x8
    /// `0x9`: "are you there?"; the peer must answer with a pong.
    case ping = 0x9
    /// `0xA`: the answer to a ping (or an unsolicited heartbeat).
    case pong = 0xA

    /// Control frames (close, ping, pong) are at most 125 bytes and never fragmented, so
    /// they can be sent between the fragments of a long message (RFC 6455 §5.5).
    public var isControl: Bool { rawValue & 0x8 != 0 }

    /// `text`, `ping`, ...
    public var description: String {
        switch self {
        case .continuation: "continuation"
        case .text: "text"
        case .binary: "binary"
        case .close: "close"
        case .ping: "ping"
        case .pong: "pong"
        }
    }
}
