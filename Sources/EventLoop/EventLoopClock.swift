import SystemCalls

/// A point on an event loop's clock, in nanoseconds from the clock's own start.
public struct LoopInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the clock's start.
    public var nanoseconds: UInt64

    /// An instant `nanoseconds` after the clock's start.
    public init(nanoseconds: UInt64) {
        self.nanoseconds = nanoseconds
    }

    /// Orders instants in time.
    public static func < (lhs: LoopInstant, rhs: LoopInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// The instant `duration` later (earlier if negative), never before the clock's start.
    public static func + (lhs: LoopInstant, rhs: Duration) -> LoopInstant {
        let delta = rhs.nanoseconds
        if delta >= 0 {
            let (sum, overflow) = lhs.nanoseconds.addingReportingOverflow(UInt64(delta))
            return LoopInstant(nanoseconds: overflow ? .max : sum)
        }
        let magnitude = delta == .min ? UInt64(Int64.max) : UInt64(-delta)
        return LoopInstant(
            nanoseconds: lhs.nanoseconds > magnitude ? lhs.nanoseconds - magnitude : 0
        )
    }

    /// How long from `rhs` to `lhs`; negative if `lhs` is earlier.
    public static func - (lhs: LoopInstant, rhs: LoopInstant) -> Duration {
        if lhs >= rhs { return .nanoseconds(Int64(clamping: lhs.nanoseconds - rhs.nanoseconds)) }
        return .nanoseconds(-Int64(clamping: rhs.nanoseconds - lhs.nanoseconds))
    }

    /// `12.345678s`, for logs.
    public var description: String {
        "\(nanoseconds / 1_000_000_000).\(String(nanoseconds % 1_000_000_000 + 1_000_000_000).dropFirst())s"
    }
}

/// The time source an ``EventLoop`` reads for its timers.
///
/// Production loops use ``SystemClock``. Tests use ``ManualClock`` and move time by hand,
/// so that "the idle timeout fires after 30 s" is checked in microseconds, without
/// sleeping, and without flakiness on a busy machine.
public protocol EventLoopClock: Sendable {
    /// The current instant.
    func now() -> LoopInstant

    /// Called once by every loop that uses this clock. A clock whose time can jump calls
    /// `wakeUp` after each jump, so the loop re-reads its timers instead of sleeping on.
    func addWakeUpHandler(_ wakeUp: @escaping @Sendable () -> Void)
}

/// The monotonic system clock (`CLOCK_MONOTONIC`).
public struct SystemClock: EventLoopClock {
    /// The system clock.
    public init() {}

    /// Reads `clock_gettime(CLOCK_MONOTONIC)`.
    public func now() -> LoopInstant {
        LoopInstant(nanoseconds: MonotonicClock.nanoseconds())
    }

    /// Real time never jumps, so there is nothing to do.
    public func addWakeUpHandler(_ wakeUp: @escaping @Sendable () -> Void) {}
}

/// A clock that stands still until a test moves it with ``advance(by:)``.
public final class ManualClock: EventLoopClock {
    private struct State {
        var now = LoopInstant(nanoseconds: 1_000_000_000)
        var wakeUpHandlers: [@Sendable () -> Void] = []
    }

    private let state = Locked(State())

    /// A clock that starts at one second.
    public init() {}

    /// The instant the clock was last moved to.
    public func now() -> LoopInstant {
        state.withLock { $0.now }
    }

    /// Remembers `wakeUp`, to call after each ``advance(by:)``.
    public func addWakeUpHandler(_ wakeUp: @escaping @Sendable () -> Void) {
        state.withLock { $0.wakeUpHandlers.append(wakeUp) }
    }

    /// Moves time forward and wakes every loop using this clock, which then runs the timers
    /// that became due.
    ///
    /// - Parameter duration: How far to move; must not be negative.
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "a monotonic clock never goes back")
        let handlers = state.withLock { state in
            state.now = state.now + duration
            return state.wakeUpHandlers
        }
        for wakeUp in handlers { wakeUp() }
    }
}
