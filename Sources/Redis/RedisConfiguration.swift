import EventLoop

/// How a ``RedisConnection`` or ``RedisSubscriber`` connects, authenticates, waits and
/// recovers.
///
/// Every wait is bounded: connecting (``connectTimeout``), each request
/// (``requestTimeout``), the requests that queue while Redis is away
/// (``whileDisconnected``), and each reply (``parserLimits``).
public struct RedisConfiguration: Sendable {
    /// Which protocol the connection speaks after connecting.
    public enum ProtocolVersion: Hashable, Sendable {
        /// RESP2, which every Redis speaks; nothing is sent to choose it.
        case resp2
        /// RESP3 (Redis 6 and later): `HELLO 3` is sent first, and replies carry their
        /// types (maps, doubles, booleans, pushes).
        case resp3
    }

    /// What happens to a request made while the connection is down.
    public enum WhileDisconnected: Hashable, Sendable {
        /// It waits for the connection to come back, as do at most `maximumRequests`
        /// others; each still fails after the request timeout. Past the count it fails at
        /// once with ``RedisError/tooManyWaitingRequests(limit:)``.
        case wait(maximumRequests: Int)
        /// It fails at once with ``RedisError/notConnected(reason:)``.
        case fail
    }

    /// The protocol; ``ProtocolVersion/resp2`` by default.
    public var protocolVersion = ProtocolVersion.resp2
    /// The ACL user for `AUTH` (Redis 6 and later); `nil` authenticates as `default`.
    public var username: String?
    /// The password for `AUTH`; `nil` sends no `AUTH`.
    public var password: String?
    /// The database that `SELECT` chooses on every connection; `0` sends no `SELECT`.
    ///
    /// Use this rather than sending `SELECT` yourself: after a reconnect, only this is
    /// chosen again. (Pub/sub ignores databases: channels are server-wide.)
    public var database = 0
    /// A name for `CLIENT SETNAME`, which `CLIENT LIST` shows; `nil` sends none.
    public var clientName: String?
    /// How long connecting, authenticating and selecting may take together.
    public var connectTimeout: Duration = .seconds(5)
    /// How long a request may wait for its reply, from the moment it is made.
    public var requestTimeout: Duration = .seconds(5)
    /// The waits between reconnection attempts.
    public var reconnectBackoff = ReconnectBackoff()
    /// What happens to requests made while disconnected; by default they wait, 1024 at
    /// most, each for its own timeout.
    ///
    /// Waiting suits a short outage (a Redis restart takes a second or two): callers see
    /// a slow answer instead of an error. Failing at once suits a caller with a better
    /// plan, such as a cache that falls back to the database. A ``RedisSubscriber``'s
    /// subscriptions always wait: they are made again on every new connection.
    public var whileDisconnected = WhileDisconnected.wait(maximumRequests: 1024)
    /// The bounds on each reply.
    public var parserLimits = RESPParser.Limits()
    /// How many replies or messages are handled per turn of the event loop before the
    /// connection lets the loop's other work run; the rest follow on later turns.
    ///
    /// A flood of pub/sub messages, or the answers to 10,000 pipelined requests, would
    /// otherwise hold the loop, and every connection on it, until the last was handled.
    /// While the connection waits for its next turn it does not read, so what Redis keeps
    /// sending stays in the kernel's buffers and then in Redis's output buffer for this
    /// client, which Redis bounds itself (`client-output-buffer-limit`).
    public var maximumRepliesPerTurn = 256
    /// The TCP connection's settings.
    public var tcp = TCPConnection.Configuration()
    /// Called on the loop with every RESP3 push that is not pub/sub (such as a
    /// `CLIENT TRACKING` invalidation) on a ``RedisConnection``; `nil` drops them.
    public var onPush: (@Sendable (RESPValue) -> Void)?

    /// The defaults.
    public init() {}
}
