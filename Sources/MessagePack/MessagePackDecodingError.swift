/// Why bytes are not one MessagePack value, and at which byte.
///
/// Every offset counts bytes from the start of the input the decoder was given (for a
/// slice, from the slice's first byte), starting at 0, so `xxd -s OFFSET` finds the spot.
/// Where a value is at fault, the offset is its first byte, the one that names its format.
public enum MessagePackDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ended where a value should start: it was empty, or an array or map ran
    /// out of elements. `offset` is the input's length.
    case unexpectedEnd(offset: Int)
    /// A value's fixed-size part (an integer, a float, a length, an extension's type) runs
    /// past the end of the input.
    case truncated(MessagePackFormat, offset: Int)
    /// A string, binary or extension declares more bytes, or an array or map more elements,
    /// than the input has left for it. Every element takes at least one byte, so this is
    /// found before anything is allocated; `available` is what the rest of the input has
    /// room for, after one byte for each value that the arrays and maps around it still
    /// expect.
    case lengthBeyondInput(MessagePackFormat, length: UInt64, available: Int, offset: Int)
    /// The byte `0xc1`, which the spec never uses.
    case neverUsedByte(offset: Int)
    /// A string whose bytes are not UTF-8; `offset` is the first byte of the bad character.
    case invalidUTF8(offset: Int)
    /// Arrays and maps nested deeper than the limit; `offset` is the one that went a level
    /// too deep.
    case tooDeep(limit: Int, offset: Int)
    /// The input is larger than the limit; nothing was decoded.
    case inputTooLarge(size: Int, limit: Int)
    /// More bytes after the one value the input should hold; `offset` is the first of them.
    case trailingBytes(count: Int, offset: Int)

    /// The byte offset the error points at.
    public var offset: Int {
        switch self {
        case .unexpectedEnd(let offset), .truncated(_, let offset),
            .lengthBeyondInput(_, _, _, let offset), .neverUsedByte(let offset),
            .invalidUTF8(let offset), .tooDeep(_, let offset), .trailingBytes(_, let offset):
            offset
        case .inputTooLarge: 0
        }
    }

    /// What went wrong and where, such as `the str 8 at byte 1 declares 3 bytes, but only 2
    /// are left`.
    public var description: String {
        switch self {
        case .unexpectedEnd(let offset):
            "the input ends at byte \(offset), where a value should start"
        case .truncated(let format, let offset):
            "the \(format) at byte \(offset) is cut off by the end of the input"
        case .lengthBeyondInput(let format, let length, let available, let offset):
            "the \(format) at byte \(offset) declares \(length) "
                + Self.unit(of: format)
                + ", but only \(available) \(available == 1 ? "byte is" : "bytes are") left"
        case .neverUsedByte(let offset):
            "byte 0xc1 at byte \(offset): MessagePack never uses it"
        case .invalidUTF8(let offset):
            "invalid UTF-8 in a string at byte \(offset)"
        case .tooDeep(let limit, let offset):
            "arrays and maps nested deeper than \(limit) levels at byte \(offset)"
        case .inputTooLarge(let size, let limit):
            "the input has \(size) bytes, more than the limit of \(limit)"
        case .trailingBytes(let count, let offset):
            "\(count) more \(count == 1 ? "byte" : "bytes") after the value, at byte \(offset)"
        }
    }

    /// What a format's length counts: an array's elements, a map's entries, or bytes.
    private static func unit(of format: MessagePackFormat) -> String {
        switch format {
        case .fixarray, .array16, .array32: "elements"
        case .fixmap, .map16, .map32: "entries"
        default: "bytes"
        }
    }
}
