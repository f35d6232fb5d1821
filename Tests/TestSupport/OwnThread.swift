import Dispatch
import Testing

/// A test trait that runs each test on a thread of its own, outside Swift's cooperative pool.
///
/// Swift Testing runs every test, synchronous or not, as a task on the cooperative pool,
/// which has one thread per core: two on the machine CI uses. A test that blocks (a
/// `read(2)` on a loopback socket, a wait for a demo's next line, a `poll(2)` with a
/// deadline) holds one of those threads for as long as it blocks. Two such tests running
/// at once hold them all, and every other test stalls: an async test whose server
/// closes an idle connection after five seconds then fails because its task was not run
/// for twenty.
///
/// `.ownThread` gives the test a task executor of its own, a serial dispatch queue, whose
/// thread may block without taking one from the pool. The test is still a task: its
/// task-local values stay, so `#expect` reports to the right test.
///
/// ```swift
/// @Suite("chat-server", .ownThread)
/// struct ChatServerTests { … }
/// ```
public struct OwnThreadTrait: TestTrait, SuiteTrait, TestScoping {
    /// On a suite, the trait applies to each of its tests.
    public var isRecursive: Bool { true }

    /// A scope for each test case (one run of a test, one per argument), never for the
    /// suite as a whole: every test gets its own executor.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    /// Runs the test with a fresh ``SerialQueueExecutor`` as its preferred executor.
    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let executor = SerialQueueExecutor(label: "test: \(test.name)")
        try await withTaskExecutorPreference(executor) { try await function() }
    }
}

extension Trait where Self == OwnThreadTrait {
    /// Runs each test on a thread of its own: for tests that block.
    public static var ownThread: Self { OwnThreadTrait() }
}

/// A task executor that runs its jobs, one at a time, on a serial dispatch queue.
///
/// A serial queue is served by libdispatch's overcommitting threads, which it starts as
/// needed rather than one per core, so a job here may block without starving anyone.
public final class SerialQueueExecutor: TaskExecutor {
    private let queue: DispatchQueue

    /// An executor on a new queue named `label`.
    ///
    /// - Parameter label: The queue's name, shown by debuggers.
    public init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Runs `job` on the queue.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
