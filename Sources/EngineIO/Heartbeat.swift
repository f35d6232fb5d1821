import EventLoop

/// The library's heartbeat: waiting to ping, then awaiting the pong, each until a deadline.
///
/// It is not public: the course's exercise 12.4 has the learner write this state machine,
/// and an exercise must not be able to hand its work to the library's (``EngineIOParts``
/// takes any ``EngineIOHeartbeat``).
package struct Heartbeat: EngineIOHeartbeat {
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
    package init(interval: Duration, timeout: Duration, openedAt now: LoopInstant) {
        self.interval = interval
        self.timeout = timeout
        self.state = .waitingToPing(until: now + interval)
    }

    package var nextDeadline: LoopInstant {
        switch state {
        case .waitingToPing(let until), .awaitingPong(let until): until
        }
    }

    package mutating func timerFired(at now: LoopInstant) -> EngineIOHeartbeatAction? {
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

    package mutating func pongReceived(at now: LoopInstant) {
        guard case .awaitingPong = state else { return }  // unasked: ignore
        state = .waitingToPing(until: now + interval)
    }
}
