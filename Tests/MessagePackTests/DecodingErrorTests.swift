import MessagePack
import Testing

@Suite("Decoder: bad input is refused with the error and the byte")
struct DecodingErrorTests {
    @Test(
        "malformed and truncated input",
        arguments: [
            Decoding("", MessagePackDecodingError.unexpectedEnd(offset: 0)),
            Decoding("c1", .neverUsedByte(offset: 0)),
            Decoding("93 01 c1 02", .neverUsedByte(offset: 2)),
            Decoding("cc", .truncated(.uint8, offset: 0)),
            Decoding("cd 01", .truncated(.uint16, offset: 0)),
            Decoding("ce 01 02 03", .truncated(.uint32, offset: 0)),
            Decoding("cf 00", .truncated(.uint64, offset: 0)),
            Decoding("d3 00 00 00 00 00 00 00", .truncated(.int64, offset: 0)),
            Decoding("ca 00 00", .truncated(.float32, offset: 0)),
            Decoding("91 cb 00", .truncated(.float64, offset: 1)),
            Decoding("d9", .truncated(.str8, offset: 0)),
            Decoding("da 00", .truncated(.str16, offset: 0)),
            Decoding("dd 00 00 00", .truncated(.array32, offset: 0)),
            Decoding("de", .truncated(.map16, offset: 0)),
            Decoding("d4", .truncated(.fixext1, offset: 0)),
            Decoding("c7 05", .truncated(.ext8, offset: 0)),  // no type byte
            Decoding("a3 61 62", .lengthBeyondInput(.fixstr, length: 3, available: 2, offset: 0)),
            Decoding("c4 02 00", .lengthBeyondInput(.bin8, length: 2, available: 1, offset: 0)),
            Decoding("d4 00", .lengthBeyondInput(.fixext1, length: 1, available: 0, offset: 0)),
            Decoding(
                "d8 00 01",
                .lengthBeyondInput(.fixext16, length: 16, available: 1, offset: 0)
            ),
            Decoding("92 01", .lengthBeyondInput(.fixarray, length: 2, available: 1, offset: 0)),
            Decoding("81 01", .lengthBeyondInput(.fixmap, length: 1, available: 1, offset: 0)),
            // The array still expects a value after the string: the string may not use it.
            Decoding(
                "92 a3 61 62 63",
                .lengthBeyondInput(.fixstr, length: 3, available: 2, offset: 1)
            ),
            // Counts that each fit, but not together: 2 + 3 values in 4 bytes.
            Decoding(
                "92 dc 00 03 00",
                .lengthBeyondInput(.array16, length: 3, available: 0, offset: 1)
            ),
            Decoding("92 cd 01 02", .unexpectedEnd(offset: 4)),
            Decoding("00 00", .trailingBytes(count: 1, offset: 1)),
            Decoding("91 c0 c0 c0", .trailingBytes(count: 2, offset: 2)),
        ] as [Decoding<MessagePackDecodingError>]
    )
    func malformed(_ decoding: Decoding<MessagePackDecodingError>) {
        #expect(error(decoding: bytes(decoding.hex)) == decoding.expected)
    }

    @Test(
        "lengths of up to 4 GiB in a few bytes are refused before anything is allocated",
        arguments: [
            Decoding(
                "db ff ff ff ff 61",
                MessagePackDecodingError.lengthBeyondInput(
                    .str32,
                    length: 4_294_967_295,
                    available: 1,
                    offset: 0
                )
            ),
            Decoding(
                "c6 ff ff ff ff",
                .lengthBeyondInput(
                    .bin32,
                    length: 4_294_967_295,
                    available: 0,
                    offset: 0
                )
            ),
            Decoding(
                "c9 ff ff ff ff 01",
                .lengthBeyondInput(
                    .ext32,
                    length: 4_294_967_295,
                    available: 0,
                    offset: 0
                )
            ),
            Decoding(
                "dd ff ff ff ff c0 c0",
                .lengthBeyondInput(
                    .array32,
                    length: 4_294_967_295,
                    available: 2,
                    offset: 0
                )
            ),
            Decoding(
                "df ff ff ff ff c0 c0",
                .lengthBeyondInput(
                    .map32,
                    length: 4_294_967_295,
                    available: 2,
                    offset: 0
                )
            ),
            // An array of arrays, each claiming all the bytes left: refused at the second.
            Decoding(
                "dd 00 00 00 04 dd 00 00 00 04 c0 c0 c0 c0",
                .lengthBeyondInput(
                    .array32,
                    length: 4,
                    available: 1,
                    offset: 5
                )
            ),
        ] as [Decoding<MessagePackDecodingError>]
    )
    func hugeLengths(_ decoding: Decoding<MessagePackDecodingError>) {
        #expect(error(decoding: bytes(decoding.hex)) == decoding.expected)
    }

    @Test(
        "strings must be UTF-8; the error names the bad character's first byte",
        arguments: [
            // A lead byte without its continuation byte.
            Decoding("a2 c3 28", MessagePackDecodingError.invalidUTF8(offset: 1)),
            Decoding("a1 80", .invalidUTF8(offset: 1)),  // a lone continuation byte
            Decoding("a2 c0 80", .invalidUTF8(offset: 1)),  // overlong NUL
            Decoding("a4 61 ed a0 80", .invalidUTF8(offset: 2)),  // a UTF-16 surrogate, U+D800
            Decoding("a4 f4 90 80 80", .invalidUTF8(offset: 1)),  // above U+10FFFF
            Decoding("a3 61 62 e2", .invalidUTF8(offset: 3)),  // cut short
            Decoding("81 a2 61 ff 01", .invalidUTF8(offset: 3)),  // in a key
            Decoding("d9 03 61 62 ff", .invalidUTF8(offset: 4)),
        ] as [Decoding<MessagePackDecodingError>]
    )
    func invalidUTF8(_ decoding: Decoding<MessagePackDecodingError>) {
        #expect(error(decoding: bytes(decoding.hex)) == decoding.expected)
    }

    @Test("nesting deeper than the limit is refused at the container that goes too deep")
    func depthLimit() throws {
        let limit = MessagePackDecodingOptions().maximumDepth
        #expect(limit == 512)
        let deepest = [UInt8](repeating: 0x91, count: limit) + [0xc0]
        #expect(try decode(deepest)[0]?[0] != nil)
        let tooDeep = [UInt8](repeating: 0x91, count: limit + 1) + [0xc0]
        #expect(error(decoding: tooDeep) == .tooDeep(limit: 512, offset: 512))
        // Maps count too: {nil: {nil: {nil: nil}}} is 3 deep.
        let maps = bytes("81 c0 81 c0 81 c0 c0")
        let three = MessagePackDecodingOptions(maximumDepth: 3)
        let two = MessagePackDecodingOptions(maximumDepth: 2)
        #expect(try decode(maps, options: three).mapValue?.count == 1)
        #expect(error(decoding: maps, options: two) == .tooDeep(limit: 2, offset: 4))
        // An empty container is a level too.
        #expect(error(decoding: bytes("91 91 90"), options: two) == .tooDeep(limit: 2, offset: 2))
    }

    @Test("a megabyte of nested arrays is an error, not a stack overflow")
    func megabyteOfNesting() {
        let input = [UInt8](repeating: 0x91, count: 1 << 20) + [0xc0]
        let options = MessagePackDecodingOptions(maximumInputSize: 2 << 20)
        #expect(error(decoding: input, options: options) == .tooDeep(limit: 512, offset: 512))
    }

    @Test("input larger than the limit is refused before it is read")
    func inputSizeLimit() throws {
        #expect(MessagePackDecodingOptions().maximumInputSize == 1 << 20)
        let options = MessagePackDecodingOptions(maximumInputSize: 4)
        #expect(try decode(bytes("a3 61 62 63"), options: options) == "abc")
        #expect(
            error(decoding: bytes("a4 61 62 63 64"), options: options)
                == .inputTooLarge(size: 5, limit: 4)
        )
    }

    @Test("the errors say what and where")
    func descriptions() {
        let cases: [(MessagePackDecodingError, String)] = [
            (.unexpectedEnd(offset: 4), "the input ends at byte 4, where a value should start"),
            (
                .truncated(.uint16, offset: 0),
                "the uint 16 at byte 0 is cut off by the end of the input"
            ),
            (
                .lengthBeyondInput(.str8, length: 3, available: 2, offset: 1),
                "the str 8 at byte 1 declares 3 bytes, but only 2 bytes are left"
            ),
            (
                .lengthBeyondInput(.array32, length: 9, available: 1, offset: 0),
                "the array 32 at byte 0 declares 9 elements, but only 1 byte is left"
            ),
            (.neverUsedByte(offset: 2), "byte 0xc1 at byte 2: MessagePack never uses it"),
            (.invalidUTF8(offset: 3), "invalid UTF-8 in a string at byte 3"),
            (
                .tooDeep(limit: 512, offset: 512),
                "arrays and maps nested deeper than 512 levels at byte 512"
            ),
            (.inputTooLarge(size: 5, limit: 4), "the input has 5 bytes, more than the limit of 4"),
            (.trailingBytes(count: 1, offset: 1), "1 more byte after the value, at byte 1"),
        ]
        for (error, text) in cases {
            #expect(error.description == text)
        }
        #expect(MessagePackDecodingError.invalidUTF8(offset: 3).offset == 3)
    }
}
