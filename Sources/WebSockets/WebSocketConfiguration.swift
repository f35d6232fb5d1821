/// Limits and timers for one WebSocket connection; every limit has a default.
public struct WebSocketConfiguration: Sendable {
    /// The largest frame payload accepted; a bigger frame fails the connection with 1009.
    public var maximumFrameSize = 1 << 20
    /// The largest message accepted, all fragments together; bigger fails with 1009.
    public var maximumMessageSize = 1 << 20
    /// Send a ping when nothing was received for this long; `nil`: never.
    public var pingInterval: Duration? = nil
    /// Close the connection if no pong (or anything else) arrives this long after a ping.
    public var pingTimeout: Duration = .seconds(10)
    /// After sending a close frame, how long to wait for the peer's before dropping the
    /// TCP connection anyway.
    public var closeTimeout: Duration = .seconds(5)

    /// The defaults: 1 MiB frames and messages, no keep-alive pings.
    public init() {}
}
