import E1201
import ExerciseSupport
import JSON
import Testing

/// Runs the learner's decoder on `bytes`, whose opening quote is at `quote`.
private func decode(_ bytes: [UInt8], quote: Int = 0) throws -> (string: String, end: Int) {
    var decoder = try StringLiteralDecoder()
    return try bytes.withUnsafeBufferPointer { (input) throws(JSONParseError) in
        try decoder.decodeString(in: input, quote: quote)
    }
}

private func decode(_ text: String, quote: Int = 0) throws -> (string: String, end: Int) {
    try decode(Array(text.utf8), quote: quote)
}

/// The error the learner's decoder throws for `bytes`, or `nil` if it throws none.
private func failure(_ bytes: [UInt8]) throws -> JSONParseError? {
    var decoder = try StringLiteralDecoder()
    do {
        _ = try bytes.withUnsafeBufferPointer { (input) throws(JSONParseError) in
            try decoder.decodeString(in: input, quote: 0)
        }
        return nil
    } catch {
        return error
    }
}

@Suite("12.1a The string step on its own: text, escapes, surrogate pairs")
struct StringLiteralTests {
    @Test(
        "plain text is returned, and end is just past the closing quote",
        arguments: [
            (#""""#, "", 2), (#""abc""#, "abc", 5), (#""abc" , 1]"#, "abc", 5),
            (#""a b\/c""#, "a b/c", 8),
            (
                #""The quick brown fox jumps over the lazy dog""#,
                "The quick brown fox jumps over the lazy dog", 45
            ),
        ] as [(String, String, Int)]
    )
    func plainText(text: String, expected: String, end: Int) throws {
        let decoded = try decode(text)
        #expect(decoded.string == expected)
        #expect(decoded.end == end, "end should be just past the closing quote")
    }

    @Test("the quote need not be at 0: offsets are indices into the whole input")
    func quoteInsideInput() throws {
        let decoded = try decode(#"{"sid":"a\u00e9"}"#, quote: 7)
        #expect(decoded.string == "aé")
        #expect(decoded.end == 16)
    }

    @Test(
        "each of the eight short escapes stands for its character",
        arguments: [
            (#""\"""#, "\""), (#""\\""#, "\\"), (#""\/""#, "/"), (#""\b""#, "\u{08}"),
            (#""\f""#, "\u{0C}"), (#""\n""#, "\n"), (#""\r""#, "\r"), (#""\t""#, "\t"),
            (#""say \"hi\"\n\tand go""#, "say \"hi\"\n\tand go"),
        ] as [(String, String)]
    )
    func shortEscapes(text: String, expected: String) throws {
        let decoded = try decode(text)
        #expect(decoded.string == expected)
        #expect(decoded.end == text.utf8.count)
    }

    @Test(
        "\\u escapes: four hex digits, either case; beyond U+FFFF, a surrogate pair",
        arguments: [
            (#""\u0041""#, "A"), (#""\u00e9""#, "é"), (#""\u00E9""#, "é"), (#""\u20ac""#, "€"),
            (#""\u0000""#, "\u{0}"), (#""\uFFFF""#, "\u{FFFF}"), (#""\uD834\uDD1E""#, "𝄞"),
            (#""\ud83d\ude00""#, "😀"), (#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
            (#""a\u0062c\uD83D\uDE00d""#, "abc😀d"),
        ] as [(String, String)]
    )
    func unicodeEscapes(text: String, expected: String) throws {
        let decoded = try decode(text)
        #expect(decoded.string == expected)
        #expect(decoded.end == text.utf8.count)
    }

    @Test("raw UTF-8 of 2, 3 and 4 bytes passes through", arguments: ["é", "€", "😀", "naïve 日本 🎉"])
    func rawUTF8(text: String) throws {
        #expect(try decode("\"\(text)\"").string == text)
    }

    @Test("DEL (0x7F) is allowed raw; it is not one of JSON's control characters")
    func delete() throws {
        #expect(try decode([0x22, 0x7F, 0x22]).string == "\u{7F}")
    }

    @Test("one decoder decodes string after string, each on its own")
    func reuse() throws {
        var decoder = try StringLiteralDecoder()
        let input = Array(#""a\nb" "c" "\u00e9""#.utf8)
        let results = try input.withUnsafeBufferPointer { (buffer) throws(JSONParseError) in
            [
                try decoder.decodeString(in: buffer, quote: 0),
                try decoder.decodeString(in: buffer, quote: 7),
                try decoder.decodeString(in: buffer, quote: 11),
            ]
        }
        #expect(results.map(\.string) == ["a\nb", "c", "é"])
        #expect(results.map(\.end) == [6, 10, 19])
    }
}

@Suite("12.1b The string step refuses what RFC 8259 refuses, with the right error")
struct StringLiteralRefusalTests {
    @Test("every byte below 0x20 must be escaped", arguments: 0..<0x20)
    func controlCharacters(byte: Int) throws {
        let error = try failure([0x22, 0x61, UInt8(byte), 0x62, 0x22])
        #expect(error == .controlCharacter(UInt8(byte), offset: 2))
    }

    @Test(
        "an escape letter JSON does not have is refused at its backslash",
        arguments: [
            (#""\x""#, JSONParseError.invalidEscape(UInt8(ascii: "x"), offset: 1)),
            (#""ab\'""#, .invalidEscape(UInt8(ascii: "'"), offset: 3)),
            (#""\U0041""#, .invalidEscape(UInt8(ascii: "U"), offset: 1)),
            (#""\a""#, .invalidEscape(UInt8(ascii: "a"), offset: 1)),
            ("\"\\\u{01}\"", .invalidEscape(0x01, offset: 1)),
        ] as [(String, JSONParseError)]
    )
    func invalidEscapes(text: String, expected: JSONParseError) throws {
        #expect(try failure(Array(text.utf8)) == expected)
    }

    @Test(
        "\\u needs four hex digits",
        arguments: [
            (
                #""\u00G1""#,
                JSONParseError.unexpectedByte(UInt8(ascii: "G"), offset: 5, expected: .hexDigit)
            ),
            (#""\u12""#, .unexpectedByte(UInt8(ascii: "\""), offset: 5, expected: .hexDigit)),
            (#""\u-123""#, .unexpectedByte(UInt8(ascii: "-"), offset: 3, expected: .hexDigit)),
            (
                #""\uD834\uDZ1E""#,
                .unexpectedByte(UInt8(ascii: "Z"), offset: 10, expected: .hexDigit)
            ),
        ] as [(String, JSONParseError)]
    )
    func hexDigits(text: String, expected: JSONParseError) throws {
        #expect(try failure(Array(text.utf8)) == expected)
    }

    @Test(
        "half a surrogate pair is refused, at the backslash of the first \\u",
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
    func loneSurrogates(text: String, expected: JSONParseError) throws {
        #expect(try failure(Array(text.utf8)) == expected)
    }

    @Test(
        "bytes that are not UTF-8 are refused at the first byte of the character",
        arguments: [
            ([0x22, 0x80, 0x22], 1),  // a continuation byte alone
            ([0x22, 0x61, 0xC0, 0x80, 0x22], 2),  // an overlong NUL
            ([0x22, 0xC1, 0xBF, 0x22], 1),  // overlong
            ([0x22, 0xE0, 0x9F, 0xBF, 0x22], 1),  // overlong, 3 bytes
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),  // U+D800 written as UTF-8
            ([0x22, 0xF0, 0x8F, 0xBF, 0xBF, 0x22], 1),  // overlong, 4 bytes
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),  // above U+10FFFF
            ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], 1),  // F5 never starts a character
            ([0x22, 0xFF, 0x22], 1),
            ([0x22, 0xE9, 0x22], 1),  // Latin-1 é
            ([0x22, 0xC3, 0x22], 1),  // cut short by the quote
            ([0x22, 0xE2, 0x82, 0x41, 0x22], 1),  // a third byte that is ASCII
            ([0x22, 0xC3, 0xA9, 0xF0, 0x9F, 0x98], 3),  // cut short by the end of the input
        ] as [([UInt8], Int)]
    )
    func invalidUTF8(bytes: [UInt8], offset: Int) throws {
        #expect(try failure(bytes) == .invalidUTF8(offset: offset))
    }

    @Test("the edges of Unicode's table are accepted, byte for byte")
    func validEdges() throws {
        let edges: [[UInt8]] = [
            [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xE1, 0x80, 0x80],
            [0xEC, 0xBF, 0xBF], [0xED, 0x80, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
            [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF3, 0xBF, 0xBF, 0xBF],
            [0xF4, 0x8F, 0xBF, 0xBF],
        ]
        for edge in edges {
            let decoded = try decode([0x22] + edge + [0x22])
            #expect(Array(decoded.string.utf8) == edge, "\(edge) should be accepted as it is")
            #expect(decoded.end == edge.count + 2)
        }
    }

    @Test(
        "a string the input ends inside is unterminated, at its opening quote",
        arguments: [
            #""abc"#, #""abc\"#, #""ab\u00"#, #""\uD800"#, #""\uD800\"#, #""\uD800\uDC"#, "\"é",
        ]
    )
    func unterminated(text: String) throws {
        #expect(try failure(Array(text.utf8)) == .unterminatedString(offset: 0))
    }
}
