import Foundation
import SystemCalls

/// An exclusive lock on a file, shared by every thread and every process that asks for it.
///
/// The C function is `flock(2)` with `LOCK_EX`: it waits until no one else holds the lock.
/// The lock belongs to the *open file* a descriptor names, not to the process, so two
/// threads of one test process that each open the file exclude each other just as two
/// test processes do. The kernel drops the lock when the descriptor is closed, which it
/// also does when the process dies, so a test run killed half-way never leaves a stale
/// lock behind (a lock *file* made with `O_EXCL` would stay, and need clearing by hand).
///
/// ```swift
/// try FileLock.withLock(on: "Scripts/setup-python-peers.sh") { try runTheScript() }
/// ```
public enum FileLock {
    /// Waits until this caller holds the lock on `path`, runs `body`, then releases it.
    ///
    /// - Parameters:
    ///   - path: An existing file; reading it is enough, `flock` needs no write access.
    ///   - body: The work no one else may do at the same time.
    /// - Returns: What `body` returns.
    /// - Throws: ``SystemCallError`` naming `open` or `flock`, or what `body` throws.
    public static func withLock<Result>(on path: String, _ body: () throws -> Result) throws
        -> Result
    {
        let descriptor = try FileDescriptor.openForReading(path)  // close-on-exec
        defer { try? descriptor.close() }  // closing releases the lock
        try retryingOnInterrupt("flock") { flock(descriptor.rawValue, LOCK_EX) }
        return try body()
    }
}
