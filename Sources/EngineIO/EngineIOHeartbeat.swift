import EventLoop

// snippet: heartbeat-protocol
/// The server's side of the heartbeat, free of timers and sockets so tests can drive it.
///
/// A TCP connection can die without a sound (a laptop lid closes, a NAT forgets the
/// flow), and a long-polling session has no connection at all between two requests. So
/// the server asks: every `pingInterval` it sends a ping, and a client that has not
/// answered with a pong within `pingTimeout` is gone.
///
/// ```
///        open          pingInterval            ping        ≤ pingTimeout       pong
///   ───────┼────────────────────────────────────┼──────────────────────────────┼────▶
///          │◀──────── waiting to ping ─────────▶│◀──── awaiting the pong ─────▶│
///                                                         (none: close)
/// ```
///
/// Each session makes one with ``EngineIOParts``' heartbeat factory when it opens (the
/// first ping is due one interval later), owns one loop timer, and sets it to
/// ``nextDeadline`` after every call; when it fires, ``timerFired(at:)`` says what to do.
/// A pong that comes unasked (none is awaited) changes nothing, so a client cannot make
/// the server ping more often. The library has its own; the course's exercise 12.4 plugs
/// in the learner's.
public protocol EngineIOHeartbeat {
    /// When the session's timer must fire next.
    var nextDeadline: LoopInstant { get }

    /// The timer fired: ping if one is due, time out if the pong is overdue.
    ///
    /// - Parameter now: The loop's time.
    /// - Returns: What to do, or `nil` if nothing is due yet (a timer may fire early).
    mutating func timerFired(at now: LoopInstant) -> EngineIOHeartbeatAction?

    /// A pong arrived: if one was awaited, the next ping is due one interval from now.
    ///
    /// - Parameter now: The loop's time.
    mutating func pongReceived(at now: LoopInstant)
}
// end-snippet

/// What a session must do when its heartbeat timer fires.
public enum EngineIOHeartbeatAction: Sendable, Equatable {
    /// Send a ping now.
    case sendPing
    /// The pong did not come: close the session ("ping timeout").
    case timedOut
}
