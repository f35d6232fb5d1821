// FileDescriptor+Socket.swift: the socket system calls, each wrapped once.
//
// These take C addresses (`sockaddr` pointers), because that is what the kernel takes.
// The `Sockets` module builds friendly types (`SocketAddress`, `ListeningSocket`,
// `Connection`) on top, and never calls the C functions itself.

import Libc

extension FileDescriptor {
    /// Creates a socket: a descriptor that is not yet connected to anything.
    ///
    /// The C function is `socket(2)`. `family` picks the address kind (`AF_INET` for IPv4,
    /// `AF_INET6` for IPv6) and `type` the semantics (`SOCK_STREAM`: a reliable byte stream,
    /// which over IP means TCP). The descriptor is close-on-exec, and writing to it after the
    /// peer vanished reports `EPIPE` instead of killing the process with `SIGPIPE`.
    ///
    /// - Parameters:
    ///   - family: `AF_INET` or `AF_INET6`.
    ///   - type: The socket type; TCP by default.
    /// - Returns: The new socket.
    /// - Throws: ``SystemCallError``, for example `EMFILE` when out of descriptors.
    public static func socket(
        family: CInt,
        type: CInt = socketTypeStream
    ) throws(SystemCallError) -> FileDescriptor {
        let number = try retryingOnInterrupt("socket") { systemSocket(family, type) }
        return FileDescriptor(rawValue: number)
    }

    /// Gives the socket its local address and port.
    ///
    /// The C function is `bind(2)`. A server binds to the port clients will connect to;
    /// port `0` asks the kernel to pick a free one (read it back with ``localAddress()``).
    ///
    /// - Parameters:
    ///   - address: A `sockaddr_in` or `sockaddr_in6`, seen as its common prefix `sockaddr`.
    ///   - length: The size of the structure `address` points to.
    /// - Throws: ``SystemCallError``; `EADDRINUSE` if another socket holds the port.
    public func bind(
        to address: UnsafePointer<sockaddr>,
        length: socklen_t
    ) throws(SystemCallError) {
        try retryingOnInterrupt("bind") { systemBind(rawValue, address, length) }
    }

    /// Turns a bound socket into a listening one, so the kernel accepts connections for it.
    ///
    /// The C function is `listen(2)`. From this moment the kernel completes TCP handshakes
    /// on its own and queues the finished connections, up to `backlog` of them, until
    /// ``accept(nonBlocking:)`` takes them.
    ///
    /// - Parameter backlog: How many finished connections may wait in the queue.
    /// - Throws: ``SystemCallError``.
    public func listen(backlog: CInt) throws(SystemCallError) {
        try retryingOnInterrupt("listen") { systemListen(rawValue, backlog) }
    }

    /// Takes the next finished connection from a listening socket's queue.
    ///
    /// The C function is `accept(2)` (`accept4(2)` on Linux). On a blocking socket it waits
    /// for a client; on a non-blocking one it returns `nil` when the queue is empty.
    ///
    /// - Parameter nonBlocking: Whether the *new* descriptor should be non-blocking.
    /// - Returns: The connected socket, or `nil` if none is waiting.
    /// - Throws: ``SystemCallError``, for example `EMFILE`.
    public func accept(nonBlocking: Bool) throws(SystemCallError) -> FileDescriptor? {
        let number = try retryingOnInterruptUnlessWouldBlock("accept") {
            systemAccept(rawValue, nil, nil, nonBlocking: nonBlocking)
        }
        return number.map(FileDescriptor.init(rawValue:))
    }

    /// Starts (or, on a blocking socket, completes) a TCP connection to `address`.
    ///
    /// The C function is `connect(2)`. A blocking socket waits for the handshake. A
    /// non-blocking socket returns at once with `EINPROGRESS`; the socket becomes
    /// writable when the handshake ends, and ``pendingError()`` then tells how it ended.
    ///
    /// - Parameters:
    ///   - address: The peer's `sockaddr_in` or `sockaddr_in6`.
    ///   - length: The size of that structure.
    /// - Returns: `true` if connected, `false` if a non-blocking connect is under way.
    /// - Throws: ``SystemCallError``; `ECONNREFUSED` when nothing listens there.
    public func connect(
        to address: UnsafePointer<sockaddr>,
        length: socklen_t
    ) throws(SystemCallError) -> Bool {
        // A connect interrupted by a signal carries on in the background; calling it
        // again would fail with EALREADY. So EINTR is treated like EINPROGRESS here.
        if systemConnect(rawValue, address, length) == 0 { return true }
        let code = Errno.current
        if code == .inProgress || code == .interrupted { return false }
        throw SystemCallError(call: "connect", errno: code)
    }

    /// Ends one direction of a connection while the other stays open (a *half-close*).
    ///
    /// The C function is `shutdown(2)`. Shutting down the write side sends a FIN: the
    /// peer reads end-of-file, yet can still send to us. Unlike ``close()``, it affects the
    /// connection itself, not just this descriptor.
    ///
    /// - Parameter how: ``shutdownWriteSide`` or ``shutdownReadSide``.
    /// - Throws: ``SystemCallError``; `ENOTCONN` if the peer is already gone.
    public func shutdown(_ how: CInt) throws(SystemCallError) {
        try retryingOnInterrupt("shutdown") { systemShutdown(rawValue, how) }
    }

    /// Writes to a socket like ``write(_:)``, but a vanished peer gives `EPIPE`, not `SIGPIPE`.
    ///
    /// The C function is `send(2)` with `MSG_NOSIGNAL` on Linux.
    ///
    /// - Parameter bytes: What to send.
    /// - Returns: How many bytes the kernel took, or `nil` if it has no room right now.
    /// - Throws: ``SystemCallError``, typically `EPIPE` or `ECONNRESET`.
    public func send(_ bytes: UnsafeRawBufferPointer) throws(SystemCallError) -> Int? {
        try retryingOnInterruptUnlessWouldBlock("send") {
            systemSend(rawValue, bytes.baseAddress, bytes.count, sendFlagsWithoutSIGPIPE)
        }
    }

    /// Sets a socket option.
    ///
    /// The C function is `setsockopt(2)`. Options are addressed by a *level* (`SOL_SOCKET`
    /// for the socket itself, `IPPROTO_TCP` for TCP) and a *name* such as `TCP_NODELAY`;
    /// the value is passed as raw bytes, usually a `CInt` (booleans are `0` or `1`),
    /// sometimes a structure such as `timeval`.
    ///
    /// - Parameters:
    ///   - level: `SOL_SOCKET`, `IPPROTO_TCP` or `IPPROTO_IPV6`.
    ///   - name: The option.
    ///   - value: The new value, of the C type the option expects.
    /// - Throws: ``SystemCallError``.
    public func setOption<Value: BitwiseCopyable>(
        level: CInt,
        name: CInt,
        value: Value
    ) throws(SystemCallError) {
        var value = value
        try retryingOnInterrupt("setsockopt") {
            setsockopt(rawValue, level, name, &value, socklen_t(MemoryLayout<Value>.size))
        }
    }

    /// Reads an integer socket option.
    ///
    /// The C function is `getsockopt(2)`.
    ///
    /// - Parameters:
    ///   - level: `SOL_SOCKET`, `IPPROTO_TCP` or `IPPROTO_IPV6`.
    ///   - name: The option.
    /// - Returns: The option's value.
    /// - Throws: ``SystemCallError``.
    public func option(level: CInt, name: CInt) throws(SystemCallError) -> CInt {
        var value: CInt = 0
        var length = socklen_t(MemoryLayout<CInt>.size)
        try retryingOnInterrupt("getsockopt") {
            getsockopt(rawValue, level, name, &value, &length)
        }
        return value
    }

    /// The error a non-blocking `connect` ended with, or `nil` if it succeeded.
    ///
    /// Reading `SO_ERROR` also clears it. This is how a program learns that a connection
    /// it started with ``connect(to:length:)`` was refused.
    ///
    /// - Returns: The pending error, if any.
    /// - Throws: ``SystemCallError`` if `getsockopt` itself fails.
    public func pendingError() throws(SystemCallError) -> Errno? {
        let code = try option(level: SOL_SOCKET, name: SO_ERROR)
        return code == 0 ? nil : Errno(rawValue: code)
    }

    /// The address this socket is bound to, such as the port the kernel picked for port 0.
    ///
    /// The C function is `getsockname(2)`.
    ///
    /// - Returns: A `sockaddr_storage` holding a `sockaddr_in` or `sockaddr_in6`.
    /// - Throws: ``SystemCallError``.
    public func localAddress() throws(SystemCallError) -> sockaddr_storage {
        try readAddress("getsockname") { getsockname(rawValue, $0, $1) }
    }

    /// The address of the peer this socket is connected to.
    ///
    /// The C function is `getpeername(2)`.
    ///
    /// - Returns: A `sockaddr_storage` holding a `sockaddr_in` or `sockaddr_in6`.
    /// - Throws: ``SystemCallError``; `ENOTCONN` when not connected.
    public func peerAddress() throws(SystemCallError) -> sockaddr_storage {
        try readAddress("getpeername") { getpeername(rawValue, $0, $1) }
    }

    private func readAddress(
        _ call: String,
        _ body: (UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> CInt
    ) throws(SystemCallError) -> sockaddr_storage {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        try withUnsafeMutablePointer(to: &storage) { (pointer) throws(SystemCallError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                (address) throws(SystemCallError) in
                _ = try retryingOnInterrupt(call) { body(address, &length) }
            }
        }
        return storage
    }
}
