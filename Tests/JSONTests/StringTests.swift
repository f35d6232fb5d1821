import JSON
import Testing

private func parse(_ bytes: [UInt8]) throws -> JSONValue {
    try JSONValue(parsing: bytes)
}

private func parse(_ text: String) throws -> JSONValue {
    try parse(Array(text.utf8))
}

@Suite("Strings: escapes, surrogate pairs, UTF-8, control characters")
struct StringTests {
    @Test(
        "each escape stands for its character",
        arguments: [
            (#""\"""#, "\""), (#""\\""#, "\\"), (#""\/""#, "/"), (#""\b""#, "\u{08}"),
            (#""\f""#, "\u{0C}"), (#""\n""#, "\n"), (#""\r""#, "\r"), (#""\t""#, "\t"),
            (#""\u0041""#, "A"), (#""\u00e9""#, "é"), (#""\u00E9""#, "é"), (#""\u20AC""#, "€"),
            (#""\u0000""#, "\u{0}"), (#""a\nb\tc""#, "a\nb\tc"),
            (#""\uD834\uDD1E""#, "𝄞"), (#""\ud83d\ude00!""#, "😀!"),
            (#""x\"y\\z""#, "x\"y\\z"),
            (
                #""long plain ASCII text before \n an escape""#,
                "long plain ASCII text before \n an escape"
            ),
        ] as [(String, String)]
    )
    func escapes(text: String, expected: String) throws {
        #expect(try parse(text) == .string(expected))
    }

    @Test("UTF-8 of every length passes through", arguments: ["é", "€", "😀", "naïve café 日本語 🎉"])
    func rawUTF8(text: String) throws {
        #expect(try parse("\"\(text)\"") == .string(text))
    }

    @Test(
        "lone surrogates are refused at their backslash",
        arguments: [
            (#""\uD800""#, JSONParseError.loneSurrogate(0xD800, offset: 1)),
            (#""\uDC00""#, .loneSurrogate(0xDC00, offset: 1)),
            (#""ab\uDBFFx""#, .loneSurrogate(0xDBFF, offset: 3)),
            (#""\uD800\n""#, .loneSurrogate(0xD800, offset: 1)),
            (#""\uD800\u0041""#, .loneSurrogate(0xD800, offset: 1)),
            (#""\uD800\uD800""#, .loneSurrogate(0xD800, offset: 1)),
            (#""\uDD1E\uD834""#, .loneSurrogate(0xDD1E, offset: 1)),
        ] as [(String, JSONParseError)]
    )
    func loneSurrogates(text: String, expected: JSONParseError) {
        #expect(throws: expected) { try parse(text) }
    }

    @Test(
        "bad escapes are refused",
        arguments: [
            (#""\x""#, JSONParseError.invalidEscape(UInt8(ascii: "x"), offset: 1)),
            (#""ab\'""#, .invalidEscape(UInt8(ascii: "'"), offset: 3)),
            (#""\U0041""#, .invalidEscape(UInt8(ascii: "U"), offset: 1)),
            (#""\u00G1""#, .unexpectedByte(UInt8(ascii: "G"), offset: 5, expected: .hexDigit)),
            (#""\u12""#, .unexpectedByte(UInt8(ascii: "\""), offset: 5, expected: .hexDigit)),
            (
                #""\uD800\u12""#,
                .unexpectedByte(UInt8(ascii: "\""), offset: 11, expected: .hexDigit)
            ),
        ] as [(String, JSONParseError)]
    )
    func badEscapes(text: String, expected: JSONParseError) {
        #expect(throws: expected) { try parse(text) }
    }

    @Test(
        "a string that never ends names its opening quote",
        arguments: [#""abc"#, #"["abc"#, #""abc\"#, #""ab\u00"#, #""\uD800"#, "\"é", #"  "a\n"#]
    )
    func unterminated(text: String) {
        let quote = text.utf8.firstIndex(of: UInt8(ascii: "\"")).map {
            text.utf8.distance(from: text.utf8.startIndex, to: $0)
        }
        #expect(throws: JSONParseError.unterminatedString(offset: quote ?? -1)) { try parse(text) }
    }

    @Test("every control character U+0000–U+001F must be escaped", arguments: 0..<0x20)
    func controlCharacters(byte: Int) {
        let bytes: [UInt8] = [0x22, 0x61, UInt8(byte), 0x22]
        #expect(throws: JSONParseError.controlCharacter(UInt8(byte), offset: 2)) {
            try parse(bytes)
        }
    }

    @Test("DEL (0x7F) is not a control character in JSON")
    func deleteIsAllowed() throws {
        #expect(try parse([0x22, 0x7F, 0x22]) == .string("\u{7F}"))
    }

    @Test(
        "invalid UTF-8 is refused at the first byte of the bad character",
        arguments: [
            ([0x22, 0x80, 0x22], 1),  // a continuation byte alone
            ([0x22, 0x61, 0xC0, 0x80, 0x22], 2),  // overlong NUL
            ([0x22, 0xC1, 0xBF, 0x22], 1),  // overlong
            ([0x22, 0xE0, 0x80, 0x80, 0x22], 1),  // overlong 3 bytes
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),  // the surrogate U+D800 in UTF-8
            ([0x22, 0xF0, 0x80, 0x80, 0x80, 0x22], 1),  // overlong 4 bytes
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // above U+10FFFF
            ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], 1),  // never a lead byte
            ([0x22, 0xFF, 0x22], 1),
            ([0x22, 0xC3, 0x22], 1),  // cut short by the quote
            ([0x22, 0xE2, 0x82, 0x22], 1),
            ([0x22, 0xC3, 0xA9, 0xC3], 3),  // cut short by the end of the input
            ([0x22, 0x5C, 0x6E, 0xE9, 0x22], 3),  // Latin-1 é after an escape
        ] as [([UInt8], Int)]
    )
    func invalidUTF8(bytes: [UInt8], offset: Int) {
        #expect(throws: JSONParseError.invalidUTF8(offset: offset)) { try parse(bytes) }
    }

    @Test("the edges of Unicode's table are accepted")
    func validEdges() throws {
        let edges: [[UInt8]] = [
            [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
            [0xF4, 0x8F, 0xBF, 0xBF],
        ]
        for edge in edges {
            let value = try parse([0x22] + edge + [0x22])
            #expect(value.stringValue?.utf8.elementsEqual(edge) == true, "\(edge)")
        }
    }

    @Test("long strings cross the 8-byte fast path at every alignment")
    func alignments() throws {
        for prefix in 0..<9 {
            for special in ["\\n", "\"", "\u{1}", "é"] {
                let head = String(repeating: "a", count: prefix)
                let text = "\"" + head + special + String(repeating: "b", count: 17) + "\""
                let result = Result { try parse(text) }
                switch special {
                case "\"": #expect(throws: JSONParseError.self) { try result.get() }
                case "\u{1}":
                    #expect(throws: JSONParseError.controlCharacter(1, offset: prefix + 1)) {
                        try result.get()
                    }
                case "\\n":
                    #expect(
                        try result.get().stringValue == head + "\n"
                            + String(repeating: "b", count: 17)
                    )
                default:
                    #expect(
                        try result.get().stringValue == head + "é"
                            + String(repeating: "b", count: 17)
                    )
                }
            }
        }
    }
}
