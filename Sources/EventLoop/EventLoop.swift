import Synchronization
import SystemCalls

/// One thread that waits for many descriptors at once and runs their handlers in turn.
///
/// ```
///          ┌──────────────────────────────────────────────────────────┐
///          ▼                                                          │
///   wait for readiness ──▶ call each ready handler ──▶ run due timers ──▶ run tasks
///   (epoll_wait, with a     (read, parse, queue       (idle timeouts,   queued by
///    timeout = the next      writes; never block)      heartbeats)      other threads
///    timer's deadline)
/// ```
///
/// Everything a loop owns (its registrations, its timers, the connections registered on
/// it) is touched only on its thread, so none of it needs a lock. Other threads reach the
/// loop through ``execute(_:)``, which queues a closure and wakes the loop; that queue
/// and the wake-up are the only shared state. Handlers must never block: while one
/// handler waits, every other connection on the loop waits with it.
public final class EventLoop: Sendable, CustomStringConvertible {
    /// A name for logs and for the thread, such as `loop-0`.
    public let name: String
    /// The readiness API this loop uses.
    public let selectorKind: SelectorKind
    /// The clock timers are measured against.
    public let clock: any EventLoopClock

    private let wakeup: WakeupDescriptor
    private let threadID = Atomic<UInt>(0)
    private let inbox = Locked(Inbox())
    private let thread = Locked<SystemThread?>(nil)
    private let owned: LoopOwned

    /// What other threads hand to the loop; guarded by ``inbox``'s lock.
    private struct Inbox {
        var tasks: [@Sendable () -> Void] = []
        var wakeUpPending = false
        var isShuttingDown = false
        /// The loop's thread has ended and closed the wake-up descriptor.
        var hasStopped = false
    }

    /// Creates a loop and starts its thread.
    ///
    /// - Parameters:
    ///   - name: The thread's name.
    ///   - selectorKind: epoll, kqueue or poll.
    ///   - clock: The time source for timers; tests pass a ``ManualClock``.
    /// - Throws: ``SystemCallError`` if the selector, the wake-up descriptor or the thread
    ///   cannot be created.
    public convenience init(
        name: String = "loop",
        selectorKind: SelectorKind = .platformDefault,
        clock: any EventLoopClock = SystemClock()
    ) throws(SystemCallError) {
        try self.init(
            name: name,
            selector: selectorKind.makeSelector(),
            kind: selectorKind,
            clock: clock
        )
    }

    /// Creates a loop around a selector you provide, and starts its thread.
    ///
    /// This is how a selector written elsewhere (the course's exercise 6.1 has you write
    /// one) runs the real loop, with real connections, timers and servers on top.
    ///
    /// - Parameters:
    ///   - name: The thread's name.
    ///   - selector: A new selector, which the loop owns and closes.
    ///   - kind: Which kind the selector is, for logs.
    ///   - clock: The time source for timers.
    /// - Throws: ``SystemCallError`` if the wake-up descriptor or the thread cannot be
    ///   created.
    public init(
        name: String = "loop",
        selector: sending any Selector,
        kind: SelectorKind = .poll,
        clock: any EventLoopClock = SystemClock()
    ) throws(SystemCallError) {
        self.name = name
        self.selectorKind = kind
        self.clock = clock
        let wakeup = try WakeupDescriptor()
        self.wakeup = wakeup
        try selector.register(wakeup.readEnd, interest: .readable, tag: LoopState.wakeUpTag)
        self.owned = LoopOwned(LoopState(selector: selector, now: clock.now()))
        clock.addWakeUpHandler { [wakeup] in wakeup.wake() }
        let started = try SystemThread.start(name: name) { [self] in run() }
        thread.withLock { $0 = started }
    }

    /// `loop-0 (epoll)`.
    public var description: String { "\(name) (\(selectorKind))" }

    // MARK: Which thread is this?

    /// Whether the caller is running on this loop's thread.
    public var inEventLoop: Bool {
        threadID.load(ordering: .relaxed) == currentThreadID()
    }

    /// Traps unless called on this loop's thread: the check that keeps loop state race-free.
    ///
    /// - Parameters:
    ///   - file: The caller's file, for the trap message.
    ///   - line: The caller's line.
    public func preconditionInEventLoop(file: StaticString = #fileID, line: UInt = #line) {
        precondition(inEventLoop, "must be called on \(name)'s thread", file: file, line: line)
    }

    /// The loop's state.
    ///
    /// Only its thread may use it.
    var state: LoopState {
        preconditionInEventLoop()
        return owned.state
    }

    // MARK: Work from other threads

    // snippet: execute
    /// Runs `task` on the loop's thread, soon.
    ///
    /// Safe to call from any thread.
    ///
    /// The task is appended to a locked queue. If the loop may be asleep in `epoll_wait`,
    /// the caller also writes to the loop's wake-up descriptor, so the wait returns and
    /// the loop runs its queue. From the loop's own thread no wake-up is needed: the loop
    /// looks at the queue before it sleeps again.
    ///
    /// The write happens under the queue's lock, because a stopping loop closes its
    /// wake-up descriptor under the same lock: a write just after the close would go to
    /// whatever file the kernel gave that descriptor's number next (a test once saw the
    /// eight bytes of a wake-up at the start of a child process's output). Once the loop
    /// has stopped, a task is dropped: no thread is left to run it.
    ///
    /// - Parameter task: The work; it runs after the current iteration's I/O and timers.
    public func execute(_ task: @escaping @Sendable () -> Void) {
        let onLoop = inEventLoop
        inbox.withLock { inbox in
            guard !inbox.hasStopped else { return }
            inbox.tasks.append(task)
            if onLoop || inbox.wakeUpPending { return }
            inbox.wakeUpPending = true
            wakeup.wake()
        }
    }
    // end-snippet

    /// Runs `body` on the loop's thread and returns its result to the awaiting caller.
    ///
    /// - Parameter body: The work.
    /// - Returns: What `body` returned.
    /// - Throws: What `body` threw.
    public func submit<Result: Sendable>(
        _ body: @escaping @Sendable () throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            execute { continuation.resume(with: Swift.Result { try body() }) }
        }
    }

    // MARK: Running and stopping

    // snippet: run-loop
    private func run() {
        threadID.store(currentThreadID(), ordering: .relaxed)
        let state = owned.state
        while true {
            let timeout = sleepTimeout(state)
            var isClockRead = false
            do {
                try state.selector.wait(timeout: timeout) { tag, readiness in
                    // The wait may have slept for minutes: before the first handler runs,
                    // read the clock, or a timer it sets (an idle timeout) starts in the past.
                    if !isClockRead {
                        state.now = clock.now()
                        isClockRead = true
                    }
                    if tag == LoopState.wakeUpTag {
                        wakeup.drain()
                    } else {
                        state.dispatch(tag: tag, readiness)
                    }
                }
            } catch {
                // Only a bug (EBADF, EINVAL) makes epoll_wait fail; say so, and go on.
                Logger.eventLoop.error("\(name): waiting for readiness failed: \(error)")
            }
            state.now = clock.now()
            state.runDueTimers()
            if runInbox() { break }
        }
        state.stop()
        inbox.withLock { inbox in
            inbox.hasStopped = true
            inbox.tasks.removeAll()
            wakeup.close()
        }
    }

    /// How long the loop may sleep: until the next timer, or not at all when tasks wait.
    private func sleepTimeout(_ state: LoopState) -> Duration? {
        if inbox.withLock({ !$0.tasks.isEmpty || $0.isShuttingDown }) { return .zero }
        guard let deadline = state.timers.nextDeadline() else { return nil }
        return max(.zero, deadline - clock.now())
    }
    // end-snippet

    /// Runs the queued tasks; returns whether the loop should stop.
    ///
    /// Tasks often queue more tasks: when a handler resumes an async task, the task's next
    /// step is itself a queued job, and that step may resume another. Leaving those for the
    /// next turn would cost a wasted `epoll_wait` each, so the queue is drained again, up to
    /// a few rounds: enough for a request-reply chain, few enough that I/O is never starved.
    private func runInbox() -> Bool {
        for _ in 0..<8 {
            let (tasks, stop) = inbox.withLock { inbox in
                let tasks = inbox.tasks
                inbox.tasks.removeAll(keepingCapacity: true)
                inbox.wakeUpPending = false
                return (tasks, inbox.isShuttingDown)
            }
            if tasks.isEmpty { return stop }
            for task in tasks { task() }
        }
        return false
    }

    /// Stops the loop: every registered handler is told to let go of its descriptor, the
    /// loop's thread ends, and this call returns once it has.
    ///
    /// Tasks queued before the call still run. Must not be called on the loop's own thread
    /// (it would wait for itself).
    ///
    /// - Throws: ``SystemCallError`` if the thread cannot be joined.
    public func shutdown() throws(SystemCallError) {
        precondition(!inEventLoop, "a loop cannot wait for its own thread to end")
        inbox.withLock { inbox in
            inbox.isShuttingDown = true
            if !inbox.hasStopped { wakeup.wake() }  // under the lock, as in execute(_:)
        }
        let running = thread.withLock { thread in
            defer { thread = nil }
            return thread
        }
        try running?.join()
    }
}

/// The box that holds a loop's state, which only the loop's thread touches.
///
/// Why `@unchecked Sendable` is safe: `state` is written once, in `EventLoop.init`, before
/// the loop's thread is created (`pthread_create` orders that write before everything
/// the new thread does). From then on it is read only by that thread: in `run()`, and
/// through `EventLoop.state`, which traps on any other thread.
private final class LoopOwned: @unchecked Sendable {
    let state: LoopState

    init(_ state: LoopState) {
        self.state = state
    }
}
