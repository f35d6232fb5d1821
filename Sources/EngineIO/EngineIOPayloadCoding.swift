// snippet: payload-coding
/// Joins packets into one HTTP body and splits a body into packets: the payload codec.
///
/// A long-polling client gets whatever the server has buffered in one `GET` response,
/// and sends whatever it has queued in one `POST`. Version 4 of the protocol puts the
/// packets' polling forms one after another, separated by the ASCII record separator, a
/// byte that cannot appear in JSON or in base64 text:
///
/// ```
///   4hello␞4world␞bAQID        ␞ is 0x1E
///   ──────  ──────  ─────
///   message message binary message (b + base64 of 01 02 03)
/// ```
///
/// (Version 3 prefixed each packet with its length counted in UTF-16 code units, which
/// every implementation got wrong somewhere; the separator ended that.)
///
/// A payload codec leaves each packet to the packet codec it is given, so the two can be
/// replaced one at a time: the library uses its own, and the course's exercise 12.3 plugs
/// in the learner's (see ``EngineIOParts``).
public protocol EngineIOPayloadCoding: Sendable {
    /// Joins packets into one payload.
    ///
    /// - Parameters:
    ///   - packets: The packets, in order.
    ///   - packetCodec: Writes each packet's polling form.
    /// - Returns: The body of a polling response or request.
    func encode(_ packets: [EngineIOPacket], using packetCodec: any EngineIOPacketCoding)
        -> [UInt8]

    /// Splits a payload into its packets.
    ///
    /// - Parameters:
    ///   - body: A polling body.
    ///   - packetCodec: Reads each packet's polling form.
    /// - Returns: The packets, in order.
    /// - Throws: ``EngineIOProtocolError`` for an empty body, an empty packet, or a packet
    ///   that does not decode; a payload is accepted whole or not at all.
    func decode(_ body: [UInt8], using packetCodec: any EngineIOPacketCoding)
        throws(EngineIOProtocolError) -> [EngineIOPacket]

    /// How many of `packets`, from the first, fit in one payload of at most `limit` bytes
    /// and `maximumCount` packets.
    ///
    /// A client sends what it has queued in `POST`s no larger than the server's
    /// `maxPayload`; what does not fit waits for the next `POST`. The first packet is
    /// always taken, even when it alone is larger, or it would never leave (the server
    /// then refuses it, which is the right outcome for a message over the limit).
    ///
    /// - Parameters:
    ///   - packets: The queued packets, oldest first.
    ///   - limit: The most bytes a payload may have, separators included.
    ///   - maximumCount: The most packets a payload may have.
    /// - Returns: How many packets to put in the next payload: at least one, unless
    ///   `packets` is empty.
    func countFitting(_ packets: [EngineIOPacket], limit: Int, maximumCount: Int) -> Int
}
// end-snippet

extension EngineIOPayloadCoding {
    /// The record separator, `0x1E`, between two packets of a payload.
    public static var separator: UInt8 { 0x1E }
}
