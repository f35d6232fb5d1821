import SystemCalls

/// The kernel's readiness API, behind one small interface: register, change, deregister, wait.
///
/// Three implementations: ``EpollSelector`` (Linux), ``KqueueSelector`` (Darwin) and
/// ``PollSelector`` (any Unix, and tested on Linux so that the interface really has two
/// implementations under test). A selector belongs to one ``EventLoop`` and is only used
/// on its thread.
///
/// Every registration carries a 64-bit `tag` that comes back with its events. The loop
/// puts the descriptor number and a generation count in it, so that an event for a
/// descriptor that was closed, and whose number was reused, within one wait is recognised
/// as stale rather than delivered to the new owner.
public protocol Selector: AnyObject {
    /// Starts watching `descriptor` for `interest`.
    ///
    /// - Throws: ``SystemCallError``.
    func register(_ descriptor: FileDescriptor, interest: Interest, tag: UInt64)
        throws(SystemCallError)

    /// Changes what `descriptor` is watched for.
    ///
    /// - Throws: ``SystemCallError``.
    func reregister(
        _ descriptor: FileDescriptor,
        interest: Interest,
        tag: UInt64
    ) throws(SystemCallError)

    /// Stops watching `descriptor`. Call it *before* closing the descriptor.
    ///
    /// - Throws: ``SystemCallError``.
    func deregister(_ descriptor: FileDescriptor) throws(SystemCallError)

    /// Sleeps until a descriptor is ready or `timeout` passes, then reports each ready one.
    ///
    /// - Parameters:
    ///   - timeout: The longest sleep; `nil` sleeps until something is ready.
    ///   - body: Called once per ready descriptor with its tag.
    /// - Throws: ``SystemCallError``.
    func wait(timeout: Duration?, _ body: (UInt64, Readiness) -> Void) throws(SystemCallError)

    /// Closes the kernel object behind the selector.
    func close()
}

/// Which readiness API an ``EventLoop`` uses.
public enum SelectorKind: Sendable, CaseIterable, CustomStringConvertible {
    /// Linux's `epoll(7)`.
    case epoll
    /// Darwin's and the BSDs' `kqueue(2)`.
    case kqueue
    /// `poll(2)`, available everywhere, slower with many descriptors.
    case poll

    /// The best API this system has: epoll on Linux, kqueue on Darwin.
    public static var platformDefault: SelectorKind {
        #if os(Linux)
        .epoll
        #else
        .kqueue
        #endif
    }

    /// The kinds this system provides.
    public static var available: [SelectorKind] {
        [platformDefault, .poll]
    }

    /// `epoll`, `kqueue` or `poll`.
    public var description: String {
        switch self {
        case .epoll: "epoll"
        case .kqueue: "kqueue"
        case .poll: "poll"
        }
    }

    /// Creates a selector of this kind.
    ///
    /// - Throws: ``SystemCallError``; `ENOSYS` for a kind this system lacks.
    func makeSelector() throws(SystemCallError) -> any Selector {
        switch self {
        case .poll:
            return PollSelector()
        case .epoll:
            #if os(Linux)
            return try EpollSelector()
            #else
            throw SystemCallError(call: "epoll_create1", errno: .notImplemented)
            #endif
        case .kqueue:
            #if canImport(Darwin)
            return try KqueueSelector()
            #else
            throw SystemCallError(call: "kqueue", errno: .notImplemented)
            #endif
        }
    }
}
