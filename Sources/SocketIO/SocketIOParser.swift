import EngineIO

/// Turns packets into Engine.IO messages and back: the JavaScript server's `parser`
/// option.
///
/// A parser is a pure codec, bytes in and packets out, with no sockets; so the same one
/// serves the server and the client, and tests drive it with strings. The server picks
/// one for all its connections (the client must speak the same): ``SocketIOJSONParser``,
/// the default, writes the text form of the protocol's Readme; a msgpack parser writes
/// each packet as one binary message.
///
/// Encoding is stateless and happens once per packet, even for a broadcast to thousands
/// of sockets: the messages it returns are written to each of them. Decoding has state
/// (a binary packet waits for its attachments, which arrive as messages of their own), so
/// each Engine.IO session gets its own decoder.
public protocol SocketIOParser: Sendable {
    /// The messages that carry `packet`: for the JSON parser, one text message, then one
    /// binary message per attachment.
    ///
    /// - Parameter packet: The packet; an EVENT or ACK whose data holds binary is written
    ///   as BINARY_EVENT or BINARY_ACK.
    /// - Returns: The messages, to be sent in order.
    func encode(_ packet: SocketIOPacket) -> [EngineIOMessage]

    /// A decoder for one Engine.IO session.
    func makeDecoder() -> any SocketIOPacketDecoder
}

/// Reads one session's messages back into packets.
public protocol SocketIOPacketDecoder {
    /// Feeds one Engine.IO message.
    ///
    /// - Parameter message: The next message, text or binary, as it arrived.
    /// - Returns: A packet when one is complete; `nil` while a binary packet waits for
    ///   more attachments.
    /// - Throws: ``SocketIOProtocolError`` for anything that is not a packet; the session
    ///   cannot go on after that.
    mutating func decode(_ message: EngineIOMessage) throws(SocketIOProtocolError)
        -> SocketIOPacket?
}
