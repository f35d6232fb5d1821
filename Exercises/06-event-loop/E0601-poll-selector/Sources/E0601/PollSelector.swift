// Exercise 6.1: a Selector over poll(2), under the real event loop.
// Read the task in ../../README.md; check it with `swift run grade 6.1`.

import EventLoop
import ExerciseSupport
import Libc
import SystemCalls

/// The portable ``Selector``: `poll(2)` over an array the selector keeps.
///
/// Simple and everywhere, but every wait hands the kernel the whole array and scans all
/// of it afterwards: cost grows with the number of connections, idle or not. An index
/// from descriptor number to array slot keeps register and deregister cheap; removing
/// swaps the last entry into the hole.
///
/// ```
///   entries:  [ fd 5 POLLIN | fd 9 POLLIN|POLLOUT | fd 12 POLLIN ]    handed to poll(2)
///   tags:     [ 0x…05       | 0x…09               | 0x…0c        ]    given back to the loop
///   slotOfDescriptor:  5 → 0,  9 → 1,  12 → 2
/// ```
public final class PollSelector: Selector {
    private var entries: [pollfd] = []
    private var tags: [UInt64] = []
    private var slotOfDescriptor: [CInt: Int] = [:]

    /// Creates an empty selector; `poll` needs no kernel object.
    ///
    /// - Throws: Nothing once written; the starter throws ``Unimplemented`` (the methods
    ///   below must throw `SystemCallError` only, so the stub lives here).
    public init() throws {
        // TODO(E0601): delete this line once the four methods below work.
        throw Unimplemented("E0601: PollSelector (register, reregister, deregister, wait)")
    }

    /// Starts watching `descriptor` for `interest`; the loop gets `tag` back with its events.
    ///
    /// - Throws: ``SystemCallError``, for example when `descriptor` is already registered.
    public func register(_ descriptor: FileDescriptor, interest: Interest, tag: UInt64)
        throws(SystemCallError)
    {
        // TODO(E0601): refuse a descriptor already registered; append a `pollfd` and the tag,
        // and remember the slot.
        throw notWritten("register")
    }

    /// Changes what `descriptor` is watched for, and its tag.
    ///
    /// - Throws: ``SystemCallError`` if `descriptor` is not registered.
    public func reregister(
        _ descriptor: FileDescriptor,
        interest: Interest,
        tag: UInt64
    ) throws(SystemCallError) {
        // TODO(E0601): find the slot; update its events and its tag.
        throw notWritten("reregister")
    }

    /// Stops watching `descriptor`.
    ///
    /// - Throws: ``SystemCallError`` if `descriptor` is not registered.
    public func deregister(_ descriptor: FileDescriptor) throws(SystemCallError) {
        // TODO(E0601): remove the slot by moving the last entry (and tag) into it, and fix
        // the moved entry's index.
        throw notWritten("deregister")
    }

    /// Waits with `poll(2)`, then calls `body` once per ready descriptor with its tag.
    ///
    /// - Parameters:
    ///   - timeout: The longest wait; `nil` waits until something is ready.
    ///   - body: Called for each ready descriptor. It may register and deregister.
    /// - Throws: ``SystemCallError`` from `poll`.
    public func wait(timeout: Duration?, _ body: (UInt64, Readiness) -> Void)
        throws(SystemCallError)
    {
        // TODO(E0601): poll all entries (`Poll.wait(_:timeoutMilliseconds:)`,
        // `Duration.pollTimeout(_:)`); turn each non-zero `revents` into a `Readiness`;
        // copy all reports out first, then call `body` for each.
        throw notWritten("wait")
    }

    /// Nothing to close: `poll` keeps no state in the kernel.
    public func close() {}

    /// The error a method gives until it is written: `ENOSYS`, "function not implemented".
    private func notWritten(_ method: String) -> SystemCallError {
        SystemCallError(call: "PollSelector.\(method)", errno: Errno(rawValue: ENOSYS))
    }
}
