// Exercise 12.4: the server's heartbeat, a state machine with two deadlines.
// Read the task in ../../README.md; check it with `swift run grade 12.4`.

import EngineIO
import EventLoop
import ExerciseSupport

/// The server's side of the heartbeat, free of timers and sockets: when to ping, and
/// when a client that does not answer is gone.
///
/// ```
///        open          pingInterval            ping        ≤ pingTimeout       pong
///   ───────┼────────────────────────────────────┼──────────────────────────────┼────▶
///          │◀──────── waiting to ping ─────────▶│◀──── awaiting the pong ─────▶│
///                                                         (none: close)
/// ```
///
/// A session makes one when it opens, sets its one timer to `nextDeadline` after every
/// call, and does what `timerFired(at:)` says when the timer fires.
public struct Heartbeat: EngineIOHeartbeat {
    // TODO(E1204): the state: what the heartbeat is waiting for, and until when.

    /// Starts the heartbeat when the session opens.
    ///
    /// - Parameters:
    ///   - interval: The time between the open packet (or a pong) and the next ping.
    ///   - timeout: How long a pong may take.
    ///   - now: When the session opened.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented`` (the
    ///   protocol's methods cannot throw, so the stub lives here).
    public init(interval: Duration, timeout: Duration, openedAt now: LoopInstant) throws {
        // TODO(E1204): remember the timers and start waiting for the first ping's time;
        // then delete this line.
        throw Unimplemented("E1204: Heartbeat (init, nextDeadline, timerFired, pongReceived)")
    }

    /// When the session's timer must fire next.
    public var nextDeadline: LoopInstant {
        // TODO(E1204): the deadline of whatever the heartbeat is waiting for.
        LoopInstant(nanoseconds: 0)  // a placeholder until written
    }

    /// The timer fired: ping if one is due, time out if the pong is overdue.
    ///
    /// - Parameter now: The loop's time.
    /// - Returns: What to do, or `nil` if nothing is due yet (a timer may fire early).
    public mutating func timerFired(at now: LoopInstant) -> EngineIOHeartbeatAction? {
        // TODO(E1204): before the deadline, nothing; at or after it, ping (and start
        // waiting for the pong) or time out, depending on what was awaited.
        nil  // a placeholder until written
    }

    /// A pong arrived: if one was awaited, the next ping is due one interval from now.
    ///
    /// - Parameter now: The loop's time.
    public mutating func pongReceived(at now: LoopInstant) {
        // TODO(E1204): only a pong that answers a ping counts.
    }
}
