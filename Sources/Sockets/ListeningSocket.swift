import Libc
import SystemCalls

/// A socket that waits for clients: socket, bind, listen, then accept, one by one.
///
/// ```
///   socket()  ──▶  bind(127.0.0.1:7000)  ──▶  listen(backlog)  ──▶  accept() ─┐
///                                                                    ▲      │ a new
///                                     the kernel queues finished     └──────┘ socket per
///                                     handshakes, up to `backlog`             client
/// ```
///
/// The listening socket itself never carries data: each ``accept()`` returns a *new*
/// socket connected to one client, while the listening one goes on waiting for the next.
public final class ListeningSocket: Sendable {
    /// The listening socket.
    public let socket: Socket
    /// The address it is bound to, with the real port when port `0` was asked for.
    public let localAddress: SocketAddress

    // snippet: listening-socket-init
    /// Creates a socket, binds it to `address` and starts listening.
    ///
    /// - Parameters:
    ///   - address: Where to listen; port `0` lets the kernel pick a free port.
    ///   - backlog: How many finished connections the kernel may queue before `accept`.
    ///   - nonBlocking: Make ``accept()`` return `nil` instead of waiting (event loops).
    /// - Throws: ``SystemCallError``; `EADDRINUSE` when the port is taken.
    public init(
        address: SocketAddress,
        backlog: Int = 128,
        nonBlocking: Bool = false
    ) throws(SystemCallError) {
        let socket = try Socket(family: address.family)
        // Restarting a server must not fail for minutes because old connections to the
        // port linger in TIME_WAIT.
        try socket.set(.reuseAddress, true)
        try address.withSockAddr { (pointer, length) throws(SystemCallError) in
            try socket.descriptor.bind(to: pointer, length: length)
        }
        try socket.descriptor.listen(backlog: CInt(clamping: backlog))
        if nonBlocking { try socket.setNonBlocking(true) }
        self.socket = socket
        // Read the address back: with port 0 only the kernel knows which port we got.
        self.localAddress = try socket.localAddress()
    }
    // end-snippet

    /// Listens on a numeric `host` and `port`, such as `("127.0.0.1", 7000)` or `("::1", 0)`.
    ///
    /// - Parameters:
    ///   - host: A numeric IPv4 or IPv6 address.
    ///   - port: The port, `0` for any free one.
    ///   - backlog: The accept queue's length.
    /// - Throws: ``SocketAddressError`` or ``SystemCallError``.
    public convenience init(host: String, port: UInt16, backlog: Int = 128) throws {
        try self.init(address: SocketAddress(numericHost: host, port: port), backlog: backlog)
    }

    /// Waits for the next client and returns a connection to it.
    ///
    /// The C function is `accept(2)`. It blocks this thread until a client arrives, which
    /// is why chapter 5 moves each connection to its own thread and chapter 6 to an event
    /// loop.
    ///
    /// - Returns: The new connection.
    /// - Throws: ``SystemCallError``, for example `EMFILE` when out of descriptors.
    public func accept() throws(SystemCallError) -> Connection {
        while true {
            // A blocking accept only returns nil if the socket was made non-blocking.
            if let descriptor = try socket.descriptor.accept(nonBlocking: false) {
                return Connection(socket: Socket(owning: descriptor))
            }
            _ = try Poll.wait(
                for: socket.descriptor,
                events: CShort(POLLIN),
                timeoutMilliseconds: -1
            )
        }
    }

    /// Takes a waiting client if there is one, without blocking.
    ///
    /// - Parameter nonBlocking: Whether the new connection's socket is non-blocking.
    /// - Returns: The new socket, or `nil` if no client is waiting.
    /// - Throws: ``SystemCallError``.
    public func acceptIfReady(nonBlocking: Bool) throws(SystemCallError) -> Socket? {
        try socket.descriptor.accept(nonBlocking: nonBlocking).map(Socket.init(owning:))
    }

    /// Stops listening and releases the port.
    public func close() {
        socket.close()
    }
}
