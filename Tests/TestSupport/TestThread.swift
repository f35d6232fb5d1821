import Dispatch
import Synchronization
import SystemCalls

/// A closure running on a thread of its own, whose result a test waits for, bounded.
///
/// Blocking socket code (a reader that must run while the test writes) needs a real
/// thread: Swift Testing runs tests on the small cooperative pool, and blocking it would
/// stall other tests. ``result(within:)`` never waits forever, so a reader that is still
/// blocked when it should have finished becomes a test failure.
public final class TestThread<Value: Sendable>: Sendable {
    private let thread: SystemThread
    private let shared: Shared
    private let isJoined = Atomic<Bool>(false)

    /// What the thread and the waiting test both touch.
    private final class Shared: Sendable {
        let finished = DispatchSemaphore(value: 0)
        let outcome = Locked<Result<Value, any Error>?>(nil)
    }

    /// Starts `body` on a new thread.
    ///
    /// - Parameters:
    ///   - name: The thread's name, for debuggers.
    ///   - body: The work; what it returns or throws is given back by ``result(within:)``.
    /// - Throws: ``SystemCallError`` if the thread cannot be started.
    public init(
        name: String = "test-thread",
        _ body: @escaping @Sendable () throws -> Value
    ) throws(SystemCallError) {
        let shared = Shared()
        self.shared = shared
        self.thread = try SystemThread.start(name: name) {
            let result = Result { try body() }
            shared.outcome.withLock { $0 = result }
            shared.finished.signal()
        }
    }

    /// Waits up to `timeout` for the thread to finish, and returns what it returned.
    ///
    /// - Parameter timeout: The longest wait.
    /// - Returns: The closure's value.
    /// - Throws: What the closure threw, or ``TestTimeout`` if it is still running.
    public func result(within timeout: Duration) throws -> Value {
        let nanoseconds = Int(clamping: timeout.nanoseconds)
        guard shared.finished.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success else {
            throw TestTimeout("a background thread to finish")
        }
        shared.finished.signal()  // later calls return at once too
        if !isJoined.exchange(true, ordering: .relaxed) {
            try? thread.join()  // it has finished its work; this only reclaims the thread
        }
        guard let result = shared.outcome.withLock({ $0 }) else {
            throw TestTimeout("a result the thread never stored")
        }
        return try result.get()
    }
}
