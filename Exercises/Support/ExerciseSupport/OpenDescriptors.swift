import Libc
import SystemCalls

/// How many descriptors this process has open, probing each number with `fcntl(F_GETFD)`.
///
/// Tests count before and after a scenario: a socket a learner forgot to close shows up
/// as a difference. Probing is slower than listing `/proc/self/fd`, but the same on Linux
/// and macOS, and 4096 probes take well under a millisecond.
///
/// - Returns: The number of open descriptors below 4096.
public func openDescriptorCount() -> Int {
    var count = 0
    for number in 0..<CInt(4096) where fcntl(number, F_GETFD) != -1 { count += 1 }
    return count
}
