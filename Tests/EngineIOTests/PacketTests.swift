import Testing
import WebSockets

@testable import EngineIO

@Suite("Engine.IO packets on each transport")
struct PacketTests {
    let codec = EngineIOPacketCodec()
    let parts = EngineIOParts()

    static let textCases: [(EngineIOPacket, String)] = [
        (.close, "1"),
        (.ping(""), "2"),
        (.ping("probe"), "2probe"),
        (.pong("probe"), "3probe"),
        (.message(.text("hello")), "4hello"),
        (.message(.text("")), "4"),
        (.message(.text("é€😀\u{2028}")), "4é€😀\u{2028}"),
        (.upgrade, "5"),
        (.noop, "6"),
    ]

    @Test("a text packet is its type digit followed by its data", arguments: textCases)
    func textPackets(packet: EngineIOPacket, wire: String) throws {
        #expect(codec.webSocketMessage(for: packet) == .text(wire))
        #expect(try codec.packet(from: .text(wire)) == packet)
        #expect(parts.encodePayload([packet]) == Array(wire.utf8))
        #expect(try parts.decodePayload(Array(wire.utf8)) == [packet])
    }

    @Test("a binary message is a bare binary frame over WebSocket, b plus base64 in a payload")
    func binaryMessage() throws {
        let packet = EngineIOPacket.message(.binary([1, 2, 3, 4]))
        #expect(codec.webSocketMessage(for: packet) == .binary([1, 2, 3, 4]))
        #expect(try codec.packet(from: .binary([1, 2, 3, 4])) == packet)
        #expect(parts.encodePayload([packet]) == Array("bAQIDBA==".utf8))
        #expect(try parts.decodePayload(Array("bAQIDBA==".utf8)) == [packet])
    }

    @Test("the open packet carries the handshake as compact JSON in the protocol's key order")
    func openPacket() throws {
        let handshake = EngineIOHandshake(
            sid: "lv_VI97HAXpY6yYWAAAC",
            upgrades: ["websocket"],
            pingInterval: .milliseconds(300),
            pingTimeout: .milliseconds(200),
            maxPayload: 1_000_000
        )
        let wire =
            #"0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":300,"#
            + #""pingTimeout":200,"maxPayload":1000000}"#
        #expect(codec.webSocketMessage(for: .open(handshake)) == .text(wire))
        #expect(try codec.packet(from: .text(wire)) == .open(handshake))
    }

    @Test(
        "text that is not a packet is refused with the reason",
        arguments: [
            ("", EngineIOProtocolError.emptyPacket),
            ("abc", .unknownPacketType(UInt8(ascii: "a"))),
            ("7", .unknownPacketType(UInt8(ascii: "7"))),
            ("0{", .invalidHandshake("")),
        ]
    )
    func invalidText(wire: String, error: EngineIOProtocolError) {
        #expect(throws: EngineIOProtocolError.self) {
            try codec.packet(from: .text(wire))
        }
        if case .invalidHandshake = error { return }  // the JSON error's wording varies
        #expect(throws: error) { try codec.packet(from: .text(wire)) }
    }

    @Test("the data of close, upgrade and noop is ignored, as the reference parser ignores it")
    func ignoredData() throws {
        #expect(try codec.packet(from: .text("1x")) == .close)
        #expect(try codec.packet(from: .text("5x")) == .upgrade)
        #expect(try codec.packet(from: .text("6x")) == .noop)
    }
}
