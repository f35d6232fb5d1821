/// The library's payload codec: packets joined by the record separator, refused whole
/// when any one is bad, and a client's batches cut to the server's limits.
///
/// It is not public: the course's exercise 12.3 has the learner write this codec, and an
/// exercise must not be able to hand its work to the library's (``EngineIOParts`` takes
/// any ``EngineIOPayloadCoding``).
package struct EngineIOPayloadCodec: EngineIOPayloadCoding {
    /// The codec; it keeps no state.
    package init() {}

    package func encode(_ packets: [EngineIOPacket], using packetCodec: any EngineIOPacketCoding)
        -> [UInt8]
    {
        var bytes: [UInt8] = []
        for packet in packets {
            if !bytes.isEmpty { bytes.append(Self.separator) }
            packetCodec.appendPollingForm(of: packet, to: &bytes)
        }
        return bytes
    }

    package func decode(_ body: [UInt8], using packetCodec: any EngineIOPacketCoding)
        throws(EngineIOProtocolError) -> [EngineIOPacket]
    {
        var packets: [EngineIOPacket] = []
        var start = body.startIndex
        while true {
            let end = body[start...].firstIndex(of: Self.separator) ?? body.endIndex
            packets.append(try packetCodec.packet(fromPollingForm: body[start..<end]))
            guard end < body.endIndex else { return packets }
            start = end + 1
        }
    }

    package func countFitting(_ packets: [EngineIOPacket], limit: Int, maximumCount: Int) -> Int {
        var count = 0
        var size = 0
        for packet in packets where count < maximumCount {
            let packetSize = packet.pollingByteCount + (count == 0 ? 0 : 1)
            if count > 0 && size + packetSize > limit { break }
            size += packetSize
            count += 1
        }
        return count
    }
}
