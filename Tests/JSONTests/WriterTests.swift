import JSON
import Testing

@Suite("Writer: compact UTF-8, only the escapes JSON requires")
struct WriterTests {
    @Test(
        "values are written compactly, keys in order",
        arguments: [
            (JSONValue.null, "null"), (true, "true"), (false, "false"), (0, "0"), (-42, "-42"),
            (.integer(.max), "9223372036854775807"), (.integer(.min), "-9223372036854775808"),
            ("", "\"\""), ([], "[]"), ([:], "{}"), ([1, [2, [3]]], "[1,[2,[3]]]"),
            (["z": 1, "a": [nil, "x"], "m": [:]], #"{"z":1,"a":[null,"x"],"m":{}}"#),
        ] as [(JSONValue, String)]
    )
    func compact(value: JSONValue, expected: String) {
        #expect(value.description == expected)
        #expect(value.serialized() == Array(expected.utf8))
    }

    @Test(
        "doubles: the shortest text that reads back the same; whole ones keep their .0",
        arguments: [
            (0.1, "0.1"), (1.5, "1.5"), (3.0, "3.0"), (-0.0, "-0.0"), (100.0, "100.0"),
            (1e16, "1e+16"), (1e-5, "1e-05"), (123456.789, "123456.789"),
            (.leastNonzeroMagnitude, "5e-324"),
            (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
            (0.1 + 0.2, "0.30000000000000004"),
        ] as [(Double, String)]
    )
    func doubles(value: Double, expected: String) throws {
        #expect(JSONValue.double(value).description == expected)
        // and they come back as doubles, the same ones
        #expect(try JSONValue(parsing: Array(expected.utf8)) == .double(value))
    }

    @Test("NaN and the infinities are written as null, as JSON.stringify does")
    func nonFinite() {
        let value: JSONValue = [.double(.nan), .double(.infinity), .double(-.infinity)]
        #expect(value.description == "[null,null,null]")
    }

    @Test(
        "strings escape quote, backslash and control characters, nothing else",
        arguments: [
            ("plain", #""plain""#), ("a\"b", #""a\"b""#), ("a\\b", #""a\\b""#),
            ("\n\r\t\u{08}\u{0C}", #""\n\r\t\b\f""#),
            ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
            ("/", #""/""#), ("\u{7F}", "\"\u{7F}\""), ("é€😀", "\"é€😀\""),
            ("\u{2028}\u{2029}", "\"\u{2028}\u{2029}\""),
        ] as [(String, String)]
    )
    func escapes(string: String, expected: String) {
        #expect(JSONValue.string(string).description == expected)
    }

    @Test("non-ASCII is written as its raw UTF-8 bytes")
    func rawUTF8() {
        #expect(JSONValue.string("é").serialized() == [0x22, 0xC3, 0xA9, 0x22])
    }

    @Test("object keys are escaped like strings")
    func keysAreEscaped() {
        let value: JSONValue = ["a\"b\n": 1]
        #expect(value.description == #"{"a\"b\n":1}"#)
    }

    @Test("write(to:) appends, after a packet's type byte")
    func appends() {
        var bytes = Array("42".utf8)
        let event: JSONValue = ["chat", ["text": "hi"]]
        event.write(to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"42["chat",{"text":"hi"}]"#)
    }
}

@Suite("Round trips: write, parse, the same value")
struct RoundTripTests {
    static let values: [JSONValue] = [
        ["sid": "abc", "upgrades": ["websocket"], "pingInterval": 25000, "pingTimeout": 20000],
        ["chat message", ["from": "ada", "text": "héllo \"world\"\n", "at": 1.7e12, "tags": []]],
        [
            .integer(.max), .integer(.min), 0.1, -0.0, 1e300, .double(.leastNonzeroMagnitude), 3.0,
            nil, true, false,
        ],
        ["\u{0}\u{1F}\u{7F}", "😀𝄞", "\\/", "tab\there", ""],
        ["z": ["y": ["x": ["w": [[[[]]]]]]], "": [:], "dup?": "no"],
    ]

    @Test("value → bytes → value gives the same value", arguments: values)
    func valueRoundTrip(value: JSONValue) throws {
        #expect(try JSONValue(parsing: value.serialized()) == value)
    }

    @Test(
        "compact text → value → text gives the same text",
        arguments: [
            #"{"b":1,"a":[1.5,2,"x\u0001\n"],"c":{"é":null}}"#, "[-0.0,0,1e+16,3.0]",
            #"{"sid":"abc","upgrades":["websocket"],"pingInterval":25000}"#,
        ]
    )
    func textRoundTrip(text: String) throws {
        #expect(try JSONValue(parsing: text).description == text)
    }
}
