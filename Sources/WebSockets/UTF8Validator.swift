// snippet: utf8-validator
/// Checks UTF-8 as it arrives, piece by piece, and says as soon as it goes wrong.
///
/// A text message may arrive in many fragments, and a character may be split between
/// two of them, so validation keeps state between calls: how many continuation bytes
/// the current character still needs, and the range the next byte must fall in. The
/// ranges come from Unicode's table of well-formed sequences (Unicode 15, Table 3-7),
/// which rules out overlong forms (`C0 80` for U+0000), UTF-16 surrogates (`ED A0 80`)
/// and anything above U+10FFFF (`F4 90 ...`), not just malformed bytes.
///
/// "Fail fast": the first impossible byte is reported, even mid-message, so an endpoint
/// can close with 1007 before the rest arrives.
public struct UTF8Validator: Sendable {
    private var continuationBytesNeeded = 0
    private var lowerBound: UInt8 = 0x80
    private var upperBound: UInt8 = 0xBF

    /// A validator at the start of a text.
    public init() {}

    /// Whether the text so far ends on a character boundary.
    public var isAtCharacterBoundary: Bool { continuationBytesNeeded == 0 }

    /// Feeds more bytes; `false` as soon as they cannot be valid UTF-8.
    ///
    /// - Parameter bytes: The next bytes of the text.
    /// - Returns: `true` while the text is valid so far.
    public mutating func validate(_ bytes: some Collection<UInt8>) -> Bool {
        for byte in bytes {
            if continuationBytesNeeded == 0 {
                if byte < 0x80 { continue }  // ASCII, the common case
                switch byte {
                case 0xC2...0xDF: continuationBytesNeeded = 1
                case 0xE0: (continuationBytesNeeded, lowerBound) = (2, 0xA0)
                case 0xE1...0xEC, 0xEE...0xEF: continuationBytesNeeded = 2
                case 0xED: (continuationBytesNeeded, upperBound) = (2, 0x9F)
                case 0xF0: (continuationBytesNeeded, lowerBound) = (3, 0x90)
                case 0xF1...0xF3: continuationBytesNeeded = 3
                case 0xF4: (continuationBytesNeeded, upperBound) = (3, 0x8F)
                default: return false  // 80–C1 and F5–FF never start a character
                }
            } else {
                guard byte >= lowerBound && byte <= upperBound else { return false }
                // Only the first continuation byte has a narrowed range.
                (lowerBound, upperBound) = (0x80, 0xBF)
                continuationBytesNeeded -= 1
            }
        }
        return true
    }
}
// end-snippet
