#if canImport(Darwin)
import Libc
import SystemCalls

/// The ``Selector`` for Darwin and the BSDs: one `kqueue`.
///
/// kqueue watches (descriptor, filter) pairs: reading is `EVFILT_READ`, writing is
/// `EVFILT_WRITE`, each added, enabled or deleted on its own. Changing interest from
/// `[readable]` to `[readable, writable]` is therefore one change: add the write filter.
public final class KqueueSelector: Selector {
    private let queue: FileDescriptor
    private var registered: [CInt: Interest] = [:]
    private var events: [Darwin.kevent] = Array(repeating: Darwin.kevent(), count: 256)

    /// Creates the kqueue.
    ///
    /// - Throws: ``SystemCallError`` from `kqueue(2)`.
    public init() throws(SystemCallError) {
        queue = try Kqueue.create()
    }

    private func change(_ descriptor: CInt, filter: Int16, flags: UInt16, tag: UInt64)
        -> Darwin.kevent
    {
        var event = Darwin.kevent()
        event.ident = UInt(descriptor)
        event.filter = filter
        event.flags = flags
        event.udata = UnsafeMutableRawPointer(bitPattern: UInt(tag))
        return event
    }

    private func apply(
        _ descriptor: FileDescriptor,
        from old: Interest,
        to new: Interest,
        tag: UInt64
    )
        throws(SystemCallError)
    {
        var changes: [Darwin.kevent] = []
        for (bit, filter) in [
            (Interest.readable, Int16(EVFILT_READ)), (.writable, Int16(EVFILT_WRITE)),
        ] {
            if new.contains(bit) {
                changes.append(
                    change(descriptor.rawValue, filter: filter, flags: UInt16(EV_ADD), tag: tag)
                )
            } else if old.contains(bit) {
                changes.append(
                    change(descriptor.rawValue, filter: filter, flags: UInt16(EV_DELETE), tag: tag)
                )
            }
        }
        guard !changes.isEmpty else { return }
        _ = try changes.withUnsafeBufferPointer { (pointer) throws(SystemCallError) in
            try Kqueue.kevent(
                queue,
                changes: pointer,
                events: UnsafeMutableBufferPointer(start: nil, count: 0),
                timeout: .zero
            )
        }
    }

    /// Adds the filters for `interest`.
    public func register(_ descriptor: FileDescriptor, interest: Interest, tag: UInt64)
        throws(SystemCallError)
    {
        try apply(descriptor, from: [], to: interest, tag: tag)
        registered[descriptor.rawValue] = interest
    }

    /// Adds or deletes filters to match `interest`.
    public func reregister(_ descriptor: FileDescriptor, interest: Interest, tag: UInt64)
        throws(SystemCallError)
    {
        let old = registered[descriptor.rawValue] ?? []
        try apply(descriptor, from: old, to: interest, tag: tag)
        registered[descriptor.rawValue] = interest
    }

    /// Deletes the descriptor's filters.
    public func deregister(_ descriptor: FileDescriptor) throws(SystemCallError) {
        let old = registered.removeValue(forKey: descriptor.rawValue) ?? []
        try apply(descriptor, from: old, to: [], tag: 0)
    }

    /// `kevent`, then one call of `body` per event.
    public func wait(timeout: Duration?, _ body: (UInt64, Readiness) -> Void)
        throws(SystemCallError)
    {
        let count = try events.withUnsafeMutableBufferPointer { (buffer) throws(SystemCallError) in
            try Kqueue.kevent(
                queue,
                changes: UnsafeBufferPointer(start: nil, count: 0),
                events: buffer,
                timeout: timeout
            )
        }
        for event in events[0..<count] {
            let tag = UInt64(UInt(bitPattern: event.udata))
            let failed =
                event.flags & UInt16(EV_ERROR) != 0
                || event.flags & UInt16(EV_EOF) != 0 && event.filter == Int16(EVFILT_WRITE)
            body(
                tag,
                Readiness(
                    isReadable: event.filter == Int16(EVFILT_READ),
                    isWritable: event.filter == Int16(EVFILT_WRITE),
                    isHangUpOrError: failed
                )
            )
        }
    }

    /// Closes the kqueue.
    public func close() {
        try? queue.close()
    }
}
#endif
