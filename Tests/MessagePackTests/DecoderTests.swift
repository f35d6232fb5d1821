import MessagePack
import Testing

/// Bytes and what they decode to, or the error they give.
struct Decoding<Expected: Sendable>: Sendable, CustomTestStringConvertible {
    let hex: String
    let expected: Expected

    init(_ hex: String, _ expected: Expected) {
        self.hex = hex
        self.expected = expected
    }

    var testDescription: String { hex.isEmpty ? "(no bytes)" : hex }
}

@Suite("Decoder: every format of the spec, longer forms included")
struct DecoderTests {
    @Test(
        "an encoder may pick a longer format than ours: every one reads",
        arguments: [
            Decoding("d0 01", 1 as MessagePackValue),
            Decoding("d0 ff", -1),
            Decoding("d1 00 80", 128),
            Decoding("d1 ff ff", -1),
            Decoding("d2 7f ff ff ff", .int(2_147_483_647)),
            Decoding("d2 00 00 00 00", 0),
            Decoding("d3 00 20 00 00 00 00 00 00", .int(1 << 53)),
            Decoding("d3 ff ff ff ff ff ff ff ff", -1),
            Decoding("cc 05", 5),
            Decoding("cd 00 05", 5),
            Decoding("ce 00 00 00 05", 5),
            Decoding("cf 00 00 00 00 00 00 00 05", 5),
            Decoding("d9 00", ""),
            Decoding("d9 01 61", "a"),
            Decoding("da 00 01 61", "a"),
            Decoding("db 00 00 00 01 61", "a"),
            Decoding("c5 00 00", .binary([])),
            Decoding("c6 00 00 00 02 01 02", .binary([1, 2])),
            Decoding("dc 00 00", []),
            Decoding("dc 00 01 c0", [nil]),
            Decoding("dd 00 00 00 02 c2 c3", [false, true]),
            Decoding("de 00 00", [:]),
            Decoding("de 00 01 a1 61 01", ["a": 1]),
            Decoding("df 00 00 00 01 a1 61 01", ["a": 1]),
            Decoding("c7 00 05", .extension(type: 5, data: [])),
            Decoding("c7 01 00 00", .extension(type: 0, data: [0])),
            Decoding("c8 00 01 ff 07", .extension(type: -1, data: [7])),
            Decoding("c9 00 00 00 02 80 01 02", .extension(type: -128, data: [1, 2])),
            Decoding("ca 3f 00 00 00", .float32(0.5)),
            Decoding("ca 3f 00 00 00", .float64(0.5)),  // a Float equals its Double
            Decoding("cb 3f e0 00 00 00 00 00 00", 0.5),
        ] as [Decoding<MessagePackValue>]
    )
    func longerForms(_ decoding: Decoding<MessagePackValue>) throws {
        #expect(try decode(bytes(decoding.hex)) == decoding.expected)
    }

    @Test("map keys can be any value, and a repeated key keeps every entry")
    func mapKeys() throws {
        // {1: "a", nil: true, [1]: {}, "k": 1, "k": 2}
        let value = try decode(bytes("85 01 a1 61 c0 c3 91 01 80 a1 6b 01 a1 6b 02"))
        let map = try #require(value.mapValue)
        #expect(map.keys == [1, nil, [1], "k", "k"])
        #expect(map.value(forKey: 1) == "a")
        #expect(map.value(forKey: nil) == true)
        #expect(map.value(forKey: [1]) == [:])
        #expect(map["k"] == 2)  // the last, as JavaScript sees it
        #expect(value.encoded() == bytes("85 01 a1 61 c0 c3 91 01 80 a1 6b 01 a1 6b 02"))
    }

    @Test("a slice is decoded in place, with offsets from its first byte")
    func slice() throws {
        let message = bytes("04 92 01 a1 61")  // a packet type byte, then the value
        #expect(try MessagePackValue(decoding: message[1...]) == [1, "a"])
        let broken = bytes("04 92 01 c1")
        #expect(throws: MessagePackDecodingError.neverUsedByte(offset: 2)) {
            try MessagePackValue(decoding: broken[1...])
        }
    }

    @Test("raw bytes decode too, as Data's withUnsafeBytes gives them")
    func rawBytes() throws {
        let value = try bytes("a2 68 69").withUnsafeBytes { raw in
            try MessagePackValue(decoding: raw)
        }
        #expect(value == "hi")
    }

    @Test("strings come out as Swift strings, with every kind of character")
    func unicode() throws {
        // From notepack's tests: α, 亜, and 🐦 (a surrogate pair in JavaScript).
        #expect(try decode(bytes("a2 ce b1")) == "α")
        #expect(try decode(bytes("a3 e4 ba 9c")) == "亜")
        #expect(try decode(bytes("a4 f0 9f 90 a6")) == "🐦")
        #expect(try decode(bytes("a1 00")) == "\u{0}")
    }
}
