/// Why bytes are not a JSON text (RFC 8259), and at which byte.
///
/// Every offset counts bytes from the start of the input the parser was given (for a
/// slice, from the slice's first byte), starting at 0, so an editor's "go to byte" or
/// `xxd -s` finds the spot.
public enum JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What the parser was looking for where it found something else.
    public enum Expected: Equatable, Sendable, CustomStringConvertible {
        /// A value: an object, an array, a string, a number, `true`, `false` or `null`.
        case value
        /// A string that names a member of an object.
        case key
        /// The `:` between a key and its value.
        case colon
        /// A `,` before the next element or the `]` that ends an array.
        case commaOrClosingBracket
        /// A `,` before the next member or the `}` that ends an object.
        case commaOrClosingBrace
        /// A digit `0`–`9`, in a number.
        case digit
        /// A hexadecimal digit, one of the four after `\u` in a string.
        case hexDigit
        /// The rest of a literal, such as `true`.
        case literal(String)
        /// Nothing more: the one value of the text has ended (whitespace may follow).
        case endOfInput

        /// The expectation in words.
        public var description: String {
            switch self {
            case .value: "a value"
            case .key: "a string key"
            case .colon: "':'"
            case .commaOrClosingBracket: "',' or ']'"
            case .commaOrClosingBrace: "',' or '}'"
            case .digit: "a digit"
            case .hexDigit: "a hex digit"
            case .literal(let word): "'\(word)'"
            case .endOfInput: "the end of the input"
            }
        }
    }

    /// A byte that cannot come next, and what could have.
    case unexpectedByte(UInt8, offset: Int, expected: Expected)
    /// The input ended where more was needed; `offset` is the input's length.
    case unexpectedEnd(offset: Int, expected: Expected)
    /// A number starting with `0` followed by more digits, such as `012` (RFC 8259 §6).
    case leadingZero(offset: Int)
    /// A string whose closing quote never came; `offset` is its opening quote.
    case unterminatedString(offset: Int)
    /// A byte below 0x20 inside a string: it must be escaped (RFC 8259 §7).
    case controlCharacter(UInt8, offset: Int)
    /// A backslash followed by a byte that is not one of `" \ / b f n r t u`; `offset` is
    /// the backslash.
    case invalidEscape(UInt8, offset: Int)
    /// A `\u` escape of a UTF-16 surrogate without its other half, such as `"\uD800"`
    /// alone or `"\uDC00"` first; `offset` is its backslash.
    case loneSurrogate(UInt16, offset: Int)
    /// Bytes that are not UTF-8 (RFC 8259 §8.1); `offset` is the first byte of the bad
    /// character.
    case invalidUTF8(offset: Int)
    /// Arrays and objects nested deeper than the limit; `offset` is the `[` or `{` that
    /// went one level too deep.
    case tooDeep(limit: Int, offset: Int)

    /// The byte offset the error points at.
    public var offset: Int {
        switch self {
        case .unexpectedByte(_, let offset, _), .unexpectedEnd(let offset, _),
            .leadingZero(let offset), .unterminatedString(let offset),
            .controlCharacter(_, let offset), .invalidEscape(_, let offset),
            .loneSurrogate(_, let offset), .invalidUTF8(let offset), .tooDeep(_, let offset):
            offset
        }
    }

    /// What went wrong and where, such as `unexpected ']' at byte 4: expected a value`.
    public var description: String {
        switch self {
        case .unexpectedByte(let byte, let offset, let expected):
            "unexpected \(Self.show(byte)) at byte \(offset): expected \(expected)"
        case .unexpectedEnd(let offset, let expected):
            "the input ends at byte \(offset): expected \(expected)"
        case .leadingZero(let offset):
            "number with a leading zero at byte \(offset)"
        case .unterminatedString(let offset):
            "the string that starts at byte \(offset) never ends"
        case .controlCharacter(let byte, let offset):
            "control character \(Self.show(byte)) in a string at byte \(offset): escape it"
        case .invalidEscape(let byte, let offset):
            "invalid escape '\\' \(Self.show(byte)) at byte \(offset)"
        case .loneSurrogate(let unit, let offset):
            "lone surrogate \\u\(Self.hex(unit)) at byte \(offset)"
        case .invalidUTF8(let offset):
            "invalid UTF-8 at byte \(offset)"
        case .tooDeep(let limit, let offset):
            "nested deeper than \(limit) levels at byte \(offset)"
        }
    }

    /// A byte as a quoted character if it is printable ASCII, otherwise in hex.
    private static func show(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte)
            ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(hex(UInt16(byte), width: 2))"
    }

    private static func hex(_ value: UInt16, width: Int = 4) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
