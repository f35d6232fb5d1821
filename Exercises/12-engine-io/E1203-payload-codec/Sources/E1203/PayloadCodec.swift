// Exercise 12.3: the payload codec, packets to one polling body and back, and batches.
// Read the task in ../../README.md; check it with `swift run grade 12.3`.

import EngineIO
import ExerciseSupport

/// Joins packets into one HTTP body, splits a body into packets, and cuts a client's queue
/// into batches that fit the server's limits.
///
/// ```
///   4hello␞4world␞bAQID        ␞ is the record separator, 0x1E
///   ──────  ──────  ─────
///   message message binary message
/// ```
///
/// Each packet's own bytes are the packet codec's business: use the one you are given.
public struct PayloadCodec: EngineIOPayloadCoding {
    /// A codec; it keeps no state.
    ///
    /// - Throws: Nothing once written; the starter throws ``Unimplemented`` (`decode` may
    ///   throw `EngineIOProtocolError` only, so the stub lives here).
    public init() throws {
        // TODO(E1203): delete this line once the three methods below work.
        throw Unimplemented("E1203: PayloadCodec (encode, decode, countFitting)")
    }

    /// Joins packets into one payload.
    ///
    /// - Parameters:
    ///   - packets: The packets, in order.
    ///   - packetCodec: Writes each packet's polling form.
    /// - Returns: The body of a polling response or request.
    public func encode(_ packets: [EngineIOPacket], using packetCodec: any EngineIOPacketCoding)
        -> [UInt8]
    {
        // TODO(E1203): each packet's polling form, a separator between two of them.
        []  // a placeholder until written
    }

    /// Splits a payload into its packets.
    ///
    /// - Parameters:
    ///   - body: A polling body.
    ///   - packetCodec: Reads each packet's polling form.
    /// - Returns: The packets, in order.
    /// - Throws: The packet codec's `EngineIOProtocolError` for the first packet it
    ///   refuses; then no packet of the payload is returned.
    public func decode(_ body: [UInt8], using packetCodec: any EngineIOPacketCoding)
        throws(EngineIOProtocolError) -> [EngineIOPacket]
    {
        // TODO(E1203): the bytes between two separators (or an end) are one packet.
        throw .emptyPacket  // a placeholder until written
    }

    /// How many of `packets`, from the first, fit in one payload of at most `limit` bytes
    /// and `maximumCount` packets; the first always does.
    ///
    /// - Parameters:
    ///   - packets: The queued packets, oldest first.
    ///   - limit: The most bytes a payload may have, separators included.
    ///   - maximumCount: The most packets a payload may have.
    /// - Returns: How many packets go in the next payload.
    public func countFitting(_ packets: [EngineIOPacket], limit: Int, maximumCount: Int) -> Int {
        // TODO(E1203): add up each packet's `pollingByteCount` and the separators between
        // them; stop before the limit would be passed, or at `maximumCount`.
        0  // a placeholder until written
    }
}
