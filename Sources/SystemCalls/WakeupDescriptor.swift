import Libc

/// A descriptor another thread can make readable, to wake a loop sleeping in `epoll_wait`.
///
/// An event loop sleeps until one of its descriptors is ready. To hand it work from
/// another thread, that thread must make *something* ready: on Linux an `eventfd(2)`
/// (one descriptor, a counter), elsewhere the classic self-pipe (write a byte into a
/// pipe whose read end the loop watches). Either way the loop drains it after waking.
public struct WakeupDescriptor: Sendable {
    /// The end the loop registers for readability.
    public let readEnd: FileDescriptor
    /// The end other threads write to; the same descriptor as `readEnd` for an eventfd.
    public let writeEnd: FileDescriptor

    /// Creates the eventfd or the pipe, both non-blocking.
    ///
    /// - Throws: ``SystemCallError``.
    public init() throws(SystemCallError) {
        #if os(Linux)
        let counter = try EventFD.create()
        readEnd = counter
        writeEnd = counter
        #else
        let ends = try FileDescriptor.pipe()
        try ends.read.setNonBlocking(true)
        try ends.write.setNonBlocking(true)
        readEnd = ends.read
        writeEnd = ends.write
        #endif
    }

    /// Makes ``readEnd`` readable.
    ///
    /// Safe from any thread; never blocks.
    ///
    /// A full pipe (`EAGAIN`) is fine: it is already readable, which is all we want.
    public func wake() {
        var one: UInt64 = 1  // an eventfd takes exactly 8 bytes; a pipe takes any
        _ = withUnsafeBytes(of: &one) { try? writeEnd.write($0) }
    }

    /// Empties ``readEnd`` so that it stops being readable.
    ///
    /// Call it on the loop's thread.
    public func drain() {
        var sink = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        while true {
            let count = withUnsafeMutableBytes(of: &sink) { try? readEnd.read(into: $0) }
            guard let count, count > 0 else { return }
        }
    }

    /// Closes the descriptor(s).
    public func close() {
        try? readEnd.close()
        if writeEnd != readEnd { try? writeEnd.close() }
    }
}
