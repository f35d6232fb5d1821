#if canImport(Darwin)
import Libc

/// The BSD and macOS readiness API, `kqueue(2)`.
///
/// Like epoll it keeps the interest list in the kernel, but each (descriptor, filter) pair
/// is its own entry: `EVFILT_READ` and `EVFILT_WRITE` are registered and removed separately,
/// all through one call, `kevent(2)`, which both changes the list and waits.
public enum Kqueue {
    /// Creates a kqueue, itself a descriptor.
    ///
    /// - Returns: The kqueue descriptor.
    /// - Throws: ``SystemCallError``.
    public static func create() throws(SystemCallError) -> FileDescriptor {
        let number = try retryingOnInterrupt("kqueue") { kqueue() }
        _ = fcntl(number, F_SETFD, FD_CLOEXEC)
        return FileDescriptor(rawValue: number)
    }

    /// Applies `changes`, then waits for up to `events.count` events.
    ///
    /// The C function is `kevent(2)`.
    ///
    /// - Parameters:
    ///   - kqueue: The kqueue.
    ///   - changes: Registrations to add, enable, disable or delete.
    ///   - events: Where ready events are written; may be empty to only apply changes.
    ///   - timeout: `nil` waits forever.
    /// - Returns: How many entries of `events` were filled.
    /// - Throws: ``SystemCallError``.
    public static func kevent(
        _ kqueue: FileDescriptor,
        changes: UnsafeBufferPointer<Darwin.kevent>,
        events: UnsafeMutableBufferPointer<Darwin.kevent>,
        timeout: Duration?
    ) throws(SystemCallError) -> Int {
        var spec = timespec()
        if let timeout {
            let nanoseconds = max(timeout.nanoseconds, 0)
            spec.tv_sec = Int(nanoseconds / 1_000_000_000)
            spec.tv_nsec = Int(nanoseconds % 1_000_000_000)
        }
        return Int(
            try retryingOnInterrupt("kevent") {
                withUnsafePointer(to: &spec) { specPointer in
                    Darwin.kevent(
                        kqueue.rawValue,
                        changes.baseAddress,
                        CInt(changes.count),
                        events.baseAddress,
                        CInt(events.count),
                        timeout == nil ? nil : specPointer
                    )
                }
            }
        )
    }
}
#endif
