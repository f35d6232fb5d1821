import Dispatch
import Synchronization
import SystemCalls

/// A closure running on a thread of its own, whose result (or error) the test collects.
///
/// Servers block: a blocking accept loop cannot run on the test's own thread while the
/// test plays the client. So the test runs the learner's server here, talks to it, and
/// then ``join(timeout:)``s it, which hands back whatever the server threw, such as
/// the starter's ``Unimplemented``.
public final class BackgroundThread<Value: Sendable>: Sendable {
    /// The name, for messages.
    public let name: String
    private let outcome = Mutex<Result<Value, any Error>?>(nil)
    private let finished = DispatchSemaphore(value: 0)
    private let thread = Mutex<SystemThread?>(nil)

    /// Starts `body` on a new thread.
    ///
    /// - Parameters:
    ///   - name: A name for messages, such as `"your accept loop"`.
    ///   - body: The work.
    /// - Throws: ``SystemCallError`` if the thread cannot be created.
    public init(name: String, _ body: @escaping @Sendable () throws -> Value) throws {
        self.name = name
        let started = try SystemThread.start(name: "exercise") { [self] in
            let result = Result { try body() }
            outcome.withLock { $0 = result }
            finished.signal()
        }
        thread.withLock { $0 = started }
    }

    /// Whether the closure has returned or thrown.
    public var isFinished: Bool {
        outcome.withLock { $0 != nil }
    }

    /// Waits for the closure to end, then returns its value or throws its error.
    ///
    /// - Parameter timeout: How long to wait. A thread still running after it is left to
    ///   run (a thread cannot be stopped from outside); the test process ends it.
    /// - Returns: What the closure returned.
    /// - Throws: What the closure threw, or ``StillRunning`` after `timeout`.
    @discardableResult
    public func join(timeout: Duration = .seconds(10)) throws -> Value {
        let seconds =
            Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            throw StillRunning(name: name, timeout: timeout)
        }
        finished.signal()  // a second join must not wait
        try thread.withLock { $0.take() }?.join()  // the thread has ended: release it
        guard let result = outcome.withLock({ $0 }) else {
            throw StillRunning(name: name, timeout: timeout)
        }
        return try result.get()
    }

    /// Runs `body` (the test's side of a conversation), then joins the thread.
    ///
    /// If the thread failed, its error is thrown even when `body` failed too: when the
    /// learner's server threw, whatever went wrong for the client followed from that.
    ///
    /// - Parameters:
    ///   - timeout: How long to wait for the thread after `body`.
    ///   - body: The test's side.
    /// - Returns: What `body` returned.
    /// - Throws: The thread's error first, then `body`'s.
    public func join<Result>(timeout: Duration = .seconds(10), after body: () throws -> Result)
        throws -> Result
    {
        let bodyResult = Swift.Result { try body() }
        try join(timeout: timeout)
        return try bodyResult.get()
    }

    /// The thread did not finish in time.
    public struct StillRunning: Error, CustomStringConvertible {
        /// The thread's name.
        public let name: String
        /// How long the test waited.
        public let timeout: Duration

        /// A message that says what kept running.
        public var description: String {
            "\(name) was still running after \(timeout): it should have returned by now"
        }
    }
}
