import E1203
import EngineIO
import ExerciseSupport
import Testing
import WebSockets

/// A packet codec that knows only the packets these tests use, by table, and counts what
/// it is asked: enough to show that your payload codec leaves every packet to it.
///
/// It is no packet codec you could use (that is exercise 12.2): anything not in its table
/// is refused, with the error a real codec would give for such bytes.
final class TablePacketCodec: EngineIOPacketCoding {
    static let table: [(EngineIOPacket, String)] = [
        (.message(.text("hello")), "4hello"),
        (.message(.text("test1")), "4test1"),
        (.message(.text("test2")), "4test2"),
        (.message(.text("test3")), "4test3"),
        (.message(.text("ok")), "4ok"),
        (.message(.text("héllo 😀 \u{2028} 日本")), "4héllo 😀 \u{2028} 日本"),
        (.message(.binary([1, 2, 3, 4])), "bAQIDBA=="),
        (.ping(""), "2"),
        (.noop, "6"),
        (.close, "1"),
    ]

    /// The bytes it was asked to read, one entry per call.
    let asked = Locked<[String]>([])

    func webSocketMessage(for packet: EngineIOPacket) -> WebSocketMessage { .text("unused") }

    func packet(from message: WebSocketMessage) throws(EngineIOProtocolError) -> EngineIOPacket {
        throw .emptyPacket
    }

    func appendPollingForm(of packet: EngineIOPacket, to payload: inout [UInt8]) {
        let entry = Self.table.first { $0.0 == packet }
        payload += (entry?.1 ?? "?").utf8
    }

    func packet(fromPollingForm bytes: ArraySlice<UInt8>) throws(EngineIOProtocolError)
        -> EngineIOPacket
    {
        let text = String(decoding: bytes, as: UTF8.self)
        asked.withLock { $0.append(text) }
        if let entry = Self.table.first(where: { $0.1 == text }) { return entry.0 }
        guard let first = bytes.first else { throw .emptyPacket }
        if first == UInt8(ascii: "b") { throw .invalidBase64 }
        throw .unknownPacketType(first)
    }
}

/// A packet codec with forms of its own, `<ping>` or `<hello>` for a text message: a
/// payload codec that writes or reads a packet itself, instead of asking the codec it is
/// given, shows at once.
struct BracketPacketCodec: EngineIOPacketCoding {
    func webSocketMessage(for packet: EngineIOPacket) -> WebSocketMessage { .text("unused") }

    func packet(from message: WebSocketMessage) throws(EngineIOProtocolError) -> EngineIOPacket {
        throw .emptyPacket
    }

    func appendPollingForm(of packet: EngineIOPacket, to payload: inout [UInt8]) {
        if case .message(.text(let text)) = packet {
            payload += "<\(text)>".utf8
        } else {
            payload += "<\(packet.type)>".utf8
        }
    }

    func packet(fromPollingForm bytes: ArraySlice<UInt8>) throws(EngineIOProtocolError)
        -> EngineIOPacket
    {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("<"), text.hasSuffix(">"), text.count >= 2 else {
            throw .unknownPacketType(bytes.first ?? 0)
        }
        switch text.dropFirst().dropLast() {
        case "ping": return .ping("")
        case "noop": return .noop
        case "close": return .close
        case let inner: return .message(.text(String(inner)))
        }
    }
}

/// `text`'s bytes.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

@Suite("12.3a Your payload codec: joining, splitting, batching")
struct PayloadCodecTests {
    @Test(
        "the official suite's payloads split into their packets and join back byte for byte",
        arguments: [
            ("4hello", [.message(.text("hello"))]),
            (
                "4test1\u{1e}4test2\u{1e}4test3",
                [.message(.text("test1")), .message(.text("test2")), .message(.text("test3"))]
            ),
            (
                "4hello\u{1e}bAQIDBA==",
                [.message(.text("hello")), .message(.binary([1, 2, 3, 4]))]
            ),
            (
                "4héllo 😀 \u{2028} 日本\u{1e}4héllo 😀 \u{2028} 日本",
                [EngineIOPacket](repeating: .message(.text("héllo 😀 \u{2028} 日本")), count: 2)
            ),
        ] as [(String, [EngineIOPacket])]
    )
    func officialPayloads(wire: String, packets: [EngineIOPacket]) throws {
        let codec = try PayloadCodec()
        let table = TablePacketCodec()
        #expect(
            try codec.decode(bytes(wire), using: table) == packets,
            "splitting \(wire.debugDescription)"
        )
        #expect(codec.encode(packets, using: table) == bytes(wire), "joining \(packets)")
    }

    @Test("each packet is read by the packet codec from exactly its own bytes, in order")
    func delegatesDecoding() throws {
        let codec = try PayloadCodec()
        let table = TablePacketCodec()
        _ = try codec.decode(bytes("4test1\u{1e}2\u{1e}bAQIDBA==\u{1e}6"), using: table)
        #expect(table.asked.value == ["4test1", "2", "bAQIDBA==", "6"])
    }

    @Test("each packet is written and read by the packet codec it is given, whatever its forms")
    func delegatesEncoding() throws {
        let codec = try PayloadCodec()
        let weird = BracketPacketCodec()
        let packets: [EngineIOPacket] = [.ping(""), .message(.text("hello")), .noop, .close]
        let body = codec.encode(packets, using: weird)
        let expected = "<ping>\u{1e}<hello>\u{1e}<noop>\u{1e}<close>"
        let text = String(decoding: body, as: UTF8.self)
        #expect(body == bytes(expected), "\(text.debugDescription)")
        #expect(try codec.decode(body, using: weird) == packets)
    }

    @Test("no packets make an empty body; one packet has no separator")
    func edges() throws {
        let codec = try PayloadCodec()
        let table = TablePacketCodec()
        #expect(codec.encode([], using: table) == [])
        #expect(codec.encode([.noop], using: table) == bytes("6"))
    }

    @Test(
        "a payload with one bad packet is refused whole, with the packet codec's error",
        arguments: [
            ("", EngineIOProtocolError.emptyPacket),
            ("abc", .unknownPacketType(UInt8(ascii: "a"))),
            ("4ok\u{1e}", .emptyPacket),
            ("\u{1e}4ok", .emptyPacket),
            ("4ok\u{1e}\u{1e}4ok", .emptyPacket),
            ("4ok\u{1e}b!!!!", .invalidBase64),
            ("4ok\u{1e}4ok\u{1e}7", .unknownPacketType(UInt8(ascii: "7"))),
        ]
    )
    func refusedWhole(wire: String, error: EngineIOProtocolError) throws {
        let codec = try PayloadCodec()
        #expect(throws: error, "\(wire.debugDescription)") {
            try codec.decode(bytes(wire), using: TablePacketCodec())
        }
    }

    @Test("a batch takes as many packets as fit the byte limit, separators counted")
    func batchingByBytes() throws {
        let codec = try PayloadCodec()
        let packets: [EngineIOPacket] = [
            .message(.text("aaaa")), .message(.text("bbbb")), .message(.text("cccc")),
        ]
        // Each packet is 5 bytes; with separators two take 11, three take 17.
        for (limit, count) in [(100, 3), (17, 3), (16, 2), (11, 2), (10, 1), (5, 1)] {
            #expect(
                codec.countFitting(packets, limit: limit, maximumCount: .max) == count,
                "limit \(limit)"
            )
        }
    }

    @Test("the first packet always goes, even alone over the limit: it would never leave")
    func firstAlwaysGoes() throws {
        let codec = try PayloadCodec()
        let big: [EngineIOPacket] = [.message(.text(String(repeating: "x", count: 50))), .noop]
        #expect(codec.countFitting(big, limit: 10, maximumCount: .max) == 1)
        #expect(codec.countFitting([], limit: 100, maximumCount: .max) == 0)
    }

    @Test("a batch stops at the count limit, whatever the bytes")
    func batchingByCount() throws {
        let codec = try PayloadCodec()
        let many = [EngineIOPacket](repeating: .message(.text("m")), count: 40)
        #expect(codec.countFitting(many, limit: 1_000_000, maximumCount: 16) == 16)
        #expect(codec.countFitting(many, limit: 1_000_000, maximumCount: 100) == 40)
        #expect(codec.countFitting(many, limit: 11, maximumCount: 16) == 4)  // 2+1+2+1+2+1+2
    }

    @Test("binary counts at its base64 size, text at its UTF-8 size")
    func sizes() throws {
        let codec = try PayloadCodec()
        // b + base64 of 4 bytes is 9 bytes; "é" is 2 bytes of UTF-8, so 4é is 3.
        let packets: [EngineIOPacket] = [.message(.binary([1, 2, 3, 4])), .message(.text("é"))]
        #expect(codec.countFitting(packets, limit: 13, maximumCount: .max) == 2)
        #expect(codec.countFitting(packets, limit: 12, maximumCount: .max) == 1)
    }
}
