// Exercise 3.1, solved: socket, bind, listen: a socket that waits for clients.
// The library's version is `ListeningSocket.init` in Sources/Sockets/ListeningSocket.swift.

import ExerciseSupport
import Libc
import Sockets
import SystemCalls

/// A socket that waits for clients: socket, bind, listen, then accept, one by one.
///
/// The listening socket itself never carries data: each ``accept()`` returns a *new*
/// socket connected to one client, while the listening one goes on waiting for the next.
public final class ListeningSocket: Sendable {
    /// The listening socket.
    public let socket: Socket
    /// The address it is bound to, with the real port when port `0` was asked for.
    public let localAddress: SocketAddress

    /// Creates a socket, binds it to `address` and starts listening.
    ///
    /// - Parameters:
    ///   - address: Where to listen; port `0` lets the kernel pick a free port.
    ///   - backlog: How many finished connections the kernel may queue before `accept`.
    ///   - nonBlocking: Make `accept` return at once instead of waiting (event loops).
    /// - Throws: ``SystemCallError``; `EADDRINUSE` when the port is taken.
    public init(address: SocketAddress, backlog: Int = 128, nonBlocking: Bool = false) throws {
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

    /// Waits for the next client and returns a connection to it.
    ///
    /// - Returns: The new connection.
    /// - Throws: ``SystemCallError``, for example `EMFILE` when out of descriptors.
    public func accept() throws -> Connection {
        while true {
            if let descriptor = try socket.descriptor.accept(nonBlocking: false) {
                return Connection(socket: Socket(owning: descriptor))
            }
            // Only a non-blocking listener gets here: wait until a client arrives.
            _ = try Poll.wait(
                for: socket.descriptor,
                events: CShort(POLLIN),
                timeoutMilliseconds: -1
            )
        }
    }

    /// Stops listening and releases the port.
    public func close() {
        socket.close()
    }
}
