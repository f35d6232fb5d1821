/// Why bytes from a Redis server are not valid RESP, or are more than a limit allows.
///
/// Every case says what was wrong and where: `offset` counts bytes from the start of the
/// stream the parser was fed, and points at the first byte of the value at fault (its type
/// byte). After an error the stream cannot be trusted (a reply's end is lost, so no later
/// reply can be matched to its request), and the client closes the connection.
public enum RESPParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A value began with a byte that is no RESP type.
    case unknownType(byte: UInt8, offset: Int)
    /// A length (`$`, `*`, `%`, …) was not `-1` or a decimal number.
    case invalidLength(RESPType, text: String, offset: Int)
    /// The line of a scalar (an integer, double, boolean, big number or null) was not
    /// well formed for its type.
    case invalidScalar(RESPType, text: String, offset: Int)
    /// A verbatim string was shorter than its `xxx:` format prefix.
    case invalidVerbatimString(offset: Int)
    /// The bytes after a length-prefixed payload were not CR LF.
    case missingLineEnd(RESPType, offset: Int)
    /// A line went on past the limit without its CR LF.
    case lineTooLong(limit: Int, offset: Int)
    /// A bulk string, bulk error or verbatim string announced more bytes than the limit.
    case bulkTooLong(RESPType, length: Int, limit: Int, offset: Int)
    /// An aggregate announced more elements than the limit.
    case aggregateTooLong(RESPType, count: Int, limit: Int, offset: Int)
    /// Aggregates were nested deeper than the limit.
    case tooDeep(limit: Int, offset: Int)
    /// One reply, counted from its first byte, grew past the limit.
    case replyTooLarge(limit: Int, offset: Int)

    /// What was wrong, and where.
    public var description: String {
        switch self {
        case .unknownType(let byte, let offset):
            "byte \(offset): \(Self.show(byte)) is not a RESP type"
        case .invalidLength(let type, let text, let offset):
            "byte \(offset): \(type) length \(text.debugDescription) is not -1 or a number"
        case .invalidScalar(let type, let text, let offset):
            "byte \(offset): \(text.debugDescription) is not a valid \(type)"
        case .invalidVerbatimString(let offset):
            "byte \(offset): verbatim string without its 3-letter format and ':'"
        case .missingLineEnd(let type, let offset):
            "byte \(offset): \(type) payload not followed by CR LF"
        case .lineTooLong(let limit, let offset):
            "byte \(offset): line longer than \(limit) bytes without CR LF"
        case .bulkTooLong(let type, let length, let limit, let offset):
            "byte \(offset): \(type) of \(length) bytes is longer than the limit of \(limit)"
        case .aggregateTooLong(let type, let count, let limit, let offset):
            "byte \(offset): \(type) of \(count) elements is longer than the limit of \(limit)"
        case .tooDeep(let limit, let offset):
            "byte \(offset): aggregates nested deeper than the limit of \(limit)"
        case .replyTooLarge(let limit, let offset):
            "byte \(offset): reply larger than the limit of \(limit) bytes"
        }
    }

    private static func show(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        guard byte >= 0x20 && byte < 0x7F else { return "0x\(hex.count == 1 ? "0" : "")\(hex)" }
        return "'\(Character(Unicode.Scalar(byte)))'"
    }
}
