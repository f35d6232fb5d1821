import EngineIO
import JSON

/// The default parser: each packet is one line of text, its binary in messages of its own.
///
/// ```
///   <type>[<attachments>-][<namespace>,][<ack id>][<JSON payload>]
///
///   2["hello","Jude"]                         EVENT, namespace /, no ack id
///   2/admin,13["foo"]                         EVENT on /admin, asking for ack 13
///   312[]                                     ACK 12, no answers
///   52-/admin,["baz",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]
///        + binary message <01 02>, + binary message <03 04>
/// ```
///
/// Each part is there only when needed: the namespace when it is not `/`, the count and its
/// `-` only on the binary types, the id only when the event wants an answer. The JSON is
/// compact (no spaces), which is what the official test suite compares byte for byte. The
/// format is socket.io-parser's, the parser inside the JavaScript server and client.
public struct SocketIOJSONParser: SocketIOParser {
    /// The most attachments one binary packet may announce (each is one Engine.IO message,
    /// up to Engine.IO's `maxPayload`); more closes the session.
    public var maximumAttachments: Int
    /// The most bytes one binary packet's attachments may add up to, kept while the packet
    /// waits for them; more closes the session.
    public var maximumAttachmentBytes: Int
    /// How deeply the JSON payload may nest (the JSON parser's own limit).
    public var maximumDepth: Int

    /// A parser with the given limits.
    ///
    /// - Parameters:
    ///   - maximumAttachments: Attachments per packet; 100 by default.
    ///   - maximumAttachmentBytes: Bytes of attachments per packet; 10 MB by default.
    ///   - maximumDepth: JSON nesting; 512 by default, as the JSON module's.
    public init(
        maximumAttachments: Int = 100,
        maximumAttachmentBytes: Int = 10_000_000,
        maximumDepth: Int = 512
    ) {
        self.maximumAttachments = maximumAttachments
        self.maximumAttachmentBytes = maximumAttachmentBytes
        self.maximumDepth = maximumDepth
    }

    // snippet: json-encode
    /// One text message, then one binary message per attachment.
    ///
    /// The header is written first as if there were no binary; only when the payload turns
    /// out to hold some (the writer counts them as it goes) is the header written again
    /// with the binary type and the count. Most packets have none, so most are walked once.
    ///
    /// - Parameter packet: The packet.
    /// - Returns: The messages, in order.
    public func encode(_ packet: SocketIOPacket) -> [EngineIOMessage] {
        var writer = SocketIOJSONWriter()
        Self.writeHeader(of: packet, type: packet.type, attachments: 0, to: &writer.bytes)
        let headerLength = writer.bytes.count
        if let data = packet.data { writer.write(data) }
        if writer.attachments.isEmpty && !packet.type.isBinary {
            return [.text(String(decoding: writer.bytes, as: UTF8.self))]
        }
        let type: SocketIOPacketType =
            switch packet.type {
            case .event: .binaryEvent
            case .ack: .binaryAck
            default: packet.type
            }
        var text: [UInt8] = []
        text.reserveCapacity(writer.bytes.count + 4)
        Self.writeHeader(of: packet, type: type, attachments: writer.attachments.count, to: &text)
        text.append(contentsOf: writer.bytes[headerLength...])
        return [.text(String(decoding: text, as: UTF8.self))]
            + writer.attachments.map(EngineIOMessage.binary)
    }

    /// `<type>[<attachments>-][<namespace>,][<ack id>]`.
    private static func writeHeader(
        of packet: SocketIOPacket,
        type: SocketIOPacketType,
        attachments: Int,
        to bytes: inout [UInt8]
    ) {
        bytes.append(UInt8(ascii: "0") + type.rawValue)
        if type.isBinary {
            bytes.append(contentsOf: String(attachments).utf8)
            bytes.append(UInt8(ascii: "-"))
        }
        if !packet.namespace.isEmpty && packet.namespace != "/" {
            bytes.append(contentsOf: packet.namespace.utf8)
            bytes.append(UInt8(ascii: ","))
        }
        if let id = packet.id { bytes.append(contentsOf: String(id).utf8) }
    }
    // end-snippet

    /// A decoder with this parser's limits.
    public func makeDecoder() -> any SocketIOPacketDecoder {
        SocketIOJSONPacketDecoder(parser: self)
    }
}
