import Testing
import WebSockets

@Suite("Frames (RFC 6455 §5): headers, masking, the parser")
struct FrameTests {
    // The examples of RFC 6455 §5.7, byte for byte.
    static let unmaskedHello: [UInt8] = [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F]
    static let maskedHello: [UInt8] = [
        0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58,
    ]

    @Test("a single-frame unmasked text message encodes as in §5.7")
    func unmaskedExample() {
        let frame = WebSocketFrame(opcode: .text, payload: Array("Hello".utf8))
        #expect(frame.encoded() == Self.unmaskedHello)
    }

    @Test("a single-frame masked text message encodes as in §5.7")
    func maskedExample() {
        let frame = WebSocketFrame(opcode: .text, payload: Array("Hello".utf8))
        #expect(frame.encoded(maskingKey: [0x37, 0xFA, 0x21, 0x3D]) == Self.maskedHello)
    }

    @Test(
        "the 7-, 16- and 64-bit length forms are chosen as §5.2 says",
        arguments: [
            (125, [0x82, 0x7D]), (126, [0x82, 0x7E, 0x00, 0x7E]), (256, [0x82, 0x7E, 0x01, 0x00]),
            (65535, [0x82, 0x7E, 0xFF, 0xFF]),
            (65536, [0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0]),
        ] as [(Int, [UInt8])]
    )
    func lengthForms(length: Int, header: [UInt8]) throws {
        let bytes = WebSocketFrame(opcode: .binary, payload: Array(repeating: 7, count: length))
            .encoded()
        #expect(Array(bytes.prefix(header.count)) == header)
        let decoded = try FrameHeader.decode(bytes[...])
        #expect(
            decoded
                == .header(
                    FrameHeader(isFinal: true, opcode: .binary, payloadLength: UInt64(length)),
                    length: header.count
                )
        )
    }

    @Test("masking twice gives the payload back, at every offset and length")
    func maskingIsAnInvolution() {
        let key: [UInt8] = [0xDE, 0xAD, 0xBE, 0xEF]
        for length in 0..<40 {
            for offset in 0..<4 {
                let original = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) }
                var bytes = original
                Masking.apply(key, to: &bytes, offset: offset)
                let expected = original.enumerated().map { $1 ^ key[($0 + offset) % 4] }
                #expect(bytes == expected)
                Masking.apply(key, to: &bytes, offset: offset)
                #expect(bytes == original)
            }
        }
    }

    @Test("a server's parser reads the masked example, fed one byte at a time")
    func parserByteAtATime() throws {
        var parser = WebSocketFrameParser(sender: .client, maximumFrameSize: 1 << 20)
        for byte in Self.maskedHello.dropLast() {
            parser.append([byte])
            let result1 = try parser.nextFrame()
            #expect(result1 == nil)
        }
        parser.append([Self.maskedHello.last ?? 0])
        let result2 = try parser.nextFrame()
        #expect(result2 == WebSocketFrame(opcode: .text, payload: Array("Hello".utf8)))
        let result3 = try parser.nextFrame()
        #expect(result3 == nil)
    }

    @Test("several frames in one read come out one by one")
    func severalFramesInOneRead() throws {
        var parser = WebSocketFrameParser(sender: .server, maximumFrameSize: 1 << 20)
        let ping = WebSocketFrame(opcode: .ping, payload: [1, 2])
        let big = WebSocketFrame(
            isFinal: false,
            opcode: .binary,
            payload: Array(repeating: 9, count: 70_000)
        )
        parser.append(Self.unmaskedHello + ping.encoded() + big.encoded())
        #expect(try parser.nextFrame()?.payload == Array("Hello".utf8))
        let result4 = try parser.nextFrame()
        #expect(result4 == ping)
        let result5 = try parser.nextFrame()
        #expect(result5 == big)
        let result6 = try parser.nextFrame()
        #expect(result6 == nil)
    }

    @Test(
        "frames that break §5 are refused with the error that names the rule",
        arguments: [
            ([0xC1, 0x80, 0, 0, 0, 0], WebSocketProtocolError.reservedBitsSet),
            ([0x83, 0x80, 0, 0, 0, 0], .unknownOpcode(3)),
            ([0x09, 0x80, 0, 0, 0, 0], .fragmentedControlFrame),
            ([0x89, 0xFE, 0x00, 0x7E, 0, 0, 0, 0], .controlFrameTooLong(126)),
            ([0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F], .unmaskedClientFrame),
            ([0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], .invalidLength),
            ([0x82, 0xFF, 0, 0, 0, 0, 0, 0x10, 0, 1, 0, 0, 0, 0], .frameTooLarge(limit: 1 << 20)),
        ] as [([UInt8], WebSocketProtocolError)]
    )
    func violations(bytes: [UInt8], error: WebSocketProtocolError) {
        var parser = WebSocketFrameParser(sender: .client, maximumFrameSize: 1 << 20)
        parser.append(bytes)
        #expect(throws: error) { try parser.nextFrame() }
    }

    @Test("a client's parser refuses a masked frame from a server")
    func maskedServerFrame() {
        var parser = WebSocketFrameParser(sender: .server, maximumFrameSize: 1 << 20)
        parser.append(Self.maskedHello)
        #expect(throws: WebSocketProtocolError.maskedServerFrame) { try parser.nextFrame() }
    }

    @Test("protocol errors map to the close codes of §7.4.1")
    func closeCodes() {
        #expect(WebSocketProtocolError.invalidUTF8.closeCode == .invalidPayloadData)
        #expect(WebSocketProtocolError.messageTooLarge(limit: 1).closeCode == .messageTooBig)
        #expect(WebSocketProtocolError.reservedBitsSet.closeCode == .protocolError)
    }
}
