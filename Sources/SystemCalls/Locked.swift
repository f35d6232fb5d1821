import Libc

/// A value behind a lock: `pthread_mutex_t` underneath.
///
/// Swift's `Synchronization.Mutex` would do the same job, but on Linux a contended `Mutex`
/// parks its threads in a futex inside the Swift runtime library, out of ThreadSanitizer's
/// sight, and `swift test --sanitize=thread` then reports every contended critical section
/// as a data race. `pthread_mutex_lock` is one of the calls ThreadSanitizer intercepts, so
/// with this lock its reports mean what they say. (SwiftNIO's `NIOLock` is built the same
/// way.)
///
/// ```swift
/// let inbox = Locked<[Task]>([])
/// inbox.withLock { $0.append(task) }
/// ```
public final class Locked<Value>: @unchecked Sendable {
    // Why `@unchecked Sendable` is safe: `value` is only read or written inside
    // `withLock`, which holds `mutex` for the whole access, and values only enter or leave
    // through `sending` parameters and results, so no other thread keeps a reference.

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// Puts `value` behind a new lock.
    ///
    /// - Parameter value: The initial value; the caller gives it up.
    public init(_ value: sending Value) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        // Cannot fail with default attributes; a failure here would be a broken libc.
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init failed")
        self.value = value
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value while holding the lock.
    ///
    /// Keep `body` short and never block in it: every other thread that wants the lock
    /// waits meanwhile.
    ///
    /// - Parameter body: Reads or changes the value.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public func withLock<Result, Failure: Error>(
        _ body: (inout sending Value) throws(Failure) -> sending Result
    ) throws(Failure) -> sending Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
