/// The character classes of HTTP's grammar (RFC 9110 §5.6, RFC 9112 §2), as byte tests.
///
/// A copy of the library's internal `HTTPSyntax` (Sources/HTTP/HTTPSyntax.swift), made
/// public so the HTTP exercises can use it: you write the parsers, not the byte tables.
/// Parsing works on bytes, never on `Character`s: the grammar is defined over octets, a
/// `Character` may merge a CR and an LF into one grapheme, and byte tests are fast.
public enum HTTPSyntax {
    /// `\r`, byte 13.
    public static let carriageReturn = UInt8(ascii: "\r")
    /// `\n`, byte 10.
    public static let lineFeed = UInt8(ascii: "\n")
    /// A space, byte 32.
    public static let space = UInt8(ascii: " ")
    /// A horizontal tab, byte 9.
    public static let tab = UInt8(ascii: "\t")
    /// `:`, byte 58.
    public static let colon = UInt8(ascii: ":")

    /// `tchar`: the characters of a token such as a method or a field name (RFC 9110 §5.6.2).
    ///
    /// - Parameter byte: A byte.
    /// - Returns: Whether it may appear in a token.
    public static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
            UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Whether `byte` may appear inside a field value: visible ASCII, space, tab, or
    /// `obs-text` (0x80–0xFF), never NUL, CR, LF, DEL or another control (RFC 9110 §5.5).
    ///
    /// - Parameter byte: A byte.
    /// - Returns: Whether it is allowed.
    public static func isFieldValueCharacter(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }

    /// Whether `byte` may appear in a request-target: visible ASCII only (RFC 3986 chars).
    ///
    /// - Parameter byte: A byte.
    /// - Returns: Whether it is allowed.
    public static func isTargetCharacter(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }

    /// `OWS`: optional whitespace, a space or a tab.
    ///
    /// - Parameter byte: A byte.
    /// - Returns: Whether it is `SP` or `HTAB`.
    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// The value of one hex digit, or `nil` (the library keeps it in `PercentEncoding`).
    ///
    /// - Parameter byte: An ASCII byte.
    /// - Returns: `0...15`, or `nil` if it is not a hex digit.
    public static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Bytes as text; bytes that are not UTF-8 (`obs-text`) become U+FFFD.
    ///
    /// The library keeps this helper in `FieldLineParser.text`. Error cases carry text made
    /// with it, such as `HTTPParseError.badRequestLine(_:)`.
    ///
    /// - Parameter bytes: Some bytes.
    /// - Returns: The text.
    public static func text<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
