import JSON
import Testing

private func parse(_ text: String) throws -> JSONValue {
    try JSONValue(parsing: Array(text.utf8))
}

@Suite("Numbers: integers stay Int, everything else is Double")
struct NumberTests {
    @Test(
        "a number without fraction or exponent that fits Int is an integer",
        arguments: [
            ("0", 0), ("-0", 0), ("7", 7), ("-7", -7), ("25000", 25000),
            ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
        ] as [(String, Int)]
    )
    func integers(text: String, expected: Int) throws {
        #expect(try parse(text) == .integer(expected))
    }

    @Test(
        "a fraction, an exponent, or an integer too large for Int makes a Double",
        arguments: [
            ("1.5", 1.5), ("-0.0", -0.0), ("3.0", 3.0), ("1e3", 1000), ("1E3", 1000),
            ("1e+3", 1000), ("25e-1", 2.5), ("0.1", 0.1), ("-123.456e-7", -123.456e-7),
            ("9223372036854775808", 9_223_372_036_854_775_808.0),
            ("-9223372036854775809", -9_223_372_036_854_775_809.0),
            ("123456789012345678901234567890", 1.2345678901234568e+29),
            ("1e400", .infinity), ("-1e400", -.infinity), ("1e-400", 0),
            ("4.9406564584124654e-324", .leastNonzeroMagnitude),
            ("1.7976931348623157e308", .greatestFiniteMagnitude),
        ] as [(String, Double)]
    )
    func doubles(text: String, expected: Double) throws {
        let value = try parse(text)
        guard case .double(let double) = value else {
            Issue.record("\(text) gave \(value), not a double")
            return
        }
        #expect(double == expected)
        #expect(double.sign == expected.sign)
    }

    @Test(
        "decimal digits are converted exactly as the standard library converts them",
        arguments: [
            "0.1", "0.2", "0.3", "2.2250738585072011e-308", "2.2250738585072014e-308",
            "9007199254740993", "9007199254740993.0",
            "1.00000000000000011102230246251565404236316680908203125",
            "123456789.123456789", "0.000001", "1e22", "1e23", "8.98846567431158e307",
            "12345678901234567890.5", "0.00000000000000000000000000000000000001",
        ]
    )
    func correctlyRounded(text: String) throws {
        #expect(try parse(text).doubleValue == Double(text))
    }

    @Test(
        "malformed numbers are refused where they go wrong",
        arguments: [
            ("01", JSONParseError.leadingZero(offset: 0)),
            ("-01", .leadingZero(offset: 0)),
            ("-", .unexpectedEnd(offset: 1, expected: .digit)),
            ("-a", .unexpectedByte(UInt8(ascii: "a"), offset: 1, expected: .digit)),
            ("1.", .unexpectedEnd(offset: 2, expected: .digit)),
            ("1.e3", .unexpectedByte(UInt8(ascii: "e"), offset: 2, expected: .digit)),
            (".5", .unexpectedByte(UInt8(ascii: "."), offset: 0, expected: .value)),
            ("1e", .unexpectedEnd(offset: 2, expected: .digit)),
            ("1e+", .unexpectedEnd(offset: 3, expected: .digit)),
            ("+1", .unexpectedByte(UInt8(ascii: "+"), offset: 0, expected: .value)),
            ("1.5.2", .unexpectedByte(UInt8(ascii: "."), offset: 3, expected: .endOfInput)),
            ("0x10", .unexpectedByte(UInt8(ascii: "x"), offset: 1, expected: .endOfInput)),
            ("[-]", .unexpectedByte(UInt8(ascii: "]"), offset: 2, expected: .digit)),
        ] as [(String, JSONParseError)]
    )
    func malformed(text: String, expected: JSONParseError) {
        #expect(throws: expected) { try parse(text) }
    }

    @Test("NaN and Infinity are not JSON", arguments: ["NaN", "Infinity", "-Infinity", "[nan]"])
    func notNumbers(text: String) {
        #expect(throws: JSONParseError.self) { try parse(text) }
    }
}
