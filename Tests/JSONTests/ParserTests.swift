import JSON
import Testing

/// Parses `text`, for tests.
private func parse(_ text: String, options: JSONParseOptions = .init()) throws(JSONParseError)
    -> JSONValue
{
    try JSONValue(parsing: Array(text.utf8), options: options)
}

/// The error parsing `text` throws, or `nil`.
private func error(parsing text: String) -> JSONParseError? {
    do {
        _ = try parse(text)
        return nil
    } catch {
        return error
    }
}

@Suite("Parser: RFC 8259's grammar, from bytes")
struct ParserTests {
    @Test(
        "each kind of value parses to its case",
        arguments: [
            ("null", JSONValue.null),
            ("true", .bool(true)),
            ("false", .bool(false)),
            ("0", .integer(0)),
            ("\"hi\"", .string("hi")),
            ("[]", .array([])),
            ("{}", .object([:])),
            ("[1,\"a\",null]", [1, "a", nil]),
            ("{\"a\":{\"b\":[true]}}", ["a": ["b": [true]]]),
        ] as [(String, JSONValue)]
    )
    func kinds(text: String, expected: JSONValue) throws {
        #expect(try parse(text) == expected)
    }

    @Test(
        "whitespace is space, tab, LF and CR, around every token",
        arguments: ["  [ 1 , 2 ]  ", "\t{\n\"a\"\r:\r\n1\t}\n", "\r\n null \r\n"]
    )
    func whitespace(text: String) throws {
        #expect(throws: Never.self) { try parse(text) }
    }

    @Test(
        "anything else is not whitespace: form feed, vertical tab, NBSP, BOM",
        arguments: ["\u{0C}1", "1\u{0B}", "\u{A0}1", "\u{FEFF}1", "[1,\u{2028}2]"]
    )
    func notWhitespace(text: String) {
        #expect(throws: JSONParseError.self) { try parse(text) }
    }

    @Test("the Engine.IO open packet keeps its keys in order and its integers exact")
    func engineIOOpenPacket() throws {
        let text = """
            {"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,\
            "pingTimeout":20000,"maxPayload":1000000}
            """
        let value = try parse(text)
        #expect(
            value.objectValue?.keys == [
                "sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload",
            ]
        )
        #expect(value["pingInterval"] == .integer(25000))
        #expect(value["upgrades"]?[0]?.stringValue == "websocket")
        #expect(value.description == text)
    }

    @Test(
        "the errors name what was expected, and the byte",
        arguments: [
            ("", JSONParseError.unexpectedEnd(offset: 0, expected: .value)),
            ("  ", .unexpectedEnd(offset: 2, expected: .value)),
            ("[1,]", .unexpectedByte(UInt8(ascii: "]"), offset: 3, expected: .value)),
            (
                "[1 2]",
                .unexpectedByte(UInt8(ascii: "2"), offset: 3, expected: .commaOrClosingBracket)
            ),
            ("[1", .unexpectedEnd(offset: 2, expected: .commaOrClosingBracket)),
            ("{\"a\" 1}", .unexpectedByte(UInt8(ascii: "1"), offset: 5, expected: .colon)),
            ("{\"a\":1,}", .unexpectedByte(UInt8(ascii: "}"), offset: 7, expected: .key)),
            ("{a:1}", .unexpectedByte(UInt8(ascii: "a"), offset: 1, expected: .key)),
            (
                "{\"a\":1 \"b\":2}",
                .unexpectedByte(UInt8(ascii: "\""), offset: 7, expected: .commaOrClosingBrace)
            ),
            ("1 2", .unexpectedByte(UInt8(ascii: "2"), offset: 2, expected: .endOfInput)),
            ("{} x", .unexpectedByte(UInt8(ascii: "x"), offset: 3, expected: .endOfInput)),
            ("tru", .unexpectedEnd(offset: 3, expected: .literal("true"))),
            ("nul1", .unexpectedByte(UInt8(ascii: "1"), offset: 3, expected: .literal("null"))),
            ("True", .unexpectedByte(UInt8(ascii: "T"), offset: 0, expected: .value)),
            ("'a'", .unexpectedByte(UInt8(ascii: "'"), offset: 0, expected: .value)),
        ] as [(String, JSONParseError)]
    )
    func errors(text: String, expected: JSONParseError) {
        #expect(error(parsing: text) == expected)
    }

    @Test("an error's description says what and where")
    func errorDescriptions() {
        #expect(
            error(parsing: "[1,]")?.description == "unexpected ']' at byte 3: expected a value"
        )
        #expect(
            error(parsing: "[1")?.description == "the input ends at byte 2: expected ',' or ']'"
        )
        #expect(
            error(parsing: "\"a\u{01}\"")?.description
                == "control character byte 0x01 in a string at byte 2: escape it"
        )
        #expect(error(parsing: "[[[1]]]x")?.offset == 7)
    }

    @Test("a slice is parsed where it is, and offsets count from its start")
    func slices() throws {
        let packet = Array("4{\"a\":[1,2]}".utf8)
        #expect(try JSONValue(parsing: packet[1...]) == ["a": [1, 2]])
        let broken = Array("4[1,]".utf8)
        #expect(
            throws: JSONParseError.unexpectedByte(UInt8(ascii: "]"), offset: 3, expected: .value)
        ) {
            try JSONValue(parsing: broken[1...])
        }
    }

    @Test("raw buffers and strings parse the same as arrays")
    func otherInputs() throws {
        let bytes = Array("{\"n\":[1.5,\"é\"]}".utf8)
        let expected: JSONValue = ["n": [1.5, "é"]]
        #expect(try bytes.withUnsafeBytes { try JSONValue(parsing: $0) } == expected)
        #expect(try JSONValue(parsing: "{\"n\":[1.5,\"é\"]}") == expected)
    }
}

@Suite("Parser: nesting depth is limited, by default to 512")
struct DepthTests {
    static func nested(_ depth: Int, open: String = "[", close: String = "]") -> [UInt8] {
        Array((String(repeating: open, count: depth) + String(repeating: close, count: depth)).utf8)
    }

    @Test("512 levels parse; 513 are refused at the 513th bracket")
    func defaultLimit() throws {
        #expect(throws: Never.self) { try JSONValue(parsing: Self.nested(512)) }
        #expect(throws: JSONParseError.tooDeep(limit: 512, offset: 512)) {
            try JSONValue(parsing: Self.nested(513))
        }
    }

    @Test("100,000 opening brackets are an error, not a stack overflow")
    func deepArrayIsRefused() {
        let bytes = Array(String(repeating: "[", count: 100_000).utf8)
        #expect(throws: JSONParseError.tooDeep(limit: 512, offset: 512)) {
            try JSONValue(parsing: bytes)
        }
    }

    @Test("the parser itself goes 100,000 levels deep on its own stack, not the thread's")
    func parserDoesNotRecurse() {
        // With the limit raised, 100,000 arrays are opened before the `x` is refused. A
        // recursive parser would need a stack frame per level: hundreds of megabytes.
        let bytes = Array((String(repeating: "[", count: 100_000) + "x").utf8)
        let options = JSONParseOptions(maximumDepth: 100_000)
        #expect(
            throws: JSONParseError.unexpectedByte(
                UInt8(ascii: "x"),
                offset: 100_000,
                expected: .value
            )
        ) {
            try JSONValue(parsing: bytes, options: options)
        }
    }

    @Test("objects count too, mixed with arrays")
    func objectsCount() {
        let bytes = Array((String(repeating: "{\"a\":[", count: 300)).utf8)
        #expect(throws: JSONParseError.tooDeep(limit: 512, offset: 512 * 3)) {
            try JSONValue(parsing: bytes)
        }
    }

    @Test("the limit is an option", arguments: [1, 2, 10, 1000])
    func limitIsAnOption(limit: Int) throws {
        let options = JSONParseOptions(maximumDepth: limit)
        #expect(throws: Never.self) { try JSONValue(parsing: Self.nested(limit), options: options) }
        #expect(throws: JSONParseError.tooDeep(limit: limit, offset: limit)) {
            try JSONValue(parsing: Self.nested(limit + 1), options: options)
        }
    }

    @Test("a limit of 0 allows only scalars")
    func zeroDepth() throws {
        let options = JSONParseOptions(maximumDepth: 0)
        #expect(try JSONValue(parsing: Array("7".utf8), options: options) == 7)
        #expect(throws: JSONParseError.tooDeep(limit: 0, offset: 0)) {
            try JSONValue(parsing: Array("[]".utf8), options: options)
        }
    }

    @Test("depth is per path, not per value: many siblings at depth 2 are fine")
    func siblingsDoNotAddUp() throws {
        let text = "[" + Array(repeating: "[1]", count: 10_000).joined(separator: ",") + "]"
        let options = JSONParseOptions(maximumDepth: 2)
        #expect(
            try JSONValue(parsing: Array(text.utf8), options: options).arrayValue?.count == 10_000
        )
    }
}
