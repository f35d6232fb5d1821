import Testing
import WebSockets

@testable import EngineIO

@Suite("Engine.IO packets on each transport")
struct PacketTests {
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
        #expect(packet.webSocketMessage == .text(wire))
        #expect(try EngineIOPacket(webSocketMessage: .text(wire)) == packet)
        #expect(EngineIOPayload.encode([packet]) == Array(wire.utf8))
        #expect(try EngineIOPayload.decode(Array(wire.utf8)) == [packet])
    }

    @Test("a binary message is a bare binary frame over WebSocket, b plus base64 in a payload")
    func binaryMessage() throws {
        let packet = EngineIOPacket.message(.binary([1, 2, 3, 4]))
        #expect(packet.webSocketMessage == .binary([1, 2, 3, 4]))
        #expect(try EngineIOPacket(webSocketMessage: .binary([1, 2, 3, 4])) == packet)
        #expect(EngineIOPayload.encode([packet]) == Array("bAQIDBA==".utf8))
        #expect(try EngineIOPayload.decode(Array("bAQIDBA==".utf8)) == [packet])
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
        #expect(EngineIOPacket.open(handshake).webSocketMessage == .text(wire))
        #expect(try EngineIOPacket(webSocketMessage: .text(wire)) == .open(handshake))
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
            try EngineIOPacket(webSocketMessage: .text(wire))
        }
        if case .invalidHandshake = error { return }  // the JSON error's wording varies
        #expect(throws: error) { try EngineIOPacket(webSocketMessage: .text(wire)) }
    }

    @Test("the data of close, upgrade and noop is ignored, as the reference parser ignores it")
    func ignoredData() throws {
        #expect(try EngineIOPacket(webSocketMessage: .text("1x")) == .close)
        #expect(try EngineIOPacket(webSocketMessage: .text("5x")) == .upgrade)
        #expect(try EngineIOPacket(webSocketMessage: .text("6x")) == .noop)
    }
}
