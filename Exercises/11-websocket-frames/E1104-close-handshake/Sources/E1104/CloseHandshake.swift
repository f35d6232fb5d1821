// Exercise 11.4: the close handshake.
// Read the task in ../../README.md; check it with `swift run grade 11.4`.

import ExerciseSupport
import WebSockets

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
///
/// `CloseAction` is the library's.
public struct CloseHandshake: Sendable {
    private enum State: Sendable {
        case open
        case closeSent
        case closed
    }

    private var state = State.open

    /// A connection with no close yet.
    public init() {}

    /// Whether data may still be sent (given).
    public var canSendData: Bool { state == .open }

    /// Whether the handshake is complete (given).
    public var isClosed: Bool { state == .closed }

    /// We want to close: send a close frame unless one was already sent.
    ///
    /// - Parameters:
    ///   - code: Our status code.
    ///   - reason: Our reason.
    /// - Returns: The frame to send, or nothing.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public mutating func close(code: WebSocketCloseCode, reason: String) throws -> CloseAction {
        // TODO(E1104): from open, move to closeSent and send our close frame; once a close
        // frame has been sent (or the handshake is over), there is nothing more to send.
        throw Unimplemented("E1104: CloseHandshake.close(code:reason:)")
    }

    /// The peer sent close: echo it if we have not sent ours, otherwise we are done.
    ///
    /// - Parameter code: The peer's code; `nil` if its close frame was empty.
    /// - Returns: What to do.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public mutating func closeReceived(code: WebSocketCloseCode?) throws -> CloseAction {
        // TODO(E1104): from open, echo the peer's code (an empty close with an empty one)
        // and the handshake is over; after our own close, the peer's close is its answer:
        // close the connection; after the end, nothing.
        throw Unimplemented("E1104: CloseHandshake.closeReceived(code:)")
    }
}
