// snippet: resp-value
/// One value of RESP, the protocol Redis speaks: RESP2's five types and RESP3's ten more.
///
/// Every request is an array of bulk strings, and every reply is one of these. Nulls keep
/// the form they had on the wire (RESP2's `$-1` and `*-1`, RESP3's `_`), so that encoding
/// a parsed value gives back the very same bytes; ``isNull`` answers "was it nil?" for all
/// three.
public enum RESPValue: Hashable, Sendable {
    /// `+OK`: a line of text.
    case simpleString(String)
    /// `-ERR …`: an error reply.
    case simpleError(RedisServerError)
    /// `:42`: a signed 64-bit integer.
    case integer(Int64)
    /// `$5 hello`: any bytes.
    case bulkString([UInt8])
    /// `$-1`: RESP2's nil, as `GET` answers for a missing key.
    case nullBulkString
    /// `*2 …`: values of any types.
    case array([RESPValue])
    /// `*-1`: RESP2's nil array, as `BLPOP` answers when it times out.
    case nullArray
    /// `_`: RESP3's nil.
    case null
    /// `#t` or `#f`.
    case boolean(Bool)
    /// `,3.14`, also infinity and NaN.
    case double(Double)
    /// `(123…`: an integer too large for 64 bits, as its decimal digits (with a leading
    /// `-` if negative).
    case bigNumber(String)
    /// `!… SYNTAX …`: an error reply whose message is length-prefixed.
    case bulkError(RedisServerError)
    /// `=… txt:…`: text with its format (`txt` or `mkd`).
    case verbatimString(format: String, text: [UInt8])
    /// `%2 …`: key-value pairs, in the server's order.
    case map([RESPMapEntry])
    /// `~3 …`: distinct values, in the server's order.
    case set([RESPValue])
    /// `|1 …` then a value: the value, with the extra information the server attached.
    indirect case attribute([RESPMapEntry], RESPValue)
    /// `>3 …`: a message the server sent on its own, such as a pub/sub message or a key
    /// invalidation; never the reply to a request.
    case push([RESPValue])
}
// end-snippet
