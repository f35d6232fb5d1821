/// What the connection should do next in the close handshake.
public enum CloseAction: Sendable, Equatable {
    /// Send a close frame with this code (echoing the peer's, or our own).
    case sendClose(code: WebSocketCloseCode?, reason: String)
    /// Both sides have sent close: close the TCP connection.
    case closeConnection
    /// Nothing to do.
    case doNothing
}

// snippet: close-handshake
/// The WebSocket close handshake (RFC 6455 §7), free of I/O so tests can drive it.
///
/// Either side may start: it sends a close frame and stops sending data. The other side
/// answers with a close frame of its own (usually echoing the code) and then the TCP
/// connection is closed, by the server first so that the client's side does not linger
/// in TIME_WAIT (§7.1.1). Data that arrives after we sent close is discarded.
///
/// ```
///            we send close                  peer's close arrives
///   open ───────────────────▶ closeSent ────────────────────────▶ closed
///     │                                                             ▲
///     └── peer's close arrives: echo it ───────────────────────────┘
/// ```
public struct CloseHandshake: Sendable {
    private enum State: Sendable {
        case open
        case closeSent
        case closed
    }

    private var state = State.open

    /// A connection with no close yet.
    public init() {}

    /// Whether data may still be sent.
    public var canSendData: Bool { state == .open }

    /// Whether the handshake is complete.
    public var isClosed: Bool { state == .closed }

    /// We want to close: send a close frame unless one was already sent.
    ///
    /// - Parameters:
    ///   - code: Our status code.
    ///   - reason: Our reason.
    /// - Returns: The frame to send, or nothing.
    public mutating func close(code: WebSocketCloseCode, reason: String) -> CloseAction {
        switch state {
        case .open:
            state = .closeSent
            return .sendClose(code: code, reason: reason)
        case .closeSent, .closed:
            return .doNothing
        }
    }

    /// The peer sent close: echo it if we have not sent ours, otherwise we are done.
    ///
    /// - Parameter code: The peer's code; `nil` if its close frame was empty.
    /// - Returns: What to do.
    public mutating func closeReceived(code: WebSocketCloseCode?) -> CloseAction {
        switch state {
        case .open:
            state = .closed
            // Echo the code; an empty close is answered with an empty close (§5.5.1).
            return .sendClose(code: code, reason: "")
        case .closeSent:
            state = .closed
            return .closeConnection
        case .closed:
            return .doNothing
        }
    }
}
// end-snippet
