import Libc

/// The per-process limit on open descriptors, `RLIMIT_NOFILE`.
///
/// Every connection costs a descriptor. The *soft* limit is what the process may use now
/// (often 1024); the *hard* limit is the ceiling an unprivileged process may raise it to.
/// A server meant for thousands of clients raises the soft limit at start, as the tests
/// that hold thousands of connections do.
public enum OpenFileLimit {
    /// The soft and hard limits.
    ///
    /// The C function is `getrlimit(2)`.
    ///
    /// - Returns: `(soft, hard)`.
    /// - Throws: ``SystemCallError``.
    public static func current() throws(SystemCallError) -> (soft: UInt64, hard: UInt64) {
        var limit = rlimit()
        try retryingOnInterrupt("getrlimit") { getrlimit(resourceOpenFiles, &limit) }
        return (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
    }

    /// Raises the soft limit to at least `wanted`, but never past the hard limit.
    ///
    /// The C function is `setrlimit(2)`.
    ///
    /// - Parameter wanted: How many descriptors the process wants.
    /// - Returns: The soft limit now in force.
    /// - Throws: ``SystemCallError``.
    @discardableResult
    public static func raise(toAtLeast wanted: UInt64) throws(SystemCallError) -> UInt64 {
        var limit = rlimit()
        try retryingOnInterrupt("getrlimit") { getrlimit(resourceOpenFiles, &limit) }
        let target = min(UInt64(limit.rlim_max), wanted)
        if UInt64(limit.rlim_cur) >= target { return UInt64(limit.rlim_cur) }
        limit.rlim_cur = rlim_t(target)
        try retryingOnInterrupt("setrlimit") { setrlimit(resourceOpenFiles, &limit) }
        return target
    }
}
