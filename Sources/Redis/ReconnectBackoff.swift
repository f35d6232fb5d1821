import SystemCalls

/// How long to wait before each attempt to reconnect: exponential backoff with jitter.
///
/// When Redis goes away, reconnecting at once and in a tight loop would burn CPU and flood
/// the log for as long as it is down, so each failed attempt doubles the wait, up to a
/// ceiling. And when it comes back, every server of a cluster would reconnect in the same
/// instant (they all saw it go at the same moment): a random part of each wait, the
/// *jitter*, spreads them out. The first attempt after a drop waits ``initialDelay``
/// (less its jitter): a restart of Redis is often over in a second.
public struct ReconnectBackoff: Hashable, Sendable {
    /// The wait before the first attempt after a drop.
    public var initialDelay: Duration = .milliseconds(100)
    /// The longest wait between attempts.
    public var maximumDelay: Duration = .seconds(5)
    /// How much each failed attempt multiplies the wait by.
    public var multiplier: Double = 2
    /// The fraction of each wait that is random: `0.5` waits between half and all of it.
    public var jitter: Double = 0.5

    /// The defaults: 100 ms, doubling up to 5 s, half of each wait random.
    public init() {}

    // snippet: backoff-delay
    /// The wait before attempt number `attempt`.
    ///
    /// - Parameters:
    ///   - attempt: 1 for the first attempt after a drop, 2 after it failed, and so on.
    ///   - random: A number in `0..<1`; the client passes a random one, tests fixed ones.
    /// - Returns: `initialDelay × multiplier^(attempt − 1)`, at most `maximumDelay`, less
    ///   up to `jitter` of itself.
    public func delay(forAttempt attempt: Int, random: Double) -> Duration {
        let initial = Double(initialDelay.nanoseconds)
        let ceiling = Double(maximumDelay.nanoseconds)
        var base = initial
        for _ in 1..<max(attempt, 1) where base < ceiling { base *= multiplier }
        base = min(base, ceiling)
        let jittered = base * (1 - jitter * min(max(random, 0), 1))
        return .nanoseconds(Int64(jittered.rounded()))
    }
    // end-snippet
}
