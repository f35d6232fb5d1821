import E1202
import EngineIO
import Testing
import WebSockets

/// The open packet of the contract's timers, and its text form.
let handshake = EngineIOHandshake(
    sid: "lv_VI97HAXpY6yYWAAAC",
    upgrades: ["websocket"],
    pingInterval: .milliseconds(300),
    pingTimeout: .milliseconds(200),
    maxPayload: 1_000_000
)
let openWire =
    #"0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":300,"#
    + #""pingTimeout":200,"maxPayload":1000000}"#

/// Your polling form of `packet`, appended to nothing.
func pollingForm(_ codec: PacketCodec, _ packet: EngineIOPacket) -> String {
    var bytes: [UInt8] = []
    codec.appendPollingForm(of: packet, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

@Suite("12.2a Your packet codec, one packet at a time")
struct PacketCodecTests {
    static let textPackets: [(EngineIOPacket, String)] = [
        (.close, "1"),
        (.ping(""), "2"),
        (.ping("probe"), "2probe"),
        (.pong(""), "3"),
        (.pong("probe"), "3probe"),
        (.message(.text("hello")), "4hello"),
        (.message(.text("")), "4"),
        (.message(.text("é€😀\u{2028} 日本")), "4é€😀\u{2028} 日本"),
        (.upgrade, "5"),
        (.noop, "6"),
    ]

    @Test(
        "a text packet is its type digit and its data, the same on both transports",
        arguments: textPackets
    )
    func textPacket(packet: EngineIOPacket, wire: String) throws {
        let codec = try PacketCodec()
        #expect(codec.webSocketMessage(for: packet) == .text(wire), "WebSocket form of \(packet)")
        #expect(try codec.packet(from: .text(wire)) == packet, "reading \(wire.debugDescription)")
        #expect(pollingForm(codec, packet) == wire, "polling form of \(packet)")
        #expect(try codec.packet(fromPollingForm: Array(wire.utf8)[...]) == packet)
    }

    @Test("the open packet is 0 and the handshake's JSON, keys in the protocol's order")
    func openPacket() throws {
        let codec = try PacketCodec()
        #expect(codec.webSocketMessage(for: .open(handshake)) == .text(openWire))
        #expect(pollingForm(codec, .open(handshake)) == openWire)
        #expect(try codec.packet(from: .text(openWire)) == .open(handshake))
        #expect(try codec.packet(fromPollingForm: Array(openWire.utf8)[...]) == .open(handshake))
    }

    @Test("a binary message is a bare binary WebSocket message: no digit, no base64")
    func binaryOverWebSocket() throws {
        let codec = try PacketCodec()
        let bytes: [UInt8] = [1, 2, 3, 4]
        #expect(codec.webSocketMessage(for: .message(.binary(bytes))) == .binary(bytes))
        #expect(try codec.packet(from: .binary(bytes)) == .message(.binary(bytes)))
        // Bytes that look like a text packet are still bytes.
        let looksLikeText = Array("4hello".utf8)
        let read = try codec.packet(from: .binary(looksLikeText))
        #expect(read == .message(.binary(looksLikeText)))
        #expect(try codec.packet(from: .binary([])) == .message(.binary([])))
    }

    @Test(
        "in a polling payload, bytes are b and standard base64 with padding",
        arguments: [
            ([1, 2, 3, 4], "bAQIDBA=="),  // the official suite's
            ([1, 2, 3], "bAQID"),
            ([1, 2], "bAQI="),
            ([1], "bAQ=="),
            ([], "b"),
            ([0xFB, 0xFF, 0xBF], "b+/+/"),  // the two characters URL-safe base64 changes
        ] as [([UInt8], String)]
    )
    func binaryWhenPolling(bytes: [UInt8], wire: String) throws {
        let codec = try PacketCodec()
        #expect(pollingForm(codec, .message(.binary(bytes))) == wire)
        let read = try codec.packet(fromPollingForm: Array(wire.utf8)[...])
        #expect(read == .message(.binary(bytes)))
    }

    @Test("the polling form is appended after what the payload already holds")
    func appends() throws {
        let codec = try PacketCodec()
        var payload = Array("4first\u{1e}".utf8)
        codec.appendPollingForm(of: .message(.text("second")), to: &payload)
        #expect(String(decoding: payload, as: UTF8.self) == "4first\u{1e}4second")
        codec.appendPollingForm(of: .message(.binary([255])), to: &payload)
        #expect(String(decoding: payload, as: UTF8.self) == "4first\u{1e}4secondb/w==")
    }

    @Test("a packet is read from a slice of a longer body, whose indices do not start at 0")
    func slices() throws {
        let codec = try PacketCodec()
        let body = Array("4hello\u{1e}bAQIDBA==\u{1e}2probe".utf8)
        #expect(try codec.packet(fromPollingForm: body[0..<6]) == .message(.text("hello")))
        #expect(try codec.packet(fromPollingForm: body[7..<16]) == .message(.binary([1, 2, 3, 4])))
        #expect(try codec.packet(fromPollingForm: body[17...]) == .ping("probe"))
    }

    @Test("the data after close, upgrade and noop is ignored, as the reference parser does")
    func ignoredData() throws {
        let codec = try PacketCodec()
        #expect(try codec.packet(from: .text("1x")) == .close)
        #expect(try codec.packet(from: .text("5anything")) == .upgrade)
        #expect(try codec.packet(fromPollingForm: Array("6x".utf8)[...]) == .noop)
    }

    @Test(
        "text that is not a packet is refused with the error that says why",
        arguments: [
            ("", EngineIOProtocolError.emptyPacket),
            ("abc", .unknownPacketType(UInt8(ascii: "a"))),
            ("7", .unknownPacketType(UInt8(ascii: "7"))),
            ("/", .unknownPacketType(UInt8(ascii: "/"))),
            ("b", .unknownPacketType(UInt8(ascii: "b"))),  // over a WebSocket, b is no type
        ]
    )
    func refusedText(wire: String, error: EngineIOProtocolError) throws {
        let codec = try PacketCodec()
        #expect(throws: error) { try codec.packet(from: .text(wire)) }
    }

    @Test(
        "a polling form that is not a packet is refused with the error that says why",
        arguments: [
            ([], EngineIOProtocolError.emptyPacket),
            (Array("abc".utf8), .unknownPacketType(UInt8(ascii: "a"))),
            (Array("b!!!!".utf8), .invalidBase64),
            (Array("bAQI".utf8), .invalidBase64),  // padding is required
            ([UInt8(ascii: "4"), 0xFF, 0xFE], .invalidUTF8),
            ([UInt8(ascii: "2"), 0xC3], .invalidUTF8),  // é cut in half
        ] as [([UInt8], EngineIOProtocolError)]
    )
    func refusedPollingForm(bytes: [UInt8], error: EngineIOProtocolError) throws {
        let codec = try PacketCodec()
        #expect(throws: error) { try codec.packet(fromPollingForm: bytes[...]) }
    }

    @Test("an open packet whose JSON is not a handshake is refused as an invalid handshake")
    func badHandshake() throws {
        let codec = try PacketCodec()
        for wire in ["0", "0{", #"0{"sid":""}"#, "0[1,2]"] {
            let error = #expect(throws: EngineIOProtocolError.self, "\(wire.debugDescription)") {
                try codec.packet(from: .text(wire))
            }
            guard let error, case .invalidHandshake = error else {
                Issue.record(
                    "\(wire.debugDescription): expected .invalidHandshake, got \(String(describing: error))"
                )
                continue
            }
        }
    }
}
