import Testing
import WebSockets

@Suite("UTF-8 validation, reassembly and the close handshake")
struct MessageTests {
    @Test(
        "well-formed UTF-8 is accepted, split at every byte",
        arguments: ["hello", "κόσμε", "€", "𝄞 music", "\u{10FFFF}", "\u{D7FF}\u{E000}"]
    )
    func valid(text: String) {
        let bytes = Array(text.utf8)
        for split in 0...bytes.count {
            var validator = UTF8Validator()
            let valid101 = validator.validate(bytes[..<split])
            #expect(valid101)
            let valid102 = validator.validate(bytes[split...])
            #expect(valid102)
            #expect(validator.isAtCharacterBoundary)
        }
    }

    @Test(
        "malformed UTF-8 is refused at the first impossible byte",
        arguments: [
            ([0xC0, 0x80], 0),  // overlong NUL
            ([0xE0, 0x80, 0x80], 1),  // overlong
            ([0xED, 0xA0, 0x80], 1),  // a UTF-16 surrogate
            ([0xF4, 0x90, 0x80, 0x80], 1),  // above U+10FFFF
            ([0xF5], 0),
            ([0x80], 0),  // a continuation byte with nothing to continue
            (
                [
                    0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5, 0xED, 0xA0,
                    0x80,
                ], 12
            ),
        ] as [([UInt8], Int)]
    )
    func invalid(bytes: [UInt8], failsAt index: Int) {
        var validator = UTF8Validator()
        let valid103 = validator.validate(bytes[..<index])
        #expect(valid103)
        let valid104 = validator.validate(bytes[index...index])
        #expect(!valid104)
    }

    @Test("fragments join into one message, with control frames between them")
    func reassembly() throws {
        var assembler = WebSocketMessageAssembler(maximumMessageSize: 1000)
        let result1 = try assembler.consume(
            WebSocketFrame(isFinal: false, opcode: .text, payload: Array("Hel".utf8))
        )
        #expect(result1 == .partial)
        let result2 = try assembler.consume(WebSocketFrame(opcode: .ping, payload: [7]))
        #expect(result2 == .ping([7]))
        let result3 = try assembler.consume(
            WebSocketFrame(isFinal: false, opcode: .continuation, payload: Array("lo, ".utf8))
        )
        #expect(result3 == .partial)
        let result4 = try assembler.consume(
            WebSocketFrame(opcode: .continuation, payload: Array("world".utf8))
        )
        #expect(result4 == .message(.text("Hello, world")))
        let result5 = try assembler.consume(WebSocketFrame(opcode: .binary, payload: [1, 2]))
        #expect(result5 == .message(.binary([1, 2])))
    }

    @Test(
        "a character split between fragments is fine; bad bytes fail in the fragment that has them"
    )
    func utf8AcrossFragments() throws {
        let euro: [UInt8] = [0xE2, 0x82, 0xAC]
        var assembler = WebSocketMessageAssembler(maximumMessageSize: 1000)
        _ = try assembler.consume(WebSocketFrame(isFinal: false, opcode: .text, payload: [euro[0]]))
        let result6 = try assembler.consume(
            WebSocketFrame(opcode: .continuation, payload: Array(euro[1...]))
        )
        #expect(result6 == .message(.text("€")))
        _ = try assembler.consume(
            WebSocketFrame(isFinal: false, opcode: .text, payload: Array("ok".utf8))
        )
        #expect(throws: WebSocketProtocolError.invalidUTF8) {
            try assembler.consume(
                WebSocketFrame(isFinal: false, opcode: .continuation, payload: [0xED, 0xA0])
            )
        }
    }

    @Test("a text message that ends mid-character is invalid")
    func truncatedCharacter() {
        var assembler = WebSocketMessageAssembler(maximumMessageSize: 1000)
        #expect(throws: WebSocketProtocolError.invalidUTF8) {
            try assembler.consume(WebSocketFrame(opcode: .text, payload: [0x61, 0xE2, 0x82]))
        }
    }

    @Test("fragments out of order are protocol errors")
    func orderErrors() throws {
        var assembler = WebSocketMessageAssembler(maximumMessageSize: 1000)
        #expect(throws: WebSocketProtocolError.unexpectedContinuation) {
            try assembler.consume(WebSocketFrame(opcode: .continuation, payload: []))
        }
        _ = try assembler.consume(WebSocketFrame(isFinal: false, opcode: .binary, payload: [1]))
        #expect(throws: WebSocketProtocolError.expectedContinuation) {
            try assembler.consume(WebSocketFrame(opcode: .text, payload: []))
        }
    }

    @Test("a message over the limit fails as soon as the fragment that crosses it arrives")
    func messageLimit() throws {
        var assembler = WebSocketMessageAssembler(maximumMessageSize: 10)
        _ = try assembler.consume(
            WebSocketFrame(isFinal: false, opcode: .binary, payload: Array(repeating: 0, count: 6))
        )
        #expect(throws: WebSocketProtocolError.messageTooLarge(limit: 10)) {
            try assembler.consume(
                WebSocketFrame(
                    isFinal: false,
                    opcode: .continuation,
                    payload: Array(repeating: 0, count: 6)
                )
            )
        }
    }

    @Test(
        "close frames: code and reason read, bad codes and one-byte payloads refused",
        arguments: [
            ([], WebSocketEvent.close(code: nil, reason: "")),
            ([0x03, 0xE8], .close(code: .normalClosure, reason: "")),
            ([0x03, 0xE8, 0x62, 0x79, 0x65], .close(code: .normalClosure, reason: "bye")),
            ([0x0F, 0xA0], .close(code: WebSocketCloseCode(rawValue: 4000), reason: "")),
        ] as [([UInt8], WebSocketEvent)]
    )
    func closeFrames(payload: [UInt8], event: WebSocketEvent) throws {
        var assembler = WebSocketMessageAssembler(maximumMessageSize: 10)
        let result7 = try assembler.consume(WebSocketFrame(opcode: .close, payload: payload))
        #expect(result7 == event)
    }

    @Test(
        "invalid close payloads",
        arguments: [
            ([0x03], WebSocketProtocolError.invalidClosePayload),
            ([0x03, 0xED], .invalidCloseCode(1005)),
            ([0x03, 0xEE], .invalidCloseCode(1006)),
            ([0x00, 0x00], .invalidCloseCode(0)),
            ([0x13, 0x88], .invalidCloseCode(5000)),
            ([0x03, 0xE8, 0xFF], .invalidUTF8),
        ] as [([UInt8], WebSocketProtocolError)]
    )
    func invalidClose(payload: [UInt8], error: WebSocketProtocolError) {
        var assembler = WebSocketMessageAssembler(maximumMessageSize: 10)
        #expect(throws: error) {
            try assembler.consume(WebSocketFrame(opcode: .close, payload: payload))
        }
    }

    @Test("close frames we build carry the code and never more than 125 bytes")
    func buildingClose() {
        let frame = WebSocketFrame.close(
            code: .goingAway,
            reason: String(repeating: "é", count: 100)
        )
        #expect(frame.payload.count <= 125)
        #expect(Array(frame.payload.prefix(2)) == [0x03, 0xE9])
        #expect(String(validating: frame.payload[2...], as: UTF8.self) != nil)
    }

    @Test("the close handshake: we start, the peer answers, we are done")
    func weStart() {
        var handshake = CloseHandshake()
        let result8 = handshake.close(code: .normalClosure, reason: "bye")
        #expect(result8 == .sendClose(code: .normalClosure, reason: "bye"))
        #expect(!handshake.canSendData)
        let result9 = handshake.close(code: .normalClosure, reason: "again")
        #expect(result9 == .doNothing)
        let result10 = handshake.closeReceived(code: .normalClosure)
        #expect(result10 == .closeConnection)
        #expect(handshake.isClosed)
    }

    @Test("the close handshake: the peer starts, we echo its code")
    func peerStarts() {
        var handshake = CloseHandshake()
        let result11 = handshake.closeReceived(code: .goingAway)
        #expect(result11 == .sendClose(code: .goingAway, reason: ""))
        #expect(handshake.isClosed)
        let result12 = handshake.closeReceived(code: .goingAway)
        #expect(result12 == .doNothing)
    }
}
