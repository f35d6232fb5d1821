import Testing

@testable import EngineIO

@Suite("Polling payloads: packets joined by the record separator 0x1E")
struct PayloadTests {
    let codec = EngineIOPayloadCodec()
    let parts = EngineIOParts()

    @Test("the official suite's payloads decode to their packets and encode back byte for byte")
    func officialPayloads() throws {
        let cases: [(String, [EngineIOPacket])] = [
            ("4hello", [.message(.text("hello"))]),
            (
                "4test1\u{1e}4test2\u{1e}4test3",
                [.message(.text("test1")), .message(.text("test2")), .message(.text("test3"))]
            ),
            (
                "4hello\u{1e}bAQIDBA==",
                [.message(.text("hello")), .message(.binary([1, 2, 3, 4]))]
            ),
        ]
        for (wire, packets) in cases {
            #expect(try parts.decodePayload(Array(wire.utf8)) == packets)
            #expect(parts.encodePayload(packets) == Array(wire.utf8))
        }
    }

    @Test("multi-byte text goes through byte for byte: nothing counts characters")
    func multiByteText() throws {
        let text = "héllo 😀 \u{2028} 日本"
        let wire = Array("4\(text)\u{1e}4\(text)".utf8)
        let packets = try parts.decodePayload(wire)
        #expect(packets == [.message(.text(text)), .message(.text(text))])
        #expect(parts.encodePayload(packets) == wire)
    }

    @Test(
        "a payload is refused whole when any packet in it is bad",
        arguments: [
            ("", EngineIOProtocolError.emptyPacket),
            ("abc", .unknownPacketType(UInt8(ascii: "a"))),
            ("4ok\u{1e}", .emptyPacket),
            ("4ok\u{1e}\u{1e}4ok", .emptyPacket),
            ("4ok\u{1e}b!!!!", .invalidBase64),
            ("bAQI", .invalidBase64),
        ]
    )
    func invalidPayloads(wire: String, error: EngineIOProtocolError) {
        #expect(throws: error) { try parts.decodePayload(Array(wire.utf8)) }
    }

    @Test("invalid UTF-8 in a text packet is refused")
    func invalidUTF8() {
        #expect(throws: EngineIOProtocolError.invalidUTF8) {
            try parts.decodePayload([UInt8(ascii: "4"), 0xFF, 0xFE])
        }
    }

    @Test("a client's POST takes as many queued packets as fit the server's maxPayload")
    func batching() {
        let packets: [EngineIOPacket] = [
            .message(.text("aaaa")), .message(.text("bbbb")), .message(.text("cccc")),
        ]
        // Each packet is 5 bytes; with separators two take 11, three take 17.
        #expect(codec.countFitting(packets, limit: 17, maximumCount: .max) == 3)
        #expect(codec.countFitting(packets, limit: 16, maximumCount: .max) == 2)
        #expect(codec.countFitting(packets, limit: 11, maximumCount: .max) == 2)
        #expect(codec.countFitting(packets, limit: 10, maximumCount: .max) == 1)
        #expect(codec.countFitting(packets, limit: 1, maximumCount: .max) == 1)  // never stuck
        #expect(codec.countFitting([], limit: 100, maximumCount: .max) == 0)
        #expect(codec.countFitting(packets, limit: 100, maximumCount: 2) == 2)
        let encoded = parts.encodePayload(Array(packets.prefix(2)))
        #expect(encoded.count == 11)
    }

    @Test("a packet's counted size is its encoded size")
    func sizes() {
        let packets: [EngineIOPacket] = [
            .message(.binary([1])), .message(.binary([1, 2])), .message(.binary([1, 2, 3])),
            .message(.binary([])), .message(.text("é")), .ping("probe"), .noop,
        ]
        for packet in packets {
            #expect(packet.pollingByteCount == parts.encodePayload([packet]).count)
        }
    }
}
