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
    private let interval: Duration
    private let timeout: Duration
    /// Whether a ping is out and its pong not yet in.
    private var awaitingPong = false
    /// When the ping is due, or when the pong is overdue.
    public private(set) var nextDeadline: LoopInstant

    /// Starts the heartbeat when the session opens.
    ///
    /// - Parameters:
    ///   - interval: The time between the open packet (or a pong) and the next ping.
    ///   - timeout: How long a pong may take.
    ///   - now: When the session opened.
    /// - Throws: Nothing; it is declared `throws` so that the starter could throw.
    public init(interval: Duration, timeout: Duration, openedAt now: LoopInstant) throws {
        self.interval = interval
        self.timeout = timeout
        self.nextDeadline = now + interval
    }

    /// The timer fired: ping if one is due, time out if the pong is overdue.
    ///
    /// - Parameter now: The loop's time.
    /// - Returns: What to do, or `nil` if nothing is due yet (a timer may fire early).
    public mutating func timerFired(at now: LoopInstant) -> EngineIOHeartbeatAction? {
        guard now >= nextDeadline else { return nil }
        if awaitingPong { return .timedOut }
        awaitingPong = true
        nextDeadline = now + timeout
        return .sendPing
    }

    /// A pong arrived: if one was awaited, the next ping is due one interval from now.
    ///
    /// - Parameter now: The loop's time.
    public mutating func pongReceived(at now: LoopInstant) {
        guard awaitingPong else { return }
        awaitingPong = false
        nextDeadline = now + interval
    }
}
