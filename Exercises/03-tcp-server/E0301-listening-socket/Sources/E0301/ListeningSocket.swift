// Exercise 3.1: socket, bind, listen: a socket that waits for clients.
// Read the task in ../../README.md; check it with `swift run grade 3.1`.

import ExerciseSupport
import Libc
import Sockets
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

    /// Creates a socket, binds it to `address` and starts listening.
    ///
    /// - Parameters:
    ///   - address: Where to listen; port `0` lets the kernel pick a free port.
    ///   - backlog: How many finished connections the kernel may queue before `accept`.
    ///   - nonBlocking: Make `accept` return at once instead of waiting (event loops).
    /// - Throws: ``SystemCallError``; `EADDRINUSE` when the port is taken.
    public init(address: SocketAddress, backlog: Int = 128, nonBlocking: Bool = false) throws {
        // TODO(E0301): socket, SO_REUSEADDR, bind, listen, non-blocking if asked, then set
        // `socket` and `localAddress` (read back from the kernel: port 0 became a real port).
        throw Unimplemented("E0301: ListeningSocket.init(address:backlog:nonBlocking:)")
    }

    /// Waits for the next client and returns a connection to it. (Given: the next
    /// exercise is about what to do with it.)
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
