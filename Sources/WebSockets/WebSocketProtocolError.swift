/// Why a WebSocket connection is failed, and the close code that says so (RFC 6455 §7.4).
public enum WebSocketProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One of the RSV1–3 bits is set, but no extension that defines it was negotiated.
    case reservedBitsSet
    /// The opcode is not one RFC 6455 defines (3–7 and 0xB–0xF are reserved).
    case unknownOpcode(UInt8)
    /// A close, ping or pong frame without the FIN bit: control frames cannot be fragmented.
    case fragmentedControlFrame
    /// A control frame with more than 125 bytes of payload.
    case controlFrameTooLong(Int)
    /// A client sent an unmasked frame; clients must mask every frame (§5.1).
    case unmaskedClientFrame
    /// A server sent a masked frame; servers must not (§5.1).
    case maskedServerFrame
    /// A 64-bit length with its most significant bit set (§5.2).
    case invalidLength
    /// A continuation frame arrived with no fragmented message to continue.
    case unexpectedContinuation
    /// A new text or binary frame arrived while a fragmented message was unfinished.
    case expectedContinuation
    /// A text message (or a close reason) is not valid UTF-8.
    case invalidUTF8
    /// A close frame with a one-byte payload, which cannot hold a code.
    case invalidClosePayload
    /// A close code no endpoint may send (such as 1005, 1006, or anything below 1000).
    case invalidCloseCode(UInt16)
    /// A frame larger than the configured limit.
    case frameTooLarge(limit: Int)
    /// A message larger than the configured limit.
    case messageTooLarge(limit: Int)

    /// The close code to fail the connection with: 1007 for bad UTF-8, 1009 for too
    /// large, 1002 for every other protocol violation.
    public var closeCode: WebSocketCloseCode {
        switch self {
        case .invalidUTF8: .invalidPayloadData
        case .frameTooLarge, .messageTooLarge: .messageTooBig
        default: .protocolError
        }
    }

    /// A message for logs and for the close frame's reason.
    public var description: String {
        switch self {
        case .reservedBitsSet: "reserved bits set without an extension"
        case .unknownOpcode(let opcode): "unknown opcode \(opcode)"
        case .fragmentedControlFrame: "fragmented control frame"
        case .controlFrameTooLong(let length): "control frame of \(length) bytes (limit 125)"
        case .unmaskedClientFrame: "client frame not masked"
        case .maskedServerFrame: "server frame masked"
        case .invalidLength: "invalid 64-bit length"
        case .unexpectedContinuation: "continuation without a message to continue"
        case .expectedContinuation: "new message before the fragmented one ended"
        case .invalidUTF8: "invalid UTF-8 in text"
        case .invalidClosePayload: "close frame with a one-byte payload"
        case .invalidCloseCode(let code): "invalid close code \(code)"
        case .frameTooLarge(let limit): "frame larger than \(limit) bytes"
        case .messageTooLarge(let limit): "message larger than \(limit) bytes"
        }
    }
}
