import E1101
import ExerciseSupport
import Testing
import WebSockets

/// Decodes `bytes` as the parser would: a slice of a larger buffer, not starting at 0.
///
/// The bytes before it stand for the frame before this one, already consumed; the bytes
/// after it for this frame's payload.
private func decode(_ bytes: [UInt8], payload: [UInt8] = []) throws -> E1101.FrameHeader.Decoded {
    let before: [UInt8] = [0x81, 0x02, 0x68, 0x69]  // an earlier frame: text "hi"
    let buffer = before + bytes + payload
    return try E1101.FrameHeader.decode(buffer[before.count...])
}

/// A header, as the tests write them.
private func header(
    _ opcode: WebSocketOpcode,
    final: Bool = true,
    length: UInt64,
    key: [UInt8]? = nil
) -> E1101.FrameHeader {
    E1101.FrameHeader(isFinal: final, opcode: opcode, maskingKey: key, payloadLength: length)
}

/// The key of RFC 6455 §5.7's masked examples.
private let rfcKey: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]

/// RFC 6455 §5.7's example frames, cut after the header, and the header each one has.
private let rfcExamples: [(String, [UInt8], E1101.FrameHeader)] = [
    ("unmasked text \"Hello\"", [0x81, 0x05], header(.text, length: 5)),
    ("masked text \"Hello\"", [0x81, 0x85] + rfcKey, header(.text, length: 5, key: rfcKey)),
    ("first fragment \"Hel\"", [0x01, 0x03], header(.text, final: false, length: 3)),
    ("last fragment \"lo\"", [0x80, 0x02], header(.continuation, length: 2)),
    ("unmasked ping \"Hello\"", [0x89, 0x05], header(.ping, length: 5)),
    ("masked pong \"Hello\"", [0x8A, 0x85] + rfcKey, header(.pong, length: 5, key: rfcKey)),
    ("256 bytes of binary", [0x82, 0x7E, 0x01, 0x00], header(.binary, length: 256)),
    (
        "64 KiB of binary", [0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00],
        header(.binary, length: 65536)
    ),
]

@Suite("11.1a FrameHeader.decode: 2 to 14 bytes, or not yet", .serialized)
struct FrameHeaderDecodeTests {
    @Test("RFC 6455 §5.7's example frames decode to their headers", arguments: rfcExamples)
    func rfcFrames(name: String, bytes: [UInt8], expected: E1101.FrameHeader) throws {
        let payload = Array(repeating: UInt8(0x55), count: 5)
        #expect(
            try decode(bytes, payload: payload) == .header(expected, length: bytes.count),
            "\(name): \(describeBytes(bytes))"
        )
    }

    @Test(
        "every prefix of a header too short to hold it is needMoreData, in each length form",
        arguments: [
            [0x81, 0x05], [0x82, 0x7E, 0x01, 0x00], [0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0],
            [0x81, 0x85, 1, 2, 3, 4], [0x82, 0xFE, 0x01, 0x00, 1, 2, 3, 4],
            [0x82, 0xFF, 0, 0, 0, 0, 0, 1, 0, 0, 1, 2, 3, 4],
        ] as [[UInt8]]
    )
    func truncated(bytes: [UInt8]) throws {
        for count in 0..<bytes.count {
            let prefix = Array(bytes.prefix(count))
            #expect(
                try decode(prefix) == .needMoreData,
                "\(describeBytes(prefix)) of the \(bytes.count)-byte header \(describeBytes(bytes))"
            )
        }
        guard case .header(_, let length) = try decode(bytes) else {
            Issue.record("the whole header \(describeBytes(bytes)) is not needMoreData")
            return
        }
        #expect(length == bytes.count, "\(describeBytes(bytes))")
    }

    @Test("extended lengths are big-endian, all 16 or 64 bits of them")
    func bigEndian() throws {
        #expect(
            try decode([0x82, 0x7E, 0xFF, 0xFE])
                == .header(header(.binary, length: 65534), length: 4)
        )
        let eight: [UInt8] = [0x82, 0x7F, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]
        #expect(
            try decode(eight) == .header(header(.binary, length: 0x0102_0304_0506_0708), length: 10)
        )
        let largest: [UInt8] = [0x82, 0x7F, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        #expect(
            try decode(largest) == .header(header(.binary, length: UInt64(Int64.max)), length: 10),
            "2⁶³ − 1 is the largest length allowed"
        )
    }

    @Test(
        "a 64-bit length with its top bit set throws invalidLength (§5.2)",
        arguments: [
            [0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0],
            [0x82, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
            [0x82, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0x05, 1, 2, 3, 4],
        ] as [[UInt8]]
    )
    func topBit(bytes: [UInt8]) {
        #expect(throws: WebSocketProtocolError.invalidLength, "\(describeBytes(bytes))") {
            try decode(bytes)
        }
    }

    @Test("FIN, the RSV bits and unknown opcodes are reported as they are, not judged here")
    func rawBits() throws {
        var expected = header(.text, length: 0)
        expected.reservedBits = 0b111
        expected.opcodeBits = 0x3
        #expect(try decode([0xF3, 0x00]) == .header(expected, length: 2), "F3 00")
        expected.isFinal = false
        expected.reservedBits = 0b100
        expected.opcodeBits = 0xB
        #expect(try decode([0x4B, 0x00]) == .header(expected, length: 2), "4B 00")
    }

    @Test("decode reads at the slice's start and takes nothing of the payload")
    func sliceAndPayload() throws {
        let frame: [UInt8] = [0x81, 0x85] + rfcKey + [0x7F, 0x9F, 0x4D, 0x51, 0x58]
        let buffer = Array(repeating: UInt8(0xFF), count: 1000) + frame
        #expect(
            try E1101.FrameHeader.decode(buffer[1000...])
                == .header(header(.text, length: 5, key: rfcKey), length: 6),
            "the frame starts at index 1000 of the buffer"
        )
    }
}

@Suite("11.1b FrameHeader.encoded: the shortest length form", .serialized)
struct FrameHeaderEncodeTests {
    @Test("RFC 6455 §5.7's example headers encode to the RFC's bytes", arguments: rfcExamples)
    func rfcFrames(name: String, bytes: [UInt8], header: E1101.FrameHeader) throws {
        #expect(try Bytes(header.encoded) == Bytes(bytes), "\(name)")
    }

    @Test(
        "lengths up to 125 take 7 bits, up to 65535 16 bits, beyond that 64 bits",
        arguments: [
            (0, [0x82, 0x00]), (1, [0x82, 0x01]), (125, [0x82, 0x7D]),
            (126, [0x82, 0x7E, 0x00, 0x7E]), (127, [0x82, 0x7E, 0x00, 0x7F]),
            (65535, [0x82, 0x7E, 0xFF, 0xFF]),
            (65536, [0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00]),
            (0x1_0203_0405, [0x82, 0x7F, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05]),
            (UInt64(Int64.max), [0x82, 0x7F, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
        ] as [(UInt64, [UInt8])]
    )
    func lengths(length: UInt64, bytes: [UInt8]) throws {
        #expect(
            try Bytes(header(.binary, length: length).encoded) == Bytes(bytes),
            "length \(length)"
        )
    }

    @Test("the mask bit is set and the key follows the length, in each length form")
    func masked() throws {
        let key: [UInt8] = [0xA1, 0xB2, 0xC3, 0xD4]
        #expect(try Bytes(header(.text, length: 3, key: key).encoded) == Bytes([0x81, 0x83] + key))
        #expect(
            try Bytes(header(.binary, length: 300, key: key).encoded)
                == Bytes([0x82, 0xFE, 0x01, 0x2C] + key)
        )
        #expect(
            try Bytes(header(.binary, length: 70000, key: key).encoded)
                == Bytes([0x82, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x11, 0x70] + key)
        )
    }

    @Test("FIN, RSV1–3 and the opcode share the first byte")
    func firstByte() throws {
        #expect(try header(.continuation, final: false, length: 0).encoded == [0x00, 0x00])
        #expect(try header(.close, length: 0).encoded == [0x88, 0x00])
        var withReserved = header(.text, length: 0)
        withReserved.reservedBits = 0b101
        #expect(try withReserved.encoded == [0xD1, 0x00], "FIN, RSV1 and RSV3, text")
    }

    @Test("decode(encoded) gives back the same header, for every kind of header")
    func roundTrip() throws {
        let opcodes: [WebSocketOpcode] = [.continuation, .text, .binary, .close, .ping, .pong]
        let lengths: [UInt64] = [0, 7, 125, 126, 1000, 65535, 65536, 1 << 40]
        for opcode in opcodes {
            for length in lengths {
                for key in [nil, [9, 8, 7, 6]] as [[UInt8]?] {
                    for final in [true, false] {
                        let original = header(opcode, final: final, length: length, key: key)
                        let bytes = try original.encoded
                        let decoded = try E1101.FrameHeader.decode(bytes[...])
                        #expect(
                            decoded == .header(original, length: bytes.count),
                            "\(original) encoded as \(describeBytes(bytes))"
                        )
                    }
                }
            }
        }
    }
}
