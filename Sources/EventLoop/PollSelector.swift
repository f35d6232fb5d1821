import Libc
import SystemCalls

/// The portable ``Selector``: `poll(2)` over an array the selector keeps.
///
/// Simple and everywhere, but every wait hands the kernel the whole array and scans all
/// of it afterwards: cost grows with the number of connections, idle or not. The loop
/// keeps an index from descriptor number to array slot so that register and deregister
/// stay cheap; removing swaps the last entry into the hole.
public final class PollSelector: Selector {
    private var entries: [pollfd] = []
    private var tags: [UInt64] = []
    private var slotOfDescriptor: [CInt: Int] = [:]

    /// Creates an empty selector; `poll` needs no kernel object.
    public init() {}

    private func events(for interest: Interest) -> CShort {
        var events: CShort = 0
        if interest.contains(.readable) { events |= CShort(POLLIN) }
        if interest.contains(.writable) { events |= CShort(POLLOUT) }
        return events
    }

    /// Appends an entry.
    public func register(_ descriptor: FileDescriptor, interest: Interest, tag: UInt64)
        throws(SystemCallError)
    {
        guard slotOfDescriptor[descriptor.rawValue] == nil else {
            throw SystemCallError(call: "poll register", errno: Errno(rawValue: EEXIST))
        }
        slotOfDescriptor[descriptor.rawValue] = entries.count
        entries.append(pollfd(fd: descriptor.rawValue, events: events(for: interest), revents: 0))
        tags.append(tag)
    }

    /// Changes an entry's events and tag.
    public func reregister(
        _ descriptor: FileDescriptor,
        interest: Interest,
        tag: UInt64
    ) throws(SystemCallError) {
        guard let slot = slotOfDescriptor[descriptor.rawValue] else {
            throw SystemCallError(call: "poll reregister", errno: Errno(rawValue: ENOENT))
        }
        entries[slot].events = events(for: interest)
        tags[slot] = tag
    }

    /// Removes an entry, moving the last one into its slot.
    public func deregister(_ descriptor: FileDescriptor) throws(SystemCallError) {
        guard let slot = slotOfDescriptor.removeValue(forKey: descriptor.rawValue) else {
            throw SystemCallError(call: "poll deregister", errno: Errno(rawValue: ENOENT))
        }
        let last = entries.count - 1
        if slot != last {
            entries[slot] = entries[last]
            tags[slot] = tags[last]
            slotOfDescriptor[entries[slot].fd] = slot
        }
        entries.removeLast()
        tags.removeLast()
    }

    /// `poll`, then one call of `body` per entry with a non-zero `revents`.
    public func wait(timeout: Duration?, _ body: (UInt64, Readiness) -> Void)
        throws(SystemCallError)
    {
        let ready = try entries.withUnsafeMutableBufferPointer { (buffer) throws(SystemCallError) in
            try Poll.wait(buffer, timeoutMilliseconds: Duration.pollTimeout(timeout))
        }
        guard ready > 0 else { return }
        // Copy out first: a handler may register or deregister while we report.
        var reports: [(UInt64, Readiness)] = []
        reports.reserveCapacity(ready)
        for (slot, entry) in entries.enumerated() where entry.revents != 0 {
            let bits = entry.revents
            let readiness = Readiness(
                isReadable: bits & CShort(POLLIN) != 0,
                isWritable: bits & CShort(POLLOUT) != 0,
                isHangUpOrError: bits & (CShort(POLLHUP) | CShort(POLLERR) | CShort(POLLNVAL)) != 0
            )
            reports.append((tags[slot], readiness))
        }
        for (tag, readiness) in reports { body(tag, readiness) }
    }

    /// Nothing to close: `poll` keeps no state in the kernel.
    public func close() {}
}
