import SystemCalls

/// A timer scheduled on an ``EventLoop``; ``cancel()`` it from any thread.
public struct ScheduledTimer: Sendable, Hashable {
    /// The loop that will run it.
    public let loop: EventLoop
    let id: TimerID

    /// Stops the timer from firing (again).
    ///
    /// Safe from any thread.
    ///
    /// On the loop's thread the timer is cancelled at once: it will not fire. From another
    /// thread the cancellation is queued, and a timer that is already due may fire first.
    public func cancel() {
        if loop.inEventLoop {
            loop.state.timers.cancel(id)
        } else {
            loop.execute { [loop, id] in loop.state.timers.cancel(id) }
        }
    }

    /// Whether the timer will still fire.
    ///
    /// Call on the loop's thread.
    public var isPending: Bool { loop.state.timers.isPending(id) }

    /// Two handles are equal when they name the same timer.
    public static func == (lhs: ScheduledTimer, rhs: ScheduledTimer) -> Bool {
        lhs.id == rhs.id && lhs.loop === rhs.loop
    }

    /// Hashes the timer's identity.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(ObjectIdentifier(loop))
    }
}

extension EventLoop {
    /// Runs `body` once, `delay` from now, on this loop.
    ///
    /// Call on the loop's thread.
    ///
    /// - Parameters:
    ///   - delay: How long to wait; zero or negative runs at the end of this iteration.
    ///   - body: The work.
    /// - Returns: A handle to cancel the timer.
    @discardableResult
    public func schedule(after delay: Duration, _ body: @escaping () -> Void) -> ScheduledTimer {
        let state = self.state
        let id = state.timers.schedule(at: state.now + delay, .once(body))
        return ScheduledTimer(loop: self, id: id)
    }

    /// Runs `body` every `interval` until cancelled.
    ///
    /// Call on the loop's thread.
    ///
    /// Each round is scheduled `interval` after the previous one *ran*, so a loop that
    /// fell behind does not fire a burst of catch-up rounds.
    ///
    /// - Parameters:
    ///   - interval: Time between rounds; must be positive.
    ///   - initialDelay: Time before the first round; `interval` if `nil`.
    ///   - body: The work.
    /// - Returns: A handle to cancel the timer.
    @discardableResult
    public func scheduleRepeating(
        every interval: Duration,
        initialDelay: Duration? = nil,
        _ body: @escaping () -> Void
    ) -> ScheduledTimer {
        precondition(interval > .zero, "a repeating timer needs a positive interval")
        let state = self.state
        let id = state.timers.schedule(
            at: state.now + (initialDelay ?? interval),
            .repeating(interval, body)
        )
        return ScheduledTimer(loop: self, id: id)
    }
}
