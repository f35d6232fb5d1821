/// Several packets in one HTTP body: how long-polling carries them.
///
/// A long-polling client gets whatever the server has buffered in one `GET` response,
/// and sends whatever it has in one `POST`. Version 4 of the protocol simply puts the
/// packets one after another, separated by the ASCII record separator, a byte that
/// cannot appear in JSON or in base64 text:
///
/// ```
///   4hello␞4world␞bAQID        ␞ is 0x1E
///   ──────  ──────  ─────
///   message message binary message (b + base64 of 01 02 03)
/// ```
///
/// (Version 3 prefixed each packet with its length counted in UTF-16 code units, which
/// every implementation got wrong somewhere; the separator ended that.)
public enum EngineIOPayload {
    /// The record separator, `0x1E`, between two packets.
    public static let separator: UInt8 = 0x1E

    /// Joins packets into one payload.
    ///
    /// - Parameter packets: The packets, in order.
    /// - Returns: The body of a polling response or request.
    public static func encode(_ packets: some Sequence<EngineIOPacket>) -> [UInt8] {
        var bytes: [UInt8] = []
        for packet in packets {
            if !bytes.isEmpty { bytes.append(separator) }
            packet.appendPollingEncoding(to: &bytes)
        }
        return bytes
    }

    /// Splits a payload into its packets.
    ///
    /// - Parameter bytes: A polling body.
    /// - Returns: The packets, in order.
    /// - Throws: ``EngineIOProtocolError`` for an empty body, an empty packet, or a packet
    ///   that does not decode; a payload is accepted whole or not at all.
    public static func decode(_ bytes: [UInt8]) throws(EngineIOProtocolError) -> [EngineIOPacket] {
        var packets: [EngineIOPacket] = []
        var start = bytes.startIndex
        while true {
            let end = bytes[start...].firstIndex(of: separator) ?? bytes.endIndex
            packets.append(try EngineIOPacket(pollingEncoding: bytes[start..<end]))
            guard end < bytes.endIndex else { return packets }
            start = end + 1
        }
    }

    /// How many of `packets`, from the first, fit in one payload of at most `limit` bytes
    /// and `maximumCount` packets.
    ///
    /// A client sends what it has queued in `POST`s no larger than the server's
    /// `maxPayload`; what does not fit waits for the next `POST`. The first packet is
    /// always taken, even when it alone is larger, or it would never leave (the server
    /// will then refuse it, which is the right outcome for a message over the limit).
    ///
    /// - Parameters:
    ///   - packets: The queued packets, oldest first.
    ///   - limit: The most bytes a payload may have.
    ///   - maximumCount: The most packets a payload may have.
    /// - Returns: How many packets to put in the next payload (at least one, unless
    ///   `packets` is empty).
    public static func countFitting(
        _ packets: some Collection<EngineIOPacket>,
        limit: Int,
        maximumCount: Int = .max
    ) -> Int {
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

extension EngineIOPacket {
    /// The packet's size inside a polling payload, in bytes.
    public var pollingByteCount: Int {
        switch self {
        case .message(.binary(let bytes)): 1 + (bytes.count + 2) / 3 * 4
        case .message(.text(let text)): 1 + text.utf8.count
        case .ping(let data), .pong(let data): 1 + data.utf8.count
        case .open(let handshake): 1 + handshake.json.count
        case .close, .upgrade, .noop: 1
        }
    }
}
