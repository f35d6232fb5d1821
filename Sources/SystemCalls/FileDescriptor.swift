import Libc

/// A file descriptor: the small integer the kernel hands out for an open file, pipe or socket.
///
/// Everything in Unix I/O is a descriptor; `read(2)` and `write(2)` work on all of them.
/// This type only gives the number a name and wraps the calls that every kind of
/// descriptor shares. It does not own the descriptor: closing it is the job of whoever
/// created it (in this project, ``Socket`` in the `Sockets` module), exactly once.
public struct FileDescriptor: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The kernel's number, an index into this process's descriptor table.
    public let rawValue: CInt

    /// Names an existing descriptor number.
    public init(rawValue: CInt) {
        self.rawValue = rawValue
    }

    /// `fd 7`, for logs.
    public var description: String { "fd \(rawValue)" }

    /// Reads up to `buffer.count` bytes.
    ///
    /// The C function is `read(2)`. It returns as soon as *some* bytes are available, not
    /// when the buffer is full: a stream has no message boundaries.
    ///
    /// - Parameter buffer: Where the bytes go.
    /// - Returns: The number of bytes read; `0` means end of file (the peer closed its side);
    ///   `nil` means a non-blocking descriptor has nothing to read right now.
    /// - Throws: ``SystemCallError``, for example `ECONNRESET` when the peer aborted.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int? {
        try retryingOnInterruptUnlessWouldBlock("read") {
            systemRead(rawValue, buffer.baseAddress, buffer.count)
        }
    }

    /// Writes up to `bytes.count` bytes and returns how many the kernel took.
    ///
    /// The C function is `write(2)`. It may take fewer bytes than offered (a *partial
    /// write*) when the kernel's buffer is nearly full; the caller must send the rest later.
    ///
    /// - Parameter bytes: What to write.
    /// - Returns: How many bytes were written, or `nil` if a non-blocking descriptor has no
    ///   room at all right now.
    /// - Throws: ``SystemCallError``.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(SystemCallError) -> Int? {
        try retryingOnInterruptUnlessWouldBlock("write") {
            systemWrite(rawValue, bytes.baseAddress, bytes.count)
        }
    }

    // snippet: close-without-retry
    /// Releases the descriptor number back to the kernel.
    ///
    /// The C function is `close(2)`. It is *not* retried on `EINTR`: on Linux the number is
    /// released even when `close` reports `EINTR`, and by the time we retried, another
    /// thread could have been given the same number, so we would close *its* file.
    ///
    /// - Throws: ``SystemCallError``. `EBADF` means the number was not open: a bug.
    public func close() throws(SystemCallError) {
        let result = systemClose(rawValue)
        let code = Errno.current
        if result == -1 && code != .interrupted {
            throw SystemCallError(call: "close", errno: code)
        }
    }
    // end-snippet

    /// Whether calls on this descriptor return at once (`O_NONBLOCK`) instead of waiting.
    ///
    /// The C function is `fcntl(2)` with `F_GETFL` / `F_SETFL`.
    ///
    /// - Throws: ``SystemCallError`` if `fcntl` fails.
    public func setNonBlocking(_ nonBlocking: Bool) throws(SystemCallError) {
        let flags = try retryingOnInterrupt("fcntl") { fcntl(rawValue, F_GETFL) }
        let wanted = nonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK
        if wanted != flags {
            try retryingOnInterrupt("fcntl") { fcntl(rawValue, F_SETFL, wanted) }
        }
    }

    /// Whether `O_NONBLOCK` is set.
    ///
    /// - Throws: ``SystemCallError`` if `fcntl` fails.
    public func isNonBlocking() throws(SystemCallError) -> Bool {
        let flags = try retryingOnInterrupt("fcntl") { fcntl(rawValue, F_GETFL) }
        return flags & O_NONBLOCK != 0
    }

    /// Marks the descriptor close-on-exec (`FD_CLOEXEC`): a program this process starts
    /// with `exec` does not inherit it.
    ///
    /// The C function is `fcntl(2)` with `F_SETFD`. The descriptors this project creates
    /// get the flag when they are made; this is for descriptors made by code that does not
    /// set it, such as Foundation's `Pipe`.
    ///
    /// - Throws: ``SystemCallError`` if `fcntl` fails.
    public func setCloseOnExec() throws(SystemCallError) {
        try retryingOnInterrupt("fcntl") { fcntl(rawValue, F_SETFD, FD_CLOEXEC) }
    }

    /// Creates a pipe: bytes written to `write` come out of `read`, in order.
    ///
    /// The C function is `pipe(2)`. Both ends are close-on-exec.
    ///
    /// - Returns: The two ends.
    /// - Throws: ``SystemCallError``, for example `EMFILE`.
    public static func pipe() throws(SystemCallError) -> (
        read: FileDescriptor, write: FileDescriptor
    ) {
        var ends: [CInt] = [-1, -1]
        try retryingOnInterrupt("pipe") { systemPipe(&ends) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (FileDescriptor(rawValue: ends[0]), FileDescriptor(rawValue: ends[1]))
    }
}
