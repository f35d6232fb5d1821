import Sockets

/// Why a Redis request, subscription or connection failed.
///
/// The cases say what the caller can know. ``server(_:)`` is an answer: the command ran
/// (or was refused) and the connection is fine. ``connectionLost(command:reason:)`` is
/// not: the request was sent, and whether Redis ran it before the connection dropped
/// cannot be known, so a caller retries only what is safe to run twice (`GET`, `SET`, not
/// `INCR`). ``timedOut(command:after:)`` is the same uncertainty, bounded in time.
public enum RedisError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Redis answered with an error, such as `WRONGTYPE …` or `NOPERM …`.
    case server(RedisServerError)
    /// No TCP connection could be made, such as `ECONNREFUSED`.
    case cannotConnect(address: String, reason: String)
    /// A command sent on connecting (`HELLO`, `AUTH`, `SELECT`, `CLIENT SETNAME`) was refused.
    case handshakeFailed(command: String, RedisServerError)
    /// No answer within the request timeout; the connection was reset, because the
    /// answers still to come could no longer be matched to their requests.
    case timedOut(command: String, after: Duration)
    /// The connection dropped after the request was sent and before its answer arrived.
    case connectionLost(command: String, reason: String)
    /// The client is disconnected and is configured to fail requests rather than wait
    /// (``RedisConfiguration/WhileDisconnected/fail``).
    case notConnected(reason: String)
    /// The client is disconnected and as many requests as allowed already wait.
    case tooManyWaitingRequests(limit: Int)
    /// The server's bytes broke RESP, or passed a limit of ``RESPParser/Limits``.
    case protocolError(RESPParseError)
    /// A reply came that no request asked for.
    case unexpectedReply(String)
    /// The command would change how replies flow (`SUBSCRIBE`, `MONITOR`), which this
    /// connection cannot follow.
    case unsupportedCommand(String, reason: String)
    /// The client was closed.
    case closed

    /// What went wrong, for logs and test failures.
    public var description: String {
        switch self {
        case .server(let error): "Redis error: \(error.message)"
        case .cannotConnect(let address, let reason): "cannot connect to \(address): \(reason)"
        case .handshakeFailed(let command, let error):
            "\(command) on connecting was refused: \(error.message)"
        case .timedOut(let command, let after): "\(command): no reply within \(after)"
        case .connectionLost(let command, let reason):
            "\(command): the connection was lost before the reply (\(reason)); "
                + "whether Redis ran the command is unknown"
        case .notConnected(let reason): "not connected to Redis: \(reason)"
        case .tooManyWaitingRequests(let limit):
            "not connected to Redis, and \(limit) requests already wait for the connection"
        case .protocolError(let error): "Redis sent bytes that are not valid RESP: \(error)"
        case .unexpectedReply(let reply): "unexpected reply from Redis: \(reply)"
        case .unsupportedCommand(let command, let reason):
            "\(command) is not allowed here: \(reason)"
        case .closed: "the Redis client is closed"
        }
    }
}

extension RedisError {
    /// The error as the request `command` sees it: a drop names the command it interrupted.
    func forRequest(_ command: String) -> RedisError {
        if case .connectionLost(_, let reason) = self {
            return .connectionLost(command: command, reason: reason)
        }
        return self
    }

    /// The error for a request that was still waiting to be sent, or for a subscriber
    /// told of a drop: nothing was lost in flight.
    var forWaitingRequest: RedisError {
        if case .connectionLost(_, let reason) = self { return .notConnected(reason: reason) }
        return self
    }

    /// The error for the first connection, which never became ready.
    func forFirstConnection(to address: SocketAddress) -> RedisError {
        if case .connectionLost(_, let reason) = self {
            return .cannotConnect(address: "\(address)", reason: reason)
        }
        return self
    }
}
