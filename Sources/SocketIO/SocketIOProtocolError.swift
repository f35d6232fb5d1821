/// Why something a peer sent is not valid Socket.IO.
///
/// The server closes the Engine.IO session that sent it (CONTRACT E.6.2, and the official
/// test suite's "should close the connection upon invalid format" cases): a peer that says
/// something we cannot read may have meant anything, so nothing it sends afterwards can be
/// trusted either. The other sessions never notice.
public enum SocketIOProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An Engine.IO message with nothing in it.
    case emptyPacket
    /// The first character is not a packet type (`0` to `6`).
    case unknownPacketType(String)
    /// A binary packet whose attachment count is missing, not a number, or not followed by
    /// `-`.
    case invalidAttachmentCount(String)
    /// A binary packet announced more attachments than the limit.
    case tooManyAttachments(count: Int, limit: Int)
    /// The attachments of one packet add up to more bytes than the limit.
    case attachmentsTooLarge(limit: Int)
    /// An ack id too large for an integer.
    case invalidAckID(String)
    /// The payload is not JSON, or not the shape its packet type needs.
    case invalidPayload(String)
    /// A placeholder whose `num` names no attachment.
    case invalidPlaceholder(String)
    /// A binary message arrived while no binary packet was waiting for attachments.
    case unexpectedAttachment
    /// A text packet arrived while a binary packet still waited for attachments.
    case missingAttachments(expected: Int, received: Int)
    /// A packet this side never accepts (a CONNECT_ERROR sent to a server, say).
    case unexpectedPacket(String)

    /// A message for logs and tests.
    public var description: String {
        switch self {
        case .emptyPacket: "an empty packet"
        case .unknownPacketType(let found): "unknown packet type \(found.debugDescription)"
        case .invalidAttachmentCount(let found):
            "illegal attachments: \(found.debugDescription) is not a count followed by \"-\""
        case .tooManyAttachments(let count, let limit):
            "\(count) attachments announced, more than the limit of \(limit)"
        case .attachmentsTooLarge(let limit): "attachments larger than \(limit) bytes in all"
        case .invalidAckID(let found): "invalid ack id \(found.debugDescription)"
        case .invalidPayload(let reason): "invalid payload: \(reason)"
        case .invalidPlaceholder(let found): "illegal attachments: placeholder num \(found)"
        case .unexpectedAttachment: "an attachment with no binary packet waiting for it"
        case .missingAttachments(let expected, let received):
            "a text packet while a binary packet waited for attachments (\(received) of \(expected))"
        case .unexpectedPacket(let reason): "unexpected packet: \(reason)"
        }
    }
}
