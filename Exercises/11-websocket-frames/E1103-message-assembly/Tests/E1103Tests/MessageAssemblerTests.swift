import E1103
import ExerciseSupport
import Testing
import WebSockets

/// A frame, as the parser hands it over: its payload already unmasked.
private func frame(_ opcode: WebSocketOpcode, _ payload: [UInt8], final: Bool = true)
    -> WebSocketFrame
{
    WebSocketFrame(isFinal: final, opcode: opcode, payload: payload)
}

/// A frame carrying the UTF-8 bytes of `text`.
private func frame(_ opcode: WebSocketOpcode, _ text: String, final: Bool = true)
    -> WebSocketFrame
{
    frame(opcode, Array(text.utf8), final: final)
}

/// Feeds `frames` to a new assembler and returns what it made of each.
private func events(_ frames: [WebSocketFrame], limit: Int = 1 << 20) throws -> [WebSocketEvent] {
    var assembler = E1103.WebSocketMessageAssembler(maximumMessageSize: limit)
    return try frames.map { try assembler.consume($0) }
}

@Suite("11.3a consume: fragments become messages; control frames pass between them")
struct AssemblyTests {
    @Test("a single text frame is a message, and so is a single binary frame")
    func singleFrames() throws {
        #expect(
            try events([frame(.text, "Hello"), frame(.binary, [1, 2, 3])])
                == [.message(.text("Hello")), .message(.binary([1, 2, 3]))]
        )
    }

    @Test("empty messages are messages")
    func emptyMessages() throws {
        #expect(
            try events([frame(.text, ""), frame(.binary, [])])
                == [.message(.text("")), .message(.binary([]))]
        )
    }

    @Test("RFC 6455 §5.7: \"Hel\" then \"lo\" is one message; the first fragment is partial")
    func rfcFragments() throws {
        #expect(
            try events([frame(.text, "Hel", final: false), frame(.continuation, "lo")])
                == [.partial, .message(.text("Hello"))]
        )
    }

    @Test("a hundred one-byte fragments, and empty ones among them, make one message")
    func manyFragments() throws {
        var frames = [frame(.binary, [], final: false)]
        for index in 0..<100 {
            frames.append(frame(.continuation, [UInt8(index)], final: false))
            if index % 10 == 0 { frames.append(frame(.continuation, [], final: false)) }
        }
        frames.append(frame(.continuation, []))
        let result = try events(frames)
        #expect(result.last == .message(.binary((0..<100).map { UInt8($0) })))
        #expect(result.dropLast().allSatisfy { $0 == .partial }, "\(result.prefix(3))…")
    }

    @Test("ping, pong and close between fragments are passed on at once, not added to the text")
    func controlFramesBetween() throws {
        let result = try events([
            frame(.text, "Hel", final: false),
            frame(.ping, [7]),
            frame(.continuation, "lo, ", final: false),
            frame(.pong, [8, 9]),
            frame(.close, [0x03, 0xE8]),
            frame(.continuation, "world"),
        ])
        #expect(
            result == [
                .partial, .ping([7]), .partial, .pong([8, 9]),
                .close(code: .normalClosure, reason: ""), .message(.text("Hello, world")),
            ]
        )
    }

    @Test("one message after another: each starts afresh")
    func oneAfterAnother() throws {
        let result = try events([
            frame(.text, "a", final: false), frame(.continuation, "b"),
            frame(.binary, [1], final: false), frame(.continuation, [2]),
            frame(.text, "c"),
        ])
        #expect(
            result == [
                .partial, .message(.text("ab")), .partial, .message(.binary([1, 2])),
                .message(.text("c")),
            ]
        )
    }
}

@Suite("11.3b consume: fragments out of order are protocol errors")
struct OrderTests {
    @Test("a continuation with no message to continue throws unexpectedContinuation")
    func continuationFirst() {
        #expect(throws: WebSocketProtocolError.unexpectedContinuation) {
            try events([frame(.continuation, "x")])
        }
        #expect(throws: WebSocketProtocolError.unexpectedContinuation) {
            try events([frame(.continuation, "x", final: false)])
        }
    }

    @Test("a continuation after the message's last fragment throws unexpectedContinuation")
    func continuationAfterEnd() {
        #expect(throws: WebSocketProtocolError.unexpectedContinuation) {
            try events([
                frame(.text, "a", final: false), frame(.continuation, "b"),
                frame(.continuation, "c"),
            ])
        }
    }

    @Test(
        "a new text or binary frame while a message is unfinished throws expectedContinuation",
        arguments: [
            (WebSocketOpcode.text, WebSocketOpcode.text), (.text, .binary), (.binary, .text),
            (.binary, .binary),
        ]
    )
    func newMessageTooSoon(first: WebSocketOpcode, second: WebSocketOpcode) {
        #expect(throws: WebSocketProtocolError.expectedContinuation, "\(first), then \(second)") {
            try events([frame(first, "a", final: false), frame(second, "b")])
        }
    }
}

@Suite("11.3c consume: text is UTF-8, checked fragment by fragment")
struct UTF8Tests {
    @Test("a character split between two fragments, at every byte, is fine")
    func splitEverywhere() throws {
        let text = "κόσμε €𝄞!"
        let bytes = Array(text.utf8)
        for split in 0...bytes.count {
            let result = try events([
                frame(.text, Array(bytes[..<split]), final: false),
                frame(.continuation, Array(bytes[split...])),
            ])
            #expect(result == [.partial, .message(.text(text))], "split after \(split) bytes")
        }
    }

    @Test("a ping between the halves of a character is not part of the text")
    func pingInsideCharacter() throws {
        let result = try events([
            frame(.text, [0xE2], final: false),
            frame(.ping, [0x82, 0xAC]),
            frame(.continuation, [0x82, 0xAC]),
        ])
        #expect(result == [.partial, .ping([0x82, 0xAC]), .message(.text("€"))])
    }

    @Test(
        "sent one byte a fragment, bad UTF-8 fails at the fragment with the first impossible byte",
        arguments: [
            ([0xC0, 0x80], 0),  // an overlong NUL
            ([0x61, 0xE0, 0x80, 0x80], 2),  // an overlong form
            ([0xED, 0xA0, 0x80], 1),  // a UTF-16 surrogate, U+D800
            ([0xF4, 0x90, 0x80, 0x80], 1),  // above U+10FFFF
            ([0x61, 0x62, 0xFF], 2),
            ([0x80], 0),  // a continuation byte with nothing to continue
            (
                [
                    0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5, 0xED, 0xA0,
                    0x80,
                ], 12
            ),
        ] as [([UInt8], Int)]
    )
    func failFast(bytes: [UInt8], failsAt index: Int) throws {
        var assembler = E1103.WebSocketMessageAssembler(maximumMessageSize: 1000)
        for (position, byte) in bytes.enumerated() {
            let fragment = frame(position == 0 ? .text : .continuation, [byte], final: false)
            if position < index {
                #expect(try assembler.consume(fragment) == .partial, "byte \(position) is fine")
            } else {
                #expect(
                    throws: WebSocketProtocolError.invalidUTF8,
                    "byte \(position) of \(describeBytes(bytes)) cannot be UTF-8"
                ) { try assembler.consume(fragment) }
                return
            }
        }
    }

    @Test("a text message that ends in the middle of a character throws invalidUTF8")
    func endsMidCharacter() {
        #expect(throws: WebSocketProtocolError.invalidUTF8) {
            try events([frame(.text, [0x61, 0xE2, 0x82])])
        }
        #expect(throws: WebSocketProtocolError.invalidUTF8, "in the last of three fragments") {
            try events([
                frame(.text, "a", final: false), frame(.continuation, [0xE2], final: false),
                frame(.continuation, []),
            ])
        }
    }

    @Test("the edges of Unicode are fine: U+10FFFF, and either side of the surrogates")
    func edges() throws {
        let text = "\u{10FFFF}\u{D7FF}\u{E000}\u{0}"
        #expect(try events([frame(.text, text)]) == [.message(.text(text))])
    }

    @Test("binary messages are bytes, never checked as UTF-8")
    func binaryIsNotText() throws {
        #expect(
            try events([frame(.binary, [0xFF, 0xC0], final: false), frame(.continuation, [0xED])])
                == [.partial, .message(.binary([0xFF, 0xC0, 0xED]))]
        )
    }
}

@Suite("11.3d consume: the message size limit")
struct LimitTests {
    @Test("a message of exactly the limit is fine; one byte more throws messageTooLarge")
    func singleFrame() throws {
        #expect(try events([frame(.binary, Array(repeating: 1, count: 10))], limit: 10).count == 1)
        #expect(throws: WebSocketProtocolError.messageTooLarge(limit: 10)) {
            try events([frame(.text, String(repeating: "x", count: 11))], limit: 10)
        }
    }

    @Test("all fragments count, and the fragment that crosses the limit throws at once")
    func fragments() {
        var assembler = E1103.WebSocketMessageAssembler(maximumMessageSize: 10)
        #expect(throws: WebSocketProtocolError.messageTooLarge(limit: 10)) {
            _ = try assembler.consume(frame(.binary, Array(repeating: 0, count: 6), final: false))
            _ = try assembler.consume(
                frame(.continuation, Array(repeating: 0, count: 6), final: false)
            )
        }
    }

    @Test("control frames between fragments do not count toward the limit")
    func controlFramesDoNotCount() throws {
        let result = try events(
            [
                frame(.binary, Array(repeating: 0, count: 10), final: false),
                frame(.ping, Array(repeating: 1, count: 125)),
                frame(.continuation, []),
            ],
            limit: 10
        )
        #expect(result.last == .message(.binary(Array(repeating: 0, count: 10))))
    }
}

@Suite("11.3e consume: close frames carry a code and a reason (RFC 6455 §5.5.1, §7.4)")
struct CloseTests {
    @Test(
        "an empty close has no code; otherwise a 2-byte code, then UTF-8 text",
        arguments: [
            ([], WebSocketEvent.close(code: nil, reason: "")),
            ([0x03, 0xE8], .close(code: .normalClosure, reason: "")),
            ([0x03, 0xE8, 0x62, 0x79, 0x65], .close(code: .normalClosure, reason: "bye")),
            ([0x03, 0xE9] + Array("✓ done".utf8), .close(code: .goingAway, reason: "✓ done")),
            ([0x0F, 0xA0], .close(code: WebSocketCloseCode(rawValue: 4000), reason: "")),
        ] as [([UInt8], WebSocketEvent)]
    )
    func valid(payload: [UInt8], event: WebSocketEvent) throws {
        #expect(try events([frame(.close, payload)]) == [event], "\(describeBytes(payload))")
    }

    @Test(
        "the codes an endpoint may send are accepted",
        arguments: [
            1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999,
            4000, 4999,
        ] as [UInt16]
    )
    func sendableCodes(code: UInt16) throws {
        let payload = [UInt8(code >> 8), UInt8(code & 0xFF)]
        #expect(
            try events([frame(.close, payload)])
                == [.close(code: WebSocketCloseCode(rawValue: code), reason: "")]
        )
    }

    @Test(
        "a code no endpoint may send throws invalidCloseCode with that code",
        arguments: [0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535] as [UInt16]
    )
    func invalidCodes(code: UInt16) {
        let payload = [UInt8(code >> 8), UInt8(code & 0xFF)]
        #expect(throws: WebSocketProtocolError.invalidCloseCode(code)) {
            try events([frame(.close, payload)])
        }
    }

    @Test("a one-byte payload throws invalidClosePayload; a reason that is not UTF-8, invalidUTF8")
    func invalidPayloads() {
        #expect(throws: WebSocketProtocolError.invalidClosePayload) {
            try events([frame(.close, [0x03])])
        }
        #expect(throws: WebSocketProtocolError.invalidUTF8) {
            try events([frame(.close, [0x03, 0xE8, 0xFF])])
        }
        #expect(throws: WebSocketProtocolError.invalidUTF8, "a reason cut mid-character") {
            try events([frame(.close, [0x03, 0xE8, 0x61, 0xE2, 0x82])])
        }
    }
}
