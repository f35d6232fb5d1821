#if os(Linux)
import CSystemShims
import Libc

/// Linux's scalable readiness API, `epoll(7)`.
///
/// Where `poll(2)` takes the whole interest list on every call, epoll keeps it in the
/// kernel: ``control(_:_:descriptor:events:data:)`` adds, changes or removes one entry, and
/// ``wait(_:into:timeoutMilliseconds:)`` returns only the descriptors that are ready. With
/// 10,000 idle connections and one busy one, a wait costs the same as with one connection.
///
/// Each entry carries 64 bits of `data` that come back with its events; the event loop
/// stores the descriptor and a generation number there (see `EpollSelector`).
public enum Epoll {
    /// What ``control(_:_:descriptor:events:data:)`` should do.
    public enum Operation: Sendable {
        /// `EPOLL_CTL_ADD`: start watching a descriptor.
        case add
        /// `EPOLL_CTL_MOD`: change the events watched.
        case modify
        /// `EPOLL_CTL_DEL`: stop watching.
        case delete

        var code: CInt {
            switch self {
            case .add: EPOLL_CTL_ADD
            case .modify: EPOLL_CTL_MOD
            case .delete: EPOLL_CTL_DEL
            }
        }
    }

    /// Creates an epoll instance, itself a descriptor.
    ///
    /// The C function is `epoll_create1(2)` with `EPOLL_CLOEXEC`.
    ///
    /// - Returns: The epoll descriptor.
    /// - Throws: ``SystemCallError``.
    public static func create() throws(SystemCallError) -> FileDescriptor {
        let number = try retryingOnInterrupt("epoll_create1") {
            socketladder_epoll_create1(CInt(EPOLL_CLOEXEC))
        }
        return FileDescriptor(rawValue: number)
    }

    /// Adds, changes or removes the interest in one descriptor.
    ///
    /// The C function is `epoll_ctl(2)`.
    ///
    /// - Parameters:
    ///   - epoll: The epoll instance.
    ///   - operation: Add, modify or delete.
    ///   - descriptor: The descriptor to watch.
    ///   - events: `EPOLLIN`, `EPOLLOUT`, `EPOLLRDHUP`, ... as a bit set.
    ///   - data: 64 bits returned with every event for this descriptor.
    /// - Throws: ``SystemCallError``.
    public static func control(
        _ epoll: FileDescriptor,
        _ operation: Operation,
        descriptor: FileDescriptor,
        events: UInt32,
        data: UInt64
    ) throws(SystemCallError) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = data
        try retryingOnInterrupt("epoll_ctl") {
            socketladder_epoll_ctl(epoll.rawValue, operation.code, descriptor.rawValue, &event)
        }
    }

    /// Waits until at least one watched descriptor is ready, or the timeout passes.
    ///
    /// The C function is `epoll_wait(2)`.
    ///
    /// - Parameters:
    ///   - epoll: The epoll instance.
    ///   - events: Where the ready entries are written.
    ///   - timeoutMilliseconds: `-1` waits forever, `0` just checks.
    /// - Returns: How many entries of `events` were filled.
    /// - Throws: ``SystemCallError``.
    public static func wait(
        _ epoll: FileDescriptor,
        into events: UnsafeMutableBufferPointer<epoll_event>,
        timeoutMilliseconds: CInt
    ) throws(SystemCallError) -> Int {
        Int(
            try retryingOnInterrupt("epoll_wait") {
                socketladder_epoll_wait(
                    epoll.rawValue,
                    events.baseAddress,
                    CInt(events.count),
                    timeoutMilliseconds
                )
            }
        )
    }
}

/// Linux's `eventfd(2)`: a kernel counter that is readable while it is non-zero.
///
/// Another thread adds to it with `write`, which makes it readable and so wakes an
/// `epoll_wait` that watches it; the loop then reads it back to zero. One descriptor,
/// where the portable alternative (a pipe) needs two.
public enum EventFD {
    /// Creates a non-blocking, close-on-exec eventfd starting at zero.
    ///
    /// - Returns: The descriptor.
    /// - Throws: ``SystemCallError``.
    public static func create() throws(SystemCallError) -> FileDescriptor {
        let number = try retryingOnInterrupt("eventfd") {
            socketladder_eventfd(0, CInt(EFD_NONBLOCK) | CInt(EFD_CLOEXEC))
        }
        return FileDescriptor(rawValue: number)
    }
}
#endif
