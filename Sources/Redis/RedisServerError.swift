/// An error reply from the Redis server, such as `WRONGTYPE Operation against a key holding
/// the wrong kind of value`.
///
/// Redis starts every error message with a code in capitals (`ERR`, `WRONGTYPE`, `NOAUTH`,
/// `WRONGPASS`, `NOPERM`, `BUSY`, …) so that a client can tell kinds of failure apart
/// without parsing English; ``code`` is that first word. An error reply is an answer, not
/// a broken connection: the connection carries on, and only the request it answers fails.
public struct RedisServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The whole message, code included.
    public var message: String

    /// An error with `message`, as the server sent it.
    ///
    /// - Parameter message: Such as `ERR unknown command 'FOO'`.
    public init(message: String) {
        self.message = message
    }

    /// The first word of the message, such as `WRONGTYPE`.
    public var code: String {
        String(message.prefix { $0 != " " })
    }

    /// The message.
    public var description: String { message }
}
