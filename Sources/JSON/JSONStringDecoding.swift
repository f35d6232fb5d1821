// snippet: string-decoding-protocol
/// The step of parsing that turns one string literal, quotes to quotes, into a `String`.
///
/// Strings are where a JSON parser does most of its work and where most of its rules are
/// (RFC 8259 §7): escapes, `\u` escapes with UTF-16 surrogate pairs, raw bytes that must be
/// UTF-8, control characters that must not appear raw. ``JSONParser`` calls this step for
/// every string and every key, so the step can be replaced: the library uses its own, and
/// chapter 12's exercise plugs in the learner's.
public protocol JSONStringDecoding {
    /// Decodes the string literal whose opening quote is at `quote`.
    ///
    /// - Parameters:
    ///   - input: The whole text being parsed; offsets in errors are indices into it.
    ///   - quote: The index of the opening `"`.
    /// - Returns: The string, and the index just past its closing quote.
    /// - Throws: ``JSONParseError``: `.unterminatedString`, `.controlCharacter`,
    ///   `.invalidEscape`, `.unexpectedByte` (expected `.hexDigit`), `.loneSurrogate`
    ///   or `.invalidUTF8`.
    mutating func decodeString(
        in input: UnsafeBufferPointer<UInt8>,
        quote: Int
    ) throws(JSONParseError) -> (string: String, end: Int)
}
// end-snippet
