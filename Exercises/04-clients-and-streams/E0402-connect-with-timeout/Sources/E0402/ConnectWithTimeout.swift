// Exercise 4.2: connect with a timeout: non-blocking connect, poll, SO_ERROR.
// Read the task in ../../README.md; check it with `swift run grade 4.2`.

import ExerciseSupport
import Libc
import Sockets
import SystemCalls

/// Opens a TCP connection to `address`, giving up after `timeout`.
///
/// A blocking `connect(2)` to an unreachable host can wait minutes for the kernel to
/// give up. To bound it, the socket is made non-blocking, `connect` returns at once
/// (`EINPROGRESS`), and `poll(2)` waits for it to become writable, which is how the
/// kernel says the handshake ended. `SO_ERROR` then tells whether it ended well.
///
/// This is the library's `Connection.connect(to:timeout:)`, as a free function.
///
/// - Parameters:
///   - address: The server.
///   - timeout: How long the handshake may take; `nil` waits as long as the kernel does.
/// - Returns: A connected, blocking connection.
/// - Throws: ``SystemCallError`` naming `connect`: `ECONNREFUSED` when nothing listens,
///   `ETIMEDOUT` when `timeout` passed.
public func connect(to address: SocketAddress, timeout: Duration? = nil) throws -> Connection {
    // TODO(E0402): a socket of the address's family, made non-blocking; start connecting;
    // if that did not finish at once, poll for POLLOUT until the timeout and read the
    // socket's pending error (SO_ERROR); make the socket blocking again and wrap it.
    throw Unimplemented("E0402: connect(to:timeout:)")
}
