/// Why an acknowledgement did not come, or an operation could not be done.
public enum SocketIOError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No answer in time (`socket.timeout(…)`); for a broadcast, with the answers that did
    /// come, in the order they came.
    case timeout(responses: [SocketIOValue])
    /// The socket left before it answered; for a broadcast, with the answers that came.
    case disconnected(responses: [SocketIOValue])
    /// The socket already waits for this many answers (``SocketIOServer/Configuration/maximumPendingAcks``).
    case tooManyPendingAcks(limit: Int)

    /// A message for logs; the timeout's is the JavaScript one.
    public var description: String {
        switch self {
        case .timeout(let responses):
            responses.isEmpty
                ? "operation has timed out"
                : "operation has timed out (\(responses.count) answers came)"
        case .disconnected(let responses):
            "the socket disconnected before answering (\(responses.count) answers came)"
        case .tooManyPendingAcks(let limit): "more than \(limit) acknowledgements pending"
        }
    }
}

/// A middleware's refusal of a connection: the client gets a CONNECT_ERROR packet with
/// this message and data.
///
/// ```swift
/// io.of("/private").use { socket, next in
///     guard socket.handshake.auth["token"] == "s3cr3t" else {
///         return next(SocketIOConnectError("Not authorized", data: ["reason": "invalid token"]))
///     }
///     next(nil)
/// }
/// // → 4/private,{"message":"Not authorized","data":{"reason":"invalid token"}}
/// ```
public struct SocketIOConnectError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `message` the client's `connect_error` handler sees.
    public var message: String
    /// More for the client (its `err.data`); left out of the packet when `nil`.
    public var data: SocketIOValue?

    /// A refusal.
    ///
    /// - Parameters:
    ///   - message: The message.
    ///   - data: More detail, if any.
    public init(_ message: String, data: SocketIOValue? = nil) {
        self.message = message
        self.data = data
    }

    /// The message.
    public var description: String { message }

    /// The CONNECT_ERROR payload: `{"message": …}` and, when there is data, `"data": …`.
    var payload: SocketIOValue {
        var object: SocketIOObject = ["message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }
}
