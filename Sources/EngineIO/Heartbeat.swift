import EventLoop

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
/// The session owns one loop timer and sets it to ``nextDeadline`` after every call;
/// when it fires, ``timerFired(at:)`` says what to do. A pong that comes unasked (none
/// is awaited) changes nothing, so a client cannot make the server ping more often.
struct Heartbeat {
    /// What the session must do when the timer fires.
    enum Action: Equatable {
        /// Send a ping now.
        case sendPing
        /// The pong did not come: close the session.
        case timedOut
    }

    private enum State: Equatable {
        case waitingToPing(until: LoopInstant)
        case awaitingPong(until: LoopInstant)
    }

    let interval: Duration
    let timeout: Duration
    private var state: State

    /// Starts the heartbeat when the session opens: the first ping is due one interval on.
    ///
    /// - Parameters:
    ///   - interval: The time between a pong and the next ping.
    ///   - timeout: How long a pong may take.
    ///   - now: When the session opened.
    init(interval: Duration, timeout: Duration, openedAt now: LoopInstant) {
        self.interval = interval
        self.timeout = timeout
        self.state = .waitingToPing(until: now + interval)
    }

    /// When the timer must fire next.
    var nextDeadline: LoopInstant {
        switch state {
        case .waitingToPing(let until), .awaitingPong(let until): until
        }
    }

    /// The timer fired: ping if one is due, time out if the pong is overdue.
    ///
    /// - Parameter now: The loop's time.
    /// - Returns: What to do, or `nil` if nothing is due yet.
    mutating func timerFired(at now: LoopInstant) -> Action? {
        switch state {
        case .waitingToPing(let until) where now >= until:
            state = .awaitingPong(until: now + timeout)
            return .sendPing
        case .awaitingPong(let until) where now >= until:
            return .timedOut
        default:
            return nil
        }
    }

    /// A pong arrived: the next ping is due one interval from now.
    ///
    /// - Parameter now: The loop's time.
    mutating func pongReceived(at now: LoopInstant) {
        guard case .awaitingPong = state else { return }  // unasked: ignore
        state = .waitingToPing(until: now + interval)
    }
}
