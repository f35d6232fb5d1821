import WebSockets

// snippet: packet-coding
/// Turns one packet into what a transport carries, and back: the packet codec.
///
/// A packet has two forms on the wire, one per transport:
///
/// ```
///   packet                     WebSocket message              polling form (in a payload)
///   ─────────────────────────  ─────────────────────────────  ──────────────────────────
///   .message(.text("hello"))   text   "4hello"                "4hello"
///   .ping("probe")             text   "2probe"                "2probe"
///   .message(.binary(bytes))   binary, the bytes as they are  "b" + base64 of the bytes
/// ```
///
/// A WebSocket frames each message and says whether it is text or binary, so a binary
/// message travels as it is. A polling payload is text, several packets to one HTTP body,
/// so bytes travel as base64 behind a `b`. Everything else is the same text on both.
///
/// The layer asks its ``EngineIOParts`` for the codec each time it sends or receives a
/// packet, so the codec can be replaced: the library uses its own, and the course's
/// exercise 12.2 plugs in the learner's.
public protocol EngineIOPacketCoding: Sendable {
    /// The packet as one WebSocket message.
    ///
    /// - Parameter packet: Any packet.
    /// - Returns: A binary message for a binary message packet, text for the rest.
    func webSocketMessage(for packet: EngineIOPacket) -> WebSocketMessage

    /// Reads the packet one WebSocket message carries.
    ///
    /// - Parameter message: One message from the peer.
    /// - Returns: The packet.
    /// - Throws: ``EngineIOProtocolError`` if the message is not a packet.
    func packet(from message: WebSocketMessage) throws(EngineIOProtocolError) -> EngineIOPacket

    /// Appends the packet's polling form to a payload being built.
    ///
    /// - Parameters:
    ///   - packet: Any packet.
    ///   - payload: The bytes so far; the packet's form goes at the end, with no separator.
    func appendPollingForm(of packet: EngineIOPacket, to payload: inout [UInt8])

    /// Reads one packet's polling form: the bytes between two separators of a payload.
    ///
    /// - Parameter bytes: The packet's bytes, without separators.
    /// - Returns: The packet.
    /// - Throws: ``EngineIOProtocolError`` if the bytes are not a packet.
    func packet(fromPollingForm bytes: ArraySlice<UInt8>) throws(EngineIOProtocolError)
        -> EngineIOPacket
}
// end-snippet
