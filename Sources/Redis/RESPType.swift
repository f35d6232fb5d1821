/// The first byte of every RESP value, which says what follows.
///
/// RESP (the REdis Serialization Protocol) marks each value with one byte: `+` for a short
/// line of text, `$` for a length-prefixed string, `*` for an array of values, and so on.
/// RESP2, which every Redis speaks, has the first five; RESP3 (Redis 6 and later, after
/// `HELLO 3`) adds the other ten, so that a reply can say "this is a map" or "this is a
/// double" instead of leaving the client to guess from the command it sent.
public enum RESPType: UInt8, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// `+OK\r\n`: a line of text without CR or LF (RESP2).
    case simpleString = 43  // +
    /// `-ERR unknown command\r\n`: an error reply (RESP2).
    case simpleError = 45  // -
    /// `:1000\r\n`: a signed 64-bit integer (RESP2).
    case integer = 58  // :
    /// `$5\r\nhello\r\n`: a binary-safe string of a given length; `$-1` is nil (RESP2).
    case bulkString = 36  // $
    /// `*2\r\n…`: an array of any values; `*-1` is nil (RESP2).
    case array = 42  // *
    /// `_\r\n`: nil, for every type (RESP3).
    case null = 95  // _
    /// `#t\r\n` or `#f\r\n` (RESP3).
    case boolean = 35  // #
    /// `,3.14\r\n`, also `,inf`, `,-inf` and `,nan` (RESP3).
    case double = 44  // ,
    /// `(3492890328409238509324850943850943825024385\r\n`: an integer of any size (RESP3).
    case bigNumber = 40  // (
    /// `!21\r\nSYNTAX invalid syntax\r\n`: an error that may hold any bytes (RESP3).
    case bulkError = 33  // !
    /// `=15\r\ntxt:Some string\r\n`: text with a three-letter format, such as `txt` (RESP3).
    case verbatimString = 61  // =
    /// `%2\r\n…`: key-value pairs (RESP3).
    case map = 37  // %
    /// `~3\r\n…`: an unordered collection of distinct values (RESP3).
    case set = 126  // ~
    /// `|1\r\n…`: extra information about the value that follows it (RESP3).
    case attribute = 124  // |
    /// `>3\r\n…`: data the server sends on its own, not as a reply (RESP3).
    case push = 62  // >

    /// `bulk string ($)`, for error messages.
    public var description: String {
        let name =
            switch self {
            case .simpleString: "simple string"
            case .simpleError: "simple error"
            case .integer: "integer"
            case .bulkString: "bulk string"
            case .array: "array"
            case .null: "null"
            case .boolean: "boolean"
            case .double: "double"
            case .bigNumber: "big number"
            case .bulkError: "bulk error"
            case .verbatimString: "verbatim string"
            case .map: "map"
            case .set: "set"
            case .attribute: "attribute"
            case .push: "push"
            }
        return "\(name) (\(Character(Unicode.Scalar(rawValue))))"
    }
}
