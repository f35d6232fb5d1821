import Libc
import SystemCalls

extension Connection {
    // snippet: connect-with-timeout
    /// Opens a TCP connection to `address`, giving up after `timeout`.
    ///
    /// A blocking `connect(2)` to an unreachable host can wait minutes for the kernel to
    /// give up. To bound it, the socket is made non-blocking, `connect` returns at once
    /// (`EINPROGRESS`), and `poll(2)` waits for it to become writable, which is how the
    /// kernel says the handshake ended. `SO_ERROR` then tells whether it ended well.
    ///
    /// - Parameters:
    ///   - address: The server.
    ///   - timeout: How long the handshake may take; `nil` waits as long as the kernel does.
    /// - Returns: A connected, blocking connection.
    /// - Throws: ``SystemCallError`` naming `connect`: `ECONNREFUSED` when nothing listens,
    ///   `ETIMEDOUT` when `timeout` passed.
    public static func connect(
        to address: SocketAddress,
        timeout: Duration? = nil
    ) throws(SystemCallError) -> Connection {
        let socket = try Socket(family: address.family)
        try socket.setNonBlocking(true)
        let connected = try address.withSockAddr { (pointer, length) throws(SystemCallError) in
            try socket.descriptor.connect(to: pointer, length: length)
        }
        if !connected {
            let ready = try Poll.wait(
                for: socket.descriptor,
                events: CShort(POLLOUT),
                timeoutMilliseconds: Duration.pollTimeout(timeout)
            )
            if ready == 0 { throw SystemCallError(call: "connect", errno: .timedOut) }
            if let failure = try socket.descriptor.pendingError() {
                throw SystemCallError(call: "connect", errno: failure)
            }
        }
        try socket.setNonBlocking(false)
        return Connection(socket: socket)
    }
    // end-snippet

    /// Connects to `host:port`, resolving a name if needed, trying each address in turn.
    ///
    /// - Parameters:
    ///   - host: A name or numeric address.
    ///   - port: The port.
    ///   - timeout: The limit for each attempt.
    /// - Returns: The first connection that succeeds.
    /// - Throws: ``SocketAddressError`` if the name does not resolve, otherwise the last
    ///   attempt's ``SystemCallError``.
    public static func connect(
        host: String,
        port: UInt16,
        timeout: Duration? = nil
    ) throws -> Connection {
        let addresses: [SocketAddress]
        if let numeric = try? SocketAddress(numericHost: host, port: port) {
            addresses = [numeric]
        } else {
            addresses = try SocketAddress.resolve(host: host, port: port)
        }
        var lastError = SystemCallError(call: "connect", errno: .addressNotAvailable)
        for address in addresses {
            do {
                return try connect(to: address, timeout: timeout)
            } catch {
                lastError = error
            }
        }
        throw lastError
    }
}
