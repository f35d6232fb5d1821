import Synchronization

/// A value that several threads share, behind a lock: what a test and the learner's
/// threads use to tell each other what happened.
///
/// `Mutex` itself cannot be captured by the closures a thread runs (it cannot be copied),
/// so this class holds one and is shared by reference.
public final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    /// Starts with `value`.
    ///
    /// - Parameter value: The initial value.
    public init(_ value: Value) {
        mutex = Mutex(value)
    }

    /// The current value.
    public var value: Value {
        mutex.withLock { $0 }
    }

    /// Changes the value under the lock.
    ///
    /// - Parameter body: Receives the value to read or change.
    /// - Returns: What `body` returns.
    @discardableResult
    public func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        mutex.withLock { body(&$0) }
    }
}
