// Exercise 4.2, solved: connect with a timeout: non-blocking connect, poll, SO_ERROR.
// The library's version is `Connection.connect(to:timeout:)` in
// Sources/Sockets/Connection+Connect.swift.

import ExerciseSupport
import Libc
import Sockets
import SystemCalls

/// Opens a TCP connection to `address`, giving up after `timeout`.
///
/// - Parameters:
///   - address: The server.
///   - timeout: How long the handshake may take; `nil` waits as long as the kernel does.
/// - Returns: A connected, blocking connection.
/// - Throws: ``SystemCallError`` naming `connect`: `ECONNREFUSED` when nothing listens,
///   `ETIMEDOUT` when `timeout` passed.
public func connect(to address: SocketAddress, timeout: Duration? = nil) throws -> Connection {
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
