/// The character classes of HTTP's grammar (RFC 9110 §5.6, RFC 9112 §2), as byte tests.
///
/// Parsing works on bytes, never on `Character`s: the grammar is defined over octets, a
/// `Character` may merge a CR and an LF into one grapheme, and byte tests are fast.
enum HTTPSyntax {
    static let carriageReturn = UInt8(ascii: "\r")
    static let lineFeed = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")

    /// `tchar`: the characters of a token such as a method or a field name (RFC 9110 §5.6.2).
    ///
    /// - Parameter byte: A byte.
    /// - Returns: Whether it may appear in a token.
    @inline(__always)
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
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
    /// `obs-text` (0x80–0xFF) — never NUL, CR, LF, DEL or another control (RFC 9110 §5.5).
    ///
    /// - Parameter byte: A byte.
    /// - Returns: Whether it is allowed.
    @inline(__always)
    static func isFieldValueCharacter(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }

    /// Whether `byte` may appear in a request-target: visible ASCII only (RFC 3986 chars).
    ///
    /// - Parameter byte: A byte.
    /// - Returns: Whether it is allowed.
    @inline(__always)
    static func isTargetCharacter(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }

    /// `OWS`: optional whitespace, a space or a tab.
    ///
    /// - Parameter byte: A byte.
    /// - Returns: Whether it is `SP` or `HTAB`.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// `byte` in lower case, if it is an ASCII capital letter.
    ///
    /// - Parameter byte: A byte.
    /// - Returns: The lower-case byte.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// Whether `bytes` spell `lowercaseName` with ASCII case ignored.
    ///
    /// Field names, transfer codings and connection options are all case-insensitive
    /// (RFC 9110 §5.1).
    ///
    /// - Parameters:
    ///   - bytes: The bytes to test.
    ///   - lowercaseName: The expected spelling, in lower case.
    /// - Returns: Whether they are equal ignoring case.
    static func equalsIgnoringCase<Bytes: Collection<UInt8>>(
        _ bytes: Bytes,
        _ lowercaseName: StaticString
    ) -> Bool {
        guard bytes.count == lowercaseName.utf8CodeUnitCount else { return false }
        return lowercaseName.withUTF8Buffer { expected in
            var index = 0
            for byte in bytes {
                if lowercased(byte) != expected[index] { return false }
                index += 1
            }
            return true
        }
    }

    /// Splits a comma-separated field value into its trimmed, non-empty members
    /// (RFC 9110 §5.6.1: `#element` lists allow empty members and whitespace).
    ///
    /// - Parameter value: A list such as `gzip, chunked`.
    /// - Returns: `["gzip", "chunked"]`.
    static func listMembers(_ value: String) -> [Substring] {
        value.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true)
            .compactMap { member -> Substring? in
                let trimmed = trimmingWhitespace(Substring(member))
                return trimmed.isEmpty ? nil : trimmed
            }
    }

    /// Whether the comma-separated `value` has `token` as one of its members, ignoring case:
    /// `Connection: Keep-Alive, Close` contains `close`; `Connection: closer` does not.
    ///
    /// - Parameters:
    ///   - value: A list field's value, or `nil` when the field is absent.
    ///   - token: The member to look for, in lower case.
    /// - Returns: Whether it is there.
    static func listContains(_ value: String?, _ token: StaticString) -> Bool {
        guard let value else { return false }
        return listMembers(value).contains { equalsIgnoringCase($0.utf8, token) }
    }

    /// The value of a string of ASCII digits and nothing else (no sign, no spaces), as
    /// `Content-Length` is written (RFC 9110 §8.6); `nil` for anything else or an overflow.
    ///
    /// - Parameter text: The text.
    /// - Returns: Its value.
    static func decimalValue(_ text: some StringProtocol) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }

    /// `text` without leading and trailing spaces and tabs.
    ///
    /// - Parameter text: Some text.
    /// - Returns: The trimmed text.
    static func trimmingWhitespace(_ text: Substring) -> Substring {
        var start = text.utf8.startIndex
        var end = text.utf8.endIndex
        while start < end, isWhitespace(text.utf8[start]) { start = text.utf8.index(after: start) }
        while end > start, isWhitespace(text.utf8[text.utf8.index(before: end)]) {
            end = text.utf8.index(before: end)
        }
        return Substring(text.utf8[start..<end])
    }
}
