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
    ///
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``
    ///   (`decodeString` may throw `JSONParseError` only, so the stub lives here).
    public init() throws {
        // TODO(E1201): delete this line once decodeString(in:quote:) works.
        throw Unimplemented("E1201: StringLiteralDecoder.decodeString(in:quote:)")
    }

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
        // TODO(E1201): walk from quote + 1, collecting UTF-8 bytes until the closing quote:
        // copy plain bytes; refuse control characters; check each character from 0x80 up
        // against Unicode's table of well-formed UTF-8; turn each escape into the bytes
        // of its character (a surrogate pair into one character); and throw
        // `.unterminatedString(offset: quote)` if the input ends first.
        throw .unterminatedString(offset: quote)  // a placeholder until written
    }
}
