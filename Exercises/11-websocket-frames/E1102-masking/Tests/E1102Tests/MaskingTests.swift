import E1102
import ExerciseSupport
import Testing

/// The definition, one byte at a time (RFC 6455 §5.3): byte `i` of the payload is XORed
/// with `key[i % 4]`; a piece that starts at `offset` starts at `key[offset % 4]`.
private func reference(_ key: [UInt8], _ bytes: [UInt8], offset: Int = 0) -> [UInt8] {
    bytes.indices.map { bytes[$0] ^ key[($0 + offset) % 4] }
}

/// Masks a copy of `bytes` with your `apply`.
private func masked(_ key: [UInt8], _ bytes: [UInt8], offset: Int = 0) throws -> [UInt8] {
    var copy = bytes
    try E1102.Masking.apply(key, to: &copy, offset: offset)
    return copy
}

/// Bytes that are not all alike, so that a byte XORed with the wrong key byte shows.
private func sample(_ count: Int, seed: Int = 0) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed &* 7 &+ 5) }
}

@Suite("11.2a Masking.apply: XOR with a 4-byte key, from any offset", .serialized)
struct MaskingTests {
    static let key: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]

    @Test("RFC 6455 §5.7: \"Hello\" masked with 37 fa 21 3d is 7f 9f 4d 51 58, and back")
    func rfcExample() throws {
        let hello = Array("Hello".utf8)
        #expect(try Bytes(masked(Self.key, hello)) == Bytes([0x7F, 0x9F, 0x4D, 0x51, 0x58]))
        #expect(try Bytes(masked(Self.key, [0x7F, 0x9F, 0x4D, 0x51, 0x58])) == Bytes(hello))
    }

    @Test("byte i is XORed with key[(i + offset) % 4], for every length to 70 and offset to 8")
    func definition() throws {
        for key in [Self.key, [0x01, 0x80, 0xFF, 0x00]] {
            for count in 0...70 {
                for offset in 0...8 {
                    let bytes = sample(count, seed: offset)
                    #expect(
                        try Bytes(masked(key, bytes, offset: offset))
                            == Bytes(reference(key, bytes, offset: offset)),
                        "\(count) bytes at offset \(offset) with key \(describeBytes(key))"
                    )
                }
            }
        }
    }

    @Test("applied twice with the same key and offset, the bytes are as they were")
    func twiceIsIdentity() throws {
        for count in [0, 1, 3, 7, 8, 9, 15, 16, 17, 1000, 1001] {
            for offset in [0, 1, 2, 3, 5] {
                let original = sample(count)
                var bytes = original
                try E1102.Masking.apply(Self.key, to: &bytes, offset: offset)
                if count > 0 { #expect(bytes != original, "masking changed nothing") }
                try E1102.Masking.apply(Self.key, to: &bytes, offset: offset)
                #expect(Bytes(bytes) == Bytes(original), "\(count) bytes at offset \(offset)")
            }
        }
    }

    @Test("a payload masked in two pieces, the second at its offset, is masked as a whole")
    func pieces() throws {
        let payload = sample(37)
        let whole = try masked(Self.key, payload)
        for split in 0...payload.count {
            let first = try masked(Self.key, Array(payload[..<split]), offset: 0)
            let second = try masked(Self.key, Array(payload[split...]), offset: split)
            #expect(Bytes(first + second) == Bytes(whole), "split after \(split) bytes")
        }
    }

    @Test("only the offset modulo 4 matters, however far into the payload")
    func farOffsets() throws {
        let bytes = sample(21)
        #expect(
            try masked(Self.key, bytes, offset: 4_000_001) == masked(Self.key, bytes, offset: 1)
        )
        #expect(try masked(Self.key, bytes, offset: 1 << 40) == masked(Self.key, bytes))
    }

    @Test("a key of zeros changes nothing; a key of ff inverts every bit")
    func specialKeys() throws {
        let bytes = sample(13)
        #expect(try masked([0, 0, 0, 0], bytes, offset: 3) == bytes)
        #expect(try masked([0xFF, 0xFF, 0xFF, 0xFF], bytes) == bytes.map { ~$0 })
    }

    @Test("256 KiB and 3 bytes, at an odd offset: every byte right, the last ones too")
    func large() throws {
        let bytes = sample(262_147)
        let result = try masked(Self.key, bytes, offset: 3)
        let expected = reference(Self.key, bytes, offset: 3)
        #expect(result == expected, "\(firstDifference(expected, result))")
    }
}
