import MessagePack
import Testing

/// A value and how it starts when encoded: its format byte and length, before its data.
struct Boundary: Sendable, CustomTestStringConvertible {
    let name: String
    let value: MessagePackValue
    /// The encoding's first bytes, in hex.
    let header: String
    /// The encoding's length in bytes.
    let size: Int

    init(_ name: String, _ value: MessagePackValue, _ header: String, size: Int? = nil) {
        self.name = name
        self.value = value
        self.header = header
        self.size = size ?? bytes(header).count
    }

    var testDescription: String { "\(name) → \(header)\(size > bytes(header).count ? " …" : "")" }
}

/// Every place the spec switches format, with the value on each side (spec.md, "Formats").
private let integerBoundaries = [
    Boundary("0", 0, "00"),
    Boundary("127, the largest positive fixint", 127, "7f"),
    Boundary("128", 128, "cc 80"),
    Boundary("255, the largest uint 8", 255, "cc ff"),
    Boundary("256", 256, "cd 01 00"),
    Boundary("65535, the largest uint 16", 65535, "cd ff ff"),
    Boundary("65536", 65536, "ce 00 01 00 00"),
    Boundary("2^32 - 1, the largest uint 32", .int(4_294_967_295), "ce ff ff ff ff"),
    Boundary("2^32", .int(4_294_967_296), "cf 00 00 00 01 00 00 00 00"),
    Boundary("Int64.max", .int(.max), "cf 7f ff ff ff ff ff ff ff"),
    Boundary("Int64.max + 1", .uint(1 << 63), "cf 80 00 00 00 00 00 00 00"),
    Boundary("UInt64.max", .uint(.max), "cf ff ff ff ff ff ff ff ff"),
    Boundary("-1", -1, "ff"),
    Boundary("-32, the smallest negative fixint", -32, "e0"),
    Boundary("-33", -33, "d0 df"),
    Boundary("-128, the smallest int 8", -128, "d0 80"),
    Boundary("-129", -129, "d1 ff 7f"),
    Boundary("-32768, the smallest int 16", -32768, "d1 80 00"),
    Boundary("-32769", -32769, "d2 ff ff 7f ff"),
    Boundary("-2^31, the smallest int 32", .int(-2_147_483_648), "d2 80 00 00 00"),
    Boundary("-2^31 - 1", .int(-2_147_483_649), "d3 ff ff ff ff 7f ff ff ff"),
    Boundary("Int64.min", .int(.min), "d3 80 00 00 00 00 00 00 00"),
]

private let scalarBoundaries = [
    Boundary("nil", nil, "c0"),
    Boundary("false", false, "c2"),
    Boundary("true", true, "c3"),
    Boundary("1.5 as a float 64", 1.5, "cb 3f f8 00 00 00 00 00 00"),
    Boundary("1.5 as a float 32", .float32(1.5), "ca 3f c0 00 00"),
    Boundary("-0.0 as a float 64", .float64(-0.0), "cb 80 00 00 00 00 00 00 00"),
    Boundary("infinity as a float 64", .float64(.infinity), "cb 7f f0 00 00 00 00 00 00"),
]

private let stringBoundaries = [
    Boundary("the empty string", "", "a0"),
    Boundary("31 bytes, the longest fixstr", .string(text(31)), "bf", size: 32),
    Boundary("32 bytes", .string(text(32)), "d9 20", size: 34),
    Boundary("255 bytes, the longest str 8", .string(text(255)), "d9 ff", size: 257),
    Boundary("256 bytes", .string(text(256)), "da 01 00", size: 259),
    Boundary("65535 bytes, the longest str 16", .string(text(65535)), "da ff ff", size: 65538),
    Boundary("65536 bytes", .string(text(65536)), "db 00 01 00 00", size: 65541),
    Boundary("é counts 2 bytes", "é", "a2 c3 a9"),
    Boundary("16 é are 32 bytes", .string(text(16, "é")), "d9 20", size: 34),
]

private let binaryBoundaries = [
    Boundary("no bytes: bin 8, there is no fixbin", .binary([]), "c4 00"),
    Boundary("255 bytes, the longest bin 8", .binary(counting(255)), "c4 ff", size: 257),
    Boundary("256 bytes", .binary(counting(256)), "c5 01 00", size: 259),
    Boundary("65535 bytes, the longest bin 16", .binary(counting(65535)), "c5 ff ff", size: 65538),
    Boundary("65536 bytes", .binary(counting(65536)), "c6 00 01 00 00", size: 65541),
]

private let containerBoundaries = [
    Boundary("an empty array", [], "90"),
    Boundary("15 elements, the longest fixarray", zeros(15), "9f", size: 16),
    Boundary("16 elements", zeros(16), "dc 00 10", size: 19),
    Boundary("65535 elements, the longest array 16", zeros(65535), "dc ff ff", size: 65538),
    Boundary("65536 elements", zeros(65536), "dd 00 01 00 00", size: 65541),
    Boundary("an empty map", [:], "80"),
    Boundary("15 entries, the longest fixmap", mapOf(15), "8f", size: 31),
    Boundary("16 entries", mapOf(16), "de 00 10", size: 35),
    // Keys 0…127 take 1 byte, 128…255 two, 256…65534 three; each value (nil) one.
    Boundary(
        "65535 entries, the longest map 16",
        mapOf(65535),
        "de ff ff",
        size: 3 + 128 * 2 + 128 * 3 + (65535 - 256) * 4
    ),
    Boundary(
        "65536 entries",
        mapOf(65536),
        "df 00 01 00 00",
        size: 5 + 128 * 2 + 128 * 3 + (65536 - 256) * 4
    ),
]

private let extensionBoundaries = [
    Boundary("1 byte: fixext 1", .extension(type: 5, data: [0xaa]), "d4 05 aa"),
    Boundary("2 bytes: fixext 2", .extension(type: 5, data: counting(2)), "d5 05 00 01"),
    Boundary("4 bytes: fixext 4", .extension(type: 5, data: counting(4)), "d6 05", size: 6),
    Boundary("8 bytes: fixext 8", .extension(type: -1, data: counting(8)), "d7 ff", size: 10),
    Boundary("16 bytes: fixext 16", .extension(type: 5, data: counting(16)), "d8 05", size: 18),
    Boundary("no bytes: ext 8", .extension(type: 5, data: []), "c7 00 05"),
    Boundary("3 bytes: ext 8", .extension(type: 5, data: counting(3)), "c7 03 05", size: 6),
    Boundary("17 bytes: ext 8", .extension(type: -128, data: counting(17)), "c7 11 80", size: 20),
    Boundary("255 bytes: ext 8", .extension(type: 5, data: counting(255)), "c7 ff 05", size: 258),
    Boundary(
        "256 bytes: ext 16",
        .extension(type: 5, data: counting(256)),
        "c8 01 00 05",
        size: 260
    ),
    Boundary(
        "65535 bytes: ext 16",
        .extension(type: 5, data: counting(65535)),
        "c8 ff ff 05",
        size: 65539
    ),
    Boundary(
        "65536 bytes: ext 32",
        .extension(type: 127, data: counting(65536)),
        "c9 00 01 00 00 7f",
        size: 65542
    ),
]

@Suite("Encoder: the shortest format on each side of every boundary (spec.md, Formats)")
struct FormatBoundaryTests {
    static let all =
        integerBoundaries + scalarBoundaries + stringBoundaries + binaryBoundaries
        + containerBoundaries + extensionBoundaries

    @Test("each value starts with its format and length, and decodes back", arguments: all)
    func boundary(_ boundary: Boundary) throws {
        let encoded = boundary.value.encoded()
        #expect(
            hex(Array(encoded.prefix(bytes(boundary.header).count))) == hex(bytes(boundary.header))
        )
        #expect(encoded.count == boundary.size)
        #expect(try decode(encoded) == boundary.value)
    }

    @Test("the decoder gives .int for every integer that fits Int64, .uint only above")
    func integerCases() throws {
        #expect(try decode(bytes("cf 7f ff ff ff ff ff ff ff")).int64Value == .max)
        guard case .int = try decode(bytes("cf 00 00 00 00 00 00 00 05")) else {
            Issue.record("uint 64 holding 5 should decode as .int")
            return
        }
        guard case .uint(let big) = try decode(bytes("cf 80 00 00 00 00 00 00 00")) else {
            Issue.record("uint 64 above Int64.max should decode as .uint")
            return
        }
        #expect(big == 1 << 63)
    }

    @Test("a .uint that fits Int64 takes the same format as the .int")
    func smallUnsigned() {
        #expect(MessagePackValue.uint(300).encoded() == MessagePackValue.int(300).encoded())
        #expect(MessagePackValue.uint(5).encoded() == [0x05])
    }

    @Test("a float 32's bits are kept exactly: 0.1 as a Float is not 0.1 as a Double")
    func float32Bits() throws {
        let value = MessagePackValue.float32(0.1)
        #expect(hex(value.encoded()) == "ca3dcccccd")
        #expect(try decode(value.encoded()) == value)
        #expect(value != .float64(0.1))
    }
}
