import MessagePack
import Testing

/// A value, the bytes notepack.io writes for it, and where that pair comes from.
struct NotepackVector: Sendable, CustomTestStringConvertible {
    let value: MessagePackValue
    let hex: String
    let source: Source

    /// Where a vector was read.
    enum Source: String, Sendable {
        /// notepack.io's own test suite, darrachequesne/notepack `test/test.js` (2.3.0):
        /// `check(value, hex)` asserts that encode gives hex and decode gives the value.
        case notepackTests = "notepack test/test.js"
        /// socket.io-msgpack-parser's README: the bytes of `socket.emit("hello", "you")`.
        case parserReadme = "socket.io-msgpack-parser README"
        /// The official bundle socket.io.msgpack.min.js 4.8.3 (notepack's 2.x browser
        /// encoder), run under Node.js by notepack-peer.js; NotepackPeerTests checks them
        /// again, live, where Node.js is installed.
        case bundle = "socket.io.msgpack.min.js under Node.js"
    }

    init(_ value: MessagePackValue, _ hex: String, _ source: Source) {
        self.value = value
        self.hex = hex.filter { !$0.isWhitespace }
        self.source = source
    }

    var testDescription: String {
        "\(value.description.prefix(60)) → \(hex.prefix(40)) (\(source.rawValue))"
    }
}

/// A JavaScript number as a Swift value: whole ones are integers, the rest float 64, which
/// is what notepack's decoder gives back and, with `.notepack` options, what we write.
private let vectors: [NotepackVector] = [
    // Positive and negative fixint.
    .init(0, "00", .notepackTests), .init(0x44, "44", .notepackTests),
    .init(0x7f, "7f", .notepackTests), .init(-1, "ff", .notepackTests),
    .init(-0x10, "f0", .notepackTests), .init(-0x20, "e0", .notepackTests),
    // Containers and strings.
    .init([:], "80", .notepackTests),
    .init(["a": 1, "b": 2, "c": 3], "83 a1 61 01 a1 62 02 a1 63 03", .notepackTests),
    .init([], "90", .notepackTests), .init([1, 2, 3, 4], "94 01 02 03 04", .notepackTests),
    .init("", "a0", .notepackTests), .init("hello", "a5 68 65 6c 6c 6f", .notepackTests),
    .init("α", "a2 ce b1", .notepackTests), .init("亜", "a3 e4 ba 9c", .notepackTests),
    .init("🐦", "a4 f0 9f 90 a6", .notepackTests),
    .init(.string(text(32)), "d9 20" + String(repeating: "61", count: 32), .notepackTests),
    .init(nil, "c0", .notepackTests), .init(false, "c2", .notepackTests),
    .init(true, "c3", .notepackTests),
    // Buffers are bin, from bin 8 up, even when empty.
    .init(.binary([]), "c4 00", .notepackTests), .init(.binary([0]), "c4 01 00", .notepackTests),
    .init(.binary(Array("hello".utf8)), "c4 05 68 65 6c 6c 6f", .notepackTests),
    // Numbers that are not whole are float 64.
    .init(1.1, "cb 3f f1 99 99 99 99 99 9a", .notepackTests),
    .init(1_234_567_891_234_567.5, "cb 43 11 8b 54 f2 6e bc 1e", .notepackTests),
    .init(.float64(.infinity), "cb 7f f0 00 00 00 00 00 00", .notepackTests),
    .init(.float64(-.infinity), "cb ff f0 00 00 00 00 00 00", .notepackTests),
    // Whole numbers: unsigned formats when positive, signed when negative.
    .init(128, "cc 80", .notepackTests), .init(255, "cc ff", .notepackTests),
    .init(256, "cd 01 00", .notepackTests), .init(65535, "cd ff ff", .notepackTests),
    .init(65536, "ce 00 01 00 00", .notepackTests),
    .init(.int(4_294_967_295), "ce ff ff ff ff", .notepackTests),
    .init(.int(4_294_967_296), "cf 00 00 00 01 00 00 00 00", .notepackTests),
    .init(.int(9_007_199_254_740_991), "cf 00 1f ff ff ff ff ff ff", .notepackTests),
    .init(.uint(1 << 63), "cf 80 00 00 00 00 00 00 00", .notepackTests),
    .init(-33, "d0 df", .notepackTests), .init(-128, "d0 80", .notepackTests),
    .init(-129, "d1 ff 7f", .notepackTests), .init(-32768, "d1 80 00", .notepackTests),
    .init(-32769, "d2 ff ff 7f ff", .notepackTests),
    .init(.int(-2_147_483_648), "d2 80 00 00 00", .notepackTests),
    .init(.int(-2_147_483_649), "d3 ff ff ff ff 7f ff ff ff", .notepackTests),
    .init(.int(-4_294_967_297), "d3 ff ff ff fe ff ff ff ff", .notepackTests),
    .init(.int(-65_437_650_001_231), "d3 ff ff c4 7c 1c 1d e2 b1", .notepackTests),
    .init(.int(-1_111_111_111_111_111), "d3 ff fc 0d 73 48 ea 8e 39", .notepackTests),
    .init(.int(-1_532_678_092_380_345), "d3 ff fa 8e 09 92 bf a7 47", .notepackTests),
    .init(.int(-4_503_599_627_370_496), "d3 ff f0 00 00 00 00 00 00", .notepackTests),
    .init(.int(-7_840_340_234_323_423), "d3 ff e4 25 40 89 6a 3a 21", .notepackTests),
    .init(.int(-9_007_199_254_740_991), "d3 ff e0 00 00 00 00 00 01", .notepackTests),
    .init(.int(.min), "d3 80 00 00 00 00 00 00 00", .notepackTests),
    // undefined: fixext 1 of type 0.
    .init(.undefined, "d4 00 00", .notepackTests),
    // Map 16, 16 keys.
    .init(
        [
            "0": 0, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9,
            "a": 10, "b": 11, "c": 12, "d": 13, "e": 14, "f": 15,
        ],
        "de 00 10 a1 30 00 a1 31 01 a1 32 02 a1 33 03 a1 34 04 a1 35 05 a1 36 06 a1 37 07 a1 38 08"
            + " a1 39 09 a1 61 0a a1 62 0b a1 63 0c a1 64 0d a1 65 0e a1 66 0f",
        .notepackTests
    ),
    // A Socket.IO packet as the server sends it.
    .init(
        ["type": 2, "nsp": "/", "data": ["hello", "you"]],
        "83 a4 74 79 70 65 02 a3 6e 73 70 a1 2f a4 64 61 74 61 92 a5 68 65 6c 6c 6f a3 79 6f 75",
        .parserReadme
    ),
    // From the browser bundle's own encoder.
    .init(300, "cd 01 2c", .bundle),
    .init(.float64(1.5), "cb 3f f8 00 00 00 00 00 00", .bundle),
    .init(.float64(.nan), "cb 7f f8 00 00 00 00 00 00", .bundle),
    .init("hé", "a3 68 c3 a9", .bundle),
    .init(.binary([0, 1, 2]), "c4 03 00 01 02", .bundle),  // an ArrayBuffer
    .init(["0": 1, "1": 2], "82 a1 30 01 a1 31 02", .bundle),  // Uint8Array.of(1, 2)
    .init(["a": .undefined, "b": nil], "82 a1 61 d4 00 00 a1 62 c0", .bundle),
    .init(
        ["type": 2, "data": ["hello", "you"], "options": ["compress": true], "nsp": "/"],
        "84 a4 74 79 70 65 02 a4 64 61 74 61 92 a5 68 65 6c 6c 6f a3 79 6f 75"
            + " a7 6f 70 74 69 6f 6e 73 81 a8 63 6f 6d 70 72 65 73 73 c3 a3 6e 73 70 a1 2f",
        .bundle
    ),
    .init(
        ["type": 0, "data": .undefined, "nsp": "/"],
        "83 a4 74 79 70 65 00 a4 64 61 74 61 d4 00 00 a3 6e 73 70 a1 2f",
        .bundle
    ),
    .init(["type": 1, "nsp": "/"], "82 a4 74 79 70 65 01 a3 6e 73 70 a1 2f", .bundle),
]

/// Bytes notepack's tests decode although its encoder never writes them, and the value.
private let decodeOnlyVectors: [NotepackVector] = [
    .init(127, "d0 7f", .notepackTests), .init(1, "d0 01", .notepackTests),
    .init(-1, "d0 ff", .notepackTests), .init(32767, "d1 7f ff", .notepackTests),
    .init(128, "d1 00 80", .notepackTests), .init(-1, "d1 ff ff", .notepackTests),
    .init(.int(2_147_483_647), "d2 7f ff ff ff", .notepackTests),
    .init(32768, "d2 00 00 80 00", .notepackTests), .init(-1, "d2 ff ff ff ff", .notepackTests),
    .init(.int(1 << 53), "d3 00 20 00 00 00 00 00 00", .notepackTests),
    .init(.int(4_294_967_296), "d3 00 00 00 01 00 00 00 00", .notepackTests),
    .init(-1, "d3 ff ff ff ff ff ff ff ff", .notepackTests),
    .init(.float32(0.5), "ca 3f 00 00 00", .notepackTests),
    .init(
        .extension(type: 127, data: Array("hello".utf8)),
        "c7 05 7f 68 65 6c 6c 6f",
        .notepackTests
    ),
    .init(.extension(type: 127, data: [0x61]), "d4 7f 61", .notepackTests),
    .init(.extension(type: 127, data: Array("ab".utf8)), "d5 7f 61 62", .notepackTests),
    .init(.extension(type: 127, data: Array("abcd".utf8)), "d6 7f 61 62 63 64", .notepackTests),
    .init(
        .extension(type: 127, data: Array("abcdabcd".utf8)),
        "d7 7f 61 62 63 64 61 62 63 64",
        .notepackTests
    ),
    .init(
        .extension(type: -128, data: Array(String(repeating: "abcd", count: 4).utf8)),
        "d8 80" + String(repeating: "61626364", count: 4),
        .notepackTests
    ),
    // A Node.js ArrayBuffer: ext 8 of type 0, even for 4 bytes (never fixext 4).
    .init(.extension(type: 0, data: [1, 2, 3, 4]), "c7 04 00 01 02 03 04", .notepackTests),
    // new Date(0): fixext 8 of type 0, milliseconds as an int 64.
    .init(
        .extension(type: 0, data: Array(repeating: 0, count: 8)),
        "d7 00 00 00 00 00 00 00 00 00",
        .notepackTests
    ),
]

@Suite("notepack.io: our encoder writes its bytes, our decoder reads them")
struct NotepackVectorTests {
    @Test("each value encodes to notepack's bytes (options .notepack) and back", arguments: vectors)
    func vector(_ vector: NotepackVector) throws {
        #expect(hex(vector.value.encoded(options: .notepack)) == vector.hex)
        let decoded = try decode(bytes(vector.hex))
        if vector.value.containsNaN {
            #expect(decoded.encoded(options: .notepack) == bytes(vector.hex))
        } else {
            #expect(decoded == vector.value)
        }
    }

    @Test("longer forms and extensions notepack reads decode too", arguments: decodeOnlyVectors)
    func decodeOnly(_ vector: NotepackVector) throws {
        #expect(try decode(bytes(vector.hex)) == vector.value)
    }

    @Test(
        "with .notepack, a whole float is written as the integer JavaScript sees",
        arguments: [
            (.float64(2.0), "02"),
            (.float64(-0.0), "00"),
            (.float32(3), "03"),
            (.float64(300), "cd 01 2c"),
            (.float64(-33), "d0 df"),
            (.float64(4_294_967_296), "cf 00 00 00 01 00 00 00 00"),
            (.float64(9_223_372_036_854_775_808), "cf 80 00 00 00 00 00 00 00"),  // 2^63
            (.float64(-9_223_372_036_854_775_808), "d3 80 00 00 00 00 00 00 00"),  // -2^63
            (.float64(0.5), "cb 3f e0 00 00 00 00 00 00"),
            (.float32(0.5), "ca 3f 00 00 00"),  // not whole: it keeps its precision
            // Beyond 64 bits notepack writes cf 00 … 00 (zero); we keep the float.
            (.float64(1e100), "cb 54 b2 49 ad 25 94 c3 7d"),
            (.float64(18_446_744_073_709_551_616), "cb 43 f0 00 00 00 00 00 00"),  // 2^64
        ] as [(MessagePackValue, String)]
    )
    func wholeFloats(value: MessagePackValue, expected: String) {
        #expect(hex(value.encoded(options: .notepack)) == hex(bytes(expected)))
    }

    @Test("without .notepack, a whole float stays a float 64, so it decodes to what it was")
    func wholeFloatsByDefault() throws {
        let two = MessagePackValue.float64(2)
        #expect(hex(two.encoded()) == "cb4000000000000000")
        guard case .float64 = try decode(two.encoded()) else {
            Issue.record("2.0 should come back as a float 64")
            return
        }
    }

    @Test("undefined is fixext 1 of type 0, whatever its data byte")
    func undefined() throws {
        #expect(MessagePackValue.undefined.isUndefined)
        #expect(try decode(bytes("d4 00 7f")).isUndefined)  // notepack skips the byte
        #expect(!MessagePackValue.extension(type: 0, data: [0, 0]).isUndefined)
        #expect(!MessagePackValue.extension(type: 1, data: [0]).isUndefined)
        #expect(!MessagePackValue.nil.isUndefined)
    }
}
