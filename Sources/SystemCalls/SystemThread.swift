/// A POSIX thread running one closure: what each event loop runs on.
///
/// Swift's `Task`s run on a pool of threads the runtime manages. An event loop instead
/// *owns* a thread, which sleeps in `epoll_wait` between events; giving it a thread of its
/// own keeps that sleep from taking a pool thread away from everyone else.
public struct SystemThread: Sendable {
    /// The thread's `pthread_t`, as a number (see ``currentThreadID()``).
    public let id: UInt

    /// Starts a thread that runs `body`, then ends.
    ///
    /// The C function is `pthread_create(3)`.
    ///
    /// - Parameters:
    ///   - name: A short name shown by debuggers and `top -H` (15 bytes on Linux).
    ///   - body: What the thread does.
    /// - Returns: The running thread; ``join()`` it before the process ends.
    /// - Throws: ``SystemCallError``, for example `EAGAIN` when out of threads.
    public static func start(
        name: String,
        _ body: @escaping @Sendable () -> Void
    ) throws(SystemCallError) -> SystemThread {
        let box = Unmanaged.passRetained(ThreadStart(name: name, body: body)).toOpaque()
        let (result, thread) = systemThreadCreate(
            { context in
                guard let context else { return nil }
                let start = Unmanaged<ThreadStart>.fromOpaque(context).takeRetainedValue()
                systemNameCurrentThread(start.name)
                start.body()
                return nil
            },
            box
        )
        if result != 0 {
            Unmanaged<ThreadStart>.fromOpaque(box).release()
            throw SystemCallError(call: "pthread_create", errno: Errno(rawValue: result))
        }
        return SystemThread(id: thread)
    }

    /// Lets the thread clean up after itself when it ends, instead of waiting to be joined.
    ///
    /// The C function is `pthread_detach(3)`. A thread that ends without being joined
    /// keeps its stack (8 MiB of address space by default) until someone joins it: a
    /// server that starts a thread per client and never joins them runs out of address
    /// space after a few thousand clients. A detached thread returns its stack at once;
    /// the price is that nobody can wait for it.
    ///
    /// - Throws: ``SystemCallError``.
    public func detach() throws(SystemCallError) {
        try checkingReturnedErrno("pthread_detach") { systemThreadDetach(id) }
    }

    /// Waits until the thread has finished.
    ///
    /// The C function is `pthread_join(3)`. Joining the calling thread itself would wait
    /// forever; that is a bug, so it traps.
    ///
    /// - Throws: ``SystemCallError``.
    public func join() throws(SystemCallError) {
        precondition(id != currentThreadID(), "a thread cannot join itself")
        try checkingReturnedErrno("pthread_join") { systemThreadJoin(id) }
    }
}

/// What a new thread needs, passed through `pthread_create`'s single pointer argument.
private final class ThreadStart: Sendable {
    let name: String
    let body: @Sendable () -> Void

    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }
}
