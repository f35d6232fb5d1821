#if os(Linux)
import CSystemShims
import SystemCalls

/// The ``Selector`` for Linux: one `epoll` instance, level-triggered.
///
/// Level-triggered (the default) means: as long as a descriptor is readable, every wait
/// reports it again. Edge-triggered (`EPOLLET`) reports only changes, which saves
/// `epoll_ctl` calls but makes every handler drain its socket to `EAGAIN` or hang
/// forever. Level-triggered is the forgiving choice, and the same semantics as `poll`.
public final class EpollSelector: Selector {
    private let epoll: FileDescriptor
    private var events: UnsafeMutableBufferPointer<epoll_event>

    /// Creates the epoll instance and room for 256 events per wait.
    ///
    /// - Throws: ``SystemCallError`` from `epoll_create1`.
    public init() throws(SystemCallError) {
        epoll = try Epoll.create()
        events = .allocate(capacity: 256)
    }

    deinit {
        events.deallocate()
    }

    private func bits(for interest: Interest) -> UInt32 {
        var bits: UInt32 = 0
        // EPOLLRDHUP: tell us when the peer half-closes, even if no data came with it.
        if interest.contains(.readable) { bits |= EPOLLIN.rawValue | EPOLLRDHUP.rawValue }
        if interest.contains(.writable) { bits |= EPOLLOUT.rawValue }
        return bits
    }

    /// `epoll_ctl(EPOLL_CTL_ADD)`.
    public func register(_ descriptor: FileDescriptor, interest: Interest, tag: UInt64)
        throws(SystemCallError)
    {
        try Epoll.control(
            epoll,
            .add,
            descriptor: descriptor,
            events: bits(for: interest),
            data: tag
        )
    }

    /// `epoll_ctl(EPOLL_CTL_MOD)`.
    public func reregister(
        _ descriptor: FileDescriptor,
        interest: Interest,
        tag: UInt64
    ) throws(SystemCallError) {
        try Epoll.control(
            epoll,
            .modify,
            descriptor: descriptor,
            events: bits(for: interest),
            data: tag
        )
    }

    /// `epoll_ctl(EPOLL_CTL_DEL)`.
    public func deregister(_ descriptor: FileDescriptor) throws(SystemCallError) {
        try Epoll.control(epoll, .delete, descriptor: descriptor, events: 0, data: 0)
    }

    // snippet: epoll-wait
    /// `epoll_wait`, then one call of `body` per ready descriptor.
    public func wait(timeout: Duration?, _ body: (UInt64, Readiness) -> Void)
        throws(SystemCallError)
    {
        let count = try Epoll.wait(
            epoll,
            into: events,
            timeoutMilliseconds: Duration.pollTimeout(timeout)
        )
        for index in 0..<count {
            let event = events[index]
            let bits = event.events
            let readiness = Readiness(
                isReadable: bits & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0,
                isWritable: bits & EPOLLOUT.rawValue != 0,
                isHangUpOrError: bits & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0
            )
            body(event.data.u64, readiness)
        }
        // A full batch suggests more are waiting: offer a bigger array next time.
        if count == events.count && count < 4096 {
            events.deallocate()
            events = .allocate(capacity: count * 2)
        }
    }
    // end-snippet

    /// Closes the epoll descriptor.
    public func close() {
        try? epoll.close()
    }
}
#endif
