import Libc
import SystemCalls

/// A connected TCP socket used with blocking calls: read, write, writeAll, shutdown, close.
///
/// Blocking means each call waits: ``read(upTo:)`` until bytes arrive, ``write(_:)`` until
/// the kernel has room. Simple to follow, one connection per thread at a time; chapter 6
/// replaces it with the event loop. TCP is a *stream*: the bytes arrive in order, but
/// not in the pieces they were sent in. A 10-byte write may be read as 3 + 7 bytes, and
/// two writes may arrive in one read.
public final class Connection: Sendable {
    /// The connected socket.
    public let socket: Socket

    /// Wraps a connected socket, such as one returned by `accept`.
    ///
    /// - Parameter socket: A connected stream socket.
    public init(socket: Socket) {
        self.socket = socket
    }

    /// Reads whatever bytes have arrived, waiting for at least one.
    ///
    /// The C function is `read(2)`.
    ///
    /// - Parameter maxBytes: The most bytes to return at once.
    /// - Returns: Between 1 and `maxBytes` bytes; an empty array means end of stream: the
    ///   peer closed (or half-closed) its side and nothing more will come.
    /// - Throws: ``SystemCallError``; `ECONNRESET` when the peer aborted, `EAGAIN` when a
    ///   receive timeout (``Socket/setReceiveTimeout(_:)``) passed with nothing read.
    public func read(upTo maxBytes: Int = 65536) throws(SystemCallError) -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: maxBytes) {
            (buffer, count) throws(SystemCallError) in
            count = try read(into: UnsafeMutableRawBufferPointer(buffer))
        }
    }

    /// Reads into `buffer`, waiting for at least one byte.
    ///
    /// - Parameter buffer: Where the bytes go.
    /// - Returns: How many bytes were read; `0` at end of stream.
    /// - Throws: ``SystemCallError``, as for ``read(upTo:)``.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int {
        guard let count = try socket.descriptor.read(into: buffer) else {
            // A blocking socket only "would block" when its receive timeout expired.
            throw SystemCallError(call: "read", errno: .wouldBlock)
        }
        return count
    }

    /// Sends as many of `bytes` as the kernel takes now, and returns that count.
    ///
    /// The C function is `send(2)`. The count may be smaller than `bytes.count` (a
    /// partial write); ``writeAll(_:)`` is usually what you want.
    ///
    /// - Parameter bytes: The bytes to send.
    /// - Returns: How many bytes were sent.
    /// - Throws: ``SystemCallError``; `EPIPE` or `ECONNRESET` when the peer is gone.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(SystemCallError) -> Int {
        try socket.descriptor.send(bytes) ?? 0
    }

    // snippet: write-all
    /// Sends every byte of `bytes`, calling `send(2)` as often as it takes.
    ///
    /// A single `send` may take only part of the buffer, when the kernel's send buffer
    /// is nearly full. Forgetting the rest is the classic partial-write bug: it works on
    /// loopback with small messages and loses data on a real network.
    ///
    /// - Parameter bytes: The bytes to send.
    /// - Throws: ``SystemCallError``; `EPIPE` or `ECONNRESET` if the peer vanished.
    public func writeAll(_ bytes: UnsafeRawBufferPointer) throws(SystemCallError) {
        var sent = 0
        while sent < bytes.count {
            let remaining = UnsafeRawBufferPointer(rebasing: bytes[sent...])
            guard let count = try socket.descriptor.send(remaining) else {
                // Only a non-blocking socket gets here: wait until there is room.
                _ = try Poll.wait(
                    for: socket.descriptor,
                    events: CShort(POLLOUT),
                    timeoutMilliseconds: -1
                )
                continue
            }
            sent += count
        }
    }
    // end-snippet

    /// Sends every byte of `bytes`.
    ///
    /// - Parameter bytes: The bytes to send.
    /// - Throws: ``SystemCallError``.
    public func writeAll(_ bytes: [UInt8]) throws(SystemCallError) {
        try bytes.withBytes { (raw) throws(SystemCallError) in try writeAll(raw) }
    }

    /// Sends `text` as UTF-8.
    ///
    /// - Parameter text: The text to send.
    /// - Throws: ``SystemCallError``.
    public func writeAll(_ text: String) throws(SystemCallError) {
        try writeAll(Array(text.utf8))
    }

    /// Says "I will send nothing more" while still reading what the peer sends.
    ///
    /// The C function is `shutdown(2)` with `SHUT_WR`. The peer's next read returns end of
    /// stream. An echo client does this after sending its input, then reads the echoes
    /// until the server closes in turn.
    ///
    /// - Throws: ``SystemCallError``; `ENOTCONN` if the connection is already gone.
    public func shutdownWriting() throws(SystemCallError) {
        try socket.descriptor.shutdown(shutdownWriteSide)
    }

    /// Says "I will read nothing more": a read blocked in another thread returns end of
    /// stream at once.
    ///
    /// The C function is `shutdown(2)` with `SHUT_RD`. A server that wants to drop a
    /// client whose thread is blocked reading uses this to wake that thread.
    ///
    /// - Throws: ``SystemCallError``; `ENOTCONN` if the connection is already gone.
    public func shutdownReading() throws(SystemCallError) {
        try socket.descriptor.shutdown(shutdownReadSide)
    }

    /// Closes the connection.
    ///
    /// Safe to call more than once.
    public func close() {
        socket.close()
    }
}
