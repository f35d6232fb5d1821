import EngineIO
import JSON

/// Reads the JSON parser's packets back, one Engine.IO message at a time.
///
/// A text message is a packet's header and JSON. If its type is BINARY_EVENT or
/// BINARY_ACK, the packet is not finished: the next *n* messages, each binary, are its
/// attachments, and only when the last one has come are the placeholders replaced and the
/// packet returned.
///
/// ```
///   text   452-["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]
///          └─ waiting for 2 ──┐
///   binary 01 02 03            │ 1 of 2
///   binary 04 05 06            ▼ 2 of 2 → ["message", <01 02 03>, <04 05 06>]
/// ```
///
/// Anything out of order is an error: an attachment with no packet waiting for it, a text
/// message while attachments are still due, more attachments than the limit.
public struct SocketIOJSONPacketDecoder: SocketIOPacketDecoder {
    /// A binary packet whose attachments are still arriving.
    private struct Waiting {
        var packet: SocketIOPacket
        var json: JSONValue?
        var expected: Int
        var attachments: [[UInt8]] = []
        var byteCount = 0
    }

    private let parser: SocketIOJSONParser
    private var waiting: Waiting?

    /// A decoder with `parser`'s limits.
    ///
    /// - Parameter parser: The limits on attachments and nesting.
    public init(parser: SocketIOJSONParser = SocketIOJSONParser()) {
        self.parser = parser
    }

    /// Whether a binary packet is waiting for attachments.
    public var isWaitingForAttachments: Bool { waiting != nil }

    /// Feeds one message; returns a packet when one is complete.
    ///
    /// - Parameter message: The next Engine.IO message.
    /// - Returns: The packet, or `nil` while attachments are due.
    /// - Throws: ``SocketIOProtocolError`` for anything that is not a packet.
    public mutating func decode(
        _ message: EngineIOMessage
    ) throws(SocketIOProtocolError) -> SocketIOPacket? {
        switch message {
        case .text(let text):
            if let waiting {
                throw .missingAttachments(
                    expected: waiting.expected,
                    received: waiting.attachments.count
                )
            }
            return try decode(text: text)
        case .binary(let bytes):
            guard var current = waiting else { throw .unexpectedAttachment }
            current.byteCount += bytes.count
            guard current.byteCount <= parser.maximumAttachmentBytes else {
                throw .attachmentsTooLarge(limit: parser.maximumAttachmentBytes)
            }
            waiting = nil  // let `current` hold the only reference while it grows
            current.attachments.append(bytes)
            guard current.attachments.count == current.expected else {
                waiting = current
                return nil
            }
            return try Self.finish(current)
        }
    }

    // snippet: json-decode
    /// Reads `<type>[<attachments>-][<namespace>,][<ack id>][<JSON>]`, as socket.io-parser's
    /// `decodeString` does, part by part.
    private mutating func decode(text: String) throws(SocketIOProtocolError) -> SocketIOPacket? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first else { throw .emptyPacket }
        guard first >= UInt8(ascii: "0"),
            let type = SocketIOPacketType(rawValue: first &- UInt8(ascii: "0"))
        else { throw .unknownPacketType(String(decoding: [first], as: UTF8.self)) }
        var index = 1
        var attachments = 0
        if type.isBinary {
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "-") { index += 1 }
            let count = bytes[start..<index]
            guard index < bytes.count, let number = Self.number(count) else {
                throw .invalidAttachmentCount(String(decoding: count, as: UTF8.self))
            }
            guard number <= parser.maximumAttachments else {
                throw .tooManyAttachments(count: number, limit: parser.maximumAttachments)
            }
            attachments = number
            index += 1  // the "-"
        }
        var packet = SocketIOPacket(type: type)
        if index < bytes.count, bytes[index] == UInt8(ascii: "/") {
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: ",") { index += 1 }
            packet.namespace = String(decoding: bytes[start..<index], as: UTF8.self)
            if index < bytes.count { index += 1 }  // the ","
        }
        let idStart = index
        while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        if index > idStart {
            guard let id = Self.number(bytes[idStart..<index]) else {
                throw .invalidAckID(String(decoding: bytes[idStart..<index], as: UTF8.self))
            }
            packet.id = id
        }
        var json: JSONValue?
        if index < bytes.count {
            do {
                json = try JSONValue(
                    parsing: bytes[index...],
                    options: JSONParseOptions(maximumDepth: parser.maximumDepth)
                )
            } catch {
                throw .invalidPayload("\(error)")
            }
        }
        guard type.isBinary, attachments > 0 else {
            packet.data = try json.map { (json) throws(SocketIOProtocolError) in
                type.isBinary
                    ? try SocketIOValue(json: json, attachments: []) : SocketIOValue(json: json)
            }
            return packet
        }
        waiting = Waiting(packet: packet, json: json, expected: attachments)
        return nil
    }
    // end-snippet

    /// The waiting packet, its placeholders replaced by the attachments.
    private static func finish(_ waiting: Waiting) throws(SocketIOProtocolError) -> SocketIOPacket {
        var packet = waiting.packet
        packet.data = try waiting.json.map { (json) throws(SocketIOProtocolError) in
            try SocketIOValue(json: json, attachments: waiting.attachments)
        }
        return packet
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The decimal number `digits` spell, or `nil` if empty, not all digits, or too large.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for digit in digits {
            guard isDigit(digit) else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}

extension SocketIOValue {
    /// A binary packet's JSON as a value, each placeholder replaced by its attachment; one
    /// walk does both (see ``SocketIOBinaryPlaceholders/reconstruct(_:attachments:)``).
    init(json: JSONValue, attachments: [[UInt8]]) throws(SocketIOProtocolError) {
        switch json {
        case .array(let elements):
            var converted: [SocketIOValue] = []
            converted.reserveCapacity(elements.count)
            for element in elements {
                converted.append(try SocketIOValue(json: element, attachments: attachments))
            }
            self = .array(converted)
        case .object(let object):
            if object["_placeholder"] == .bool(true) {
                let number = object["num"].map(SocketIOValue.init(json:))
                self = .binary(try SocketIOBinaryPlaceholders.attachment(number, of: attachments))
                return
            }
            var converted: [SocketIOObject.Element] = []
            converted.reserveCapacity(object.count)
            for entry in object {
                converted.append(
                    (entry.key, try SocketIOValue(json: entry.value, attachments: attachments))
                )
            }
            self = .object(SocketIOObject(distinctEntries: converted))
        default:
            self = SocketIOValue(json: json)
        }
    }
}
