import Libc

/// A clock that only moves forward, for timeouts: `clock_gettime(CLOCK_MONOTONIC)`.
///
/// The wall clock (`CLOCK_REALTIME`) can jump when NTP corrects it or a user changes the
/// date; a timeout measured with it could fire at once or never. The monotonic clock counts
/// from an arbitrary start (usually boot) and never goes back.
public enum MonotonicClock {
    /// Nanoseconds since the clock's arbitrary start.
    public static func nanoseconds() -> UInt64 {
        var time = timespec()
        // Cannot fail for CLOCK_MONOTONIC with a valid pointer; no errno to check.
        _ = clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
