import Libc

/// The portable readiness call, `poll(2)`: wait until one of several descriptors is ready.
///
/// Every Unix has `poll`. You hand the kernel an array of `pollfd` (a descriptor and the
/// events you care about, such as `POLLIN`), it sleeps until at least one is ready or the
/// timeout passes, and writes what happened into each entry's `revents`. The cost grows
/// with the array: the kernel scans all of it on every call. That is why Linux added
/// epoll and the BSDs kqueue (see Epoll.swift and Kqueue.swift), which remember the
/// interest list between calls.
public enum Poll {
    /// Waits for readiness on `descriptors`.
    ///
    /// - Parameters:
    ///   - descriptors: The descriptors and the events wanted; `revents` is filled in.
    ///   - timeoutMilliseconds: How long to wait; `-1` waits forever, `0` just checks.
    /// - Returns: How many entries have a non-zero `revents`; `0` on timeout.
    /// - Throws: ``SystemCallError``.
    public static func wait(
        _ descriptors: UnsafeMutableBufferPointer<pollfd>,
        timeoutMilliseconds: CInt
    ) throws(SystemCallError) -> Int {
        Int(
            try retryingOnInterrupt("poll") {
                poll(descriptors.baseAddress, nfds_t(descriptors.count), timeoutMilliseconds)
            }
        )
    }

    /// Waits until `descriptor` has at least one of `events`, or the timeout passes.
    ///
    /// - Parameters:
    ///   - descriptor: The descriptor to watch.
    ///   - events: `POLLIN`, `POLLOUT`, or both.
    ///   - timeoutMilliseconds: How long to wait; `-1` waits forever.
    /// - Returns: The `revents` that happened; `0` on timeout.
    /// - Throws: ``SystemCallError``.
    public static func wait(
        for descriptor: FileDescriptor,
        events: CShort,
        timeoutMilliseconds: CInt
    ) throws(SystemCallError) -> CShort {
        var entry = pollfd(fd: descriptor.rawValue, events: events, revents: 0)
        let count = try withUnsafeMutablePointer(to: &entry) { (pointer) throws(SystemCallError) in
            try wait(
                UnsafeMutableBufferPointer(start: pointer, count: 1),
                timeoutMilliseconds: timeoutMilliseconds
            )
        }
        return count == 0 ? 0 : entry.revents
    }
}

extension Duration {
    /// This duration in whole milliseconds, rounded up, as `poll(2)` and `epoll_wait(2)`
    /// take it; `nil` (wait forever) becomes `-1`.
    ///
    /// Rounding up matters: a timer due in 0.4 ms must not turn into a busy loop of
    /// zero-millisecond waits.
    public static func pollTimeout(_ duration: Duration?) -> CInt {
        guard let duration else { return -1 }
        let (seconds, attoseconds) = duration.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        let milliseconds =
            seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return CInt(clamping: milliseconds)
    }

    /// The duration in nanoseconds, saturating instead of overflowing.
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (total, overflow2) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? .min : .max }
        return total
    }
}
