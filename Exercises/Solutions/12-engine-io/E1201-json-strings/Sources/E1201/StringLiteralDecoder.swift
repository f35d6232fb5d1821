// Exercise 12.1: the string step of the JSON parser.
// Read the task in ../../README.md; check it with `swift run grade 12.1`.

import ExerciseSupport
import JSON

/// Decodes one JSON string literal, from its opening quote to its closing one (RFC 8259 §7).
///
/// The library's `JSONParser` calls `decodeString(in:quote:)` at every `"` it meets, for
/// values and for keys, and carries on after the returned `end`:
///
/// ```
///   input:  {  "  s  i  d  "  :  "  a  \  u  0  0  e  9  "  }
///   index:  0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16
///                                ▲ quote                    ▲ end
///   decodeString(in: input, quote: 7) returns ("aé", 16)
/// ```
///
/// Between the quotes: any byte from 0x20 up except `"` and `\`, as it is (bytes from 0x80
/// must form well-formed UTF-8); or an escape, `\"` `\\` `\/` `\b` `\f` `\n` `\r` `\t` or
/// `\uXXXX`, where a character beyond U+FFFF is written as two `\u` escapes, a UTF-16
/// surrogate pair (`\uD83D\uDE00` is 😀).
public struct StringLiteralDecoder: JSONStringDecoding {
    /// A decoder, ready for any number of strings.
    public init() throws {}

    /// Decodes the string literal whose opening quote is at `quote`.
    ///
    /// - Parameters:
    ///   - input: The whole text being parsed; offsets in errors are indices into it.
    ///   - quote: The index of the opening `"`.
    /// - Returns: The string, and the index just past its closing quote.
    /// - Throws: `JSONParseError`, as the table in the README says.
    public mutating func decodeString(
        in input: UnsafeBufferPointer<UInt8>,
        quote: Int
    ) throws(JSONParseError) -> (string: String, end: Int) {
        var utf8: [UInt8] = []
        var index = quote + 1
        while index < input.count {
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "\""):
                return (String(decoding: utf8, as: UTF8.self), index + 1)
            case UInt8(ascii: "\\"):
                index = try unescape(input, quote: quote, at: index, into: &utf8)
            case 0..<0x20:
                throw .controlCharacter(byte, offset: index)
            case 0x80...:
                let end = try Self.endOfCharacter(input, at: index)
                utf8.append(contentsOf: input[index..<end])
                index = end
            default:
                utf8.append(byte)
                index += 1
            }
        }
        throw .unterminatedString(offset: quote)
    }

    /// Appends the character the escape at `backslash` stands for; returns where the
    /// escape ends.
    private func unescape(
        _ input: UnsafeBufferPointer<UInt8>,
        quote: Int,
        at backslash: Int,
        into utf8: inout [UInt8]
    ) throws(JSONParseError) -> Int {
        guard backslash + 1 < input.count else { throw .unterminatedString(offset: quote) }
        let letter = input[backslash + 1]
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(letter)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            let (scalar, end) = try unicodeEscape(input, quote: quote, at: backslash)
            UTF8.encode(scalar) { utf8.append($0) }
            return end
        default:
            throw .invalidEscape(letter, offset: backslash)
        }
        return backslash + 2
    }

    /// The character of `\uXXXX` at `backslash`, or of a surrogate pair `\uD83D\uDE00`.
    private func unicodeEscape(
        _ input: UnsafeBufferPointer<UInt8>,
        quote: Int,
        at backslash: Int
    ) throws(JSONParseError) -> (Unicode.Scalar, end: Int) {
        let first = try hexQuad(input, quote: quote, at: backslash + 2)
        let afterFirst = backslash + 6
        switch first {
        case 0xDC00...0xDFFF:
            throw .loneSurrogate(first, offset: backslash)
        case 0xD800...0xDBFF:
            for (offset, expected) in [UInt8(ascii: "\\"), UInt8(ascii: "u")].enumerated() {
                guard afterFirst + offset < input.count else {
                    throw .unterminatedString(offset: quote)
                }
                guard input[afterFirst + offset] == expected else {
                    throw .loneSurrogate(first, offset: backslash)
                }
            }
            let second = try hexQuad(input, quote: quote, at: afterFirst + 2)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw .loneSurrogate(first, offset: backslash)
            }
            let value = 0x10000 + (UInt32(first) - 0xD800) << 10 + (UInt32(second) - 0xDC00)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", afterFirst + 6)
        default:
            return (Unicode.Scalar(first) ?? "\u{FFFD}", afterFirst)
        }
    }

    /// The four hex digits at `start`, as a UTF-16 code unit.
    private func hexQuad(
        _ input: UnsafeBufferPointer<UInt8>,
        quote: Int,
        at start: Int
    ) throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for index in start..<start + 4 {
            guard index < input.count else { throw .unterminatedString(offset: quote) }
            let byte = input[index]
            guard let digit = Self.hexDigits.firstIndex(of: byte).map({ UInt16($0 % 16) })
            else {
                throw .unexpectedByte(byte, offset: index, expected: .hexDigit)
            }
            value = value << 4 | digit
        }
        return value
    }

    private static let hexDigits = Array("0123456789abcdef0123456789ABCDEF".utf8)

    /// Where the UTF-8 character that starts at `index` ends, if it is well formed
    /// (Unicode's Table 3-7, as chapter 11's validator has it).
    private static func endOfCharacter(
        _ input: UnsafeBufferPointer<UInt8>,
        at index: Int
    ) throws(JSONParseError) -> Int {
        let length: Int
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch input[index] {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: throw .invalidUTF8(offset: index)
        }
        guard index + length <= input.count, second.contains(input[index + 1]) else {
            throw .invalidUTF8(offset: index)
        }
        for next in index + 2..<index + length where !(0x80...0xBF).contains(input[next]) {
            throw .invalidUTF8(offset: index)
        }
        return index + length
    }
}
