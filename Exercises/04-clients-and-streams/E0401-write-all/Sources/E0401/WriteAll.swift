// Exercise 4.1: writeAll, which survives partial writes.
// Read the task in ../../README.md; check it with `swift run grade 4.1`.

import ExerciseSupport
import Libc
import Sockets
import SystemCalls

/// Sends every byte of `bytes` through `socket`, calling `send(2)` as often as it takes.
///
/// A single `send` may take only part of the buffer, when the kernel's send buffer is
/// nearly full. Forgetting the rest is the classic partial-write bug: it works on loopback
/// with small messages and loses data on a real network.
///
/// This is the library's `Connection.writeAll(_:)`, as a function of the socket.
///
/// - Parameters:
///   - bytes: The bytes to send.
///   - socket: A connected socket, blocking or non-blocking.
/// - Throws: ``SystemCallError``; `EPIPE` or `ECONNRESET` if the peer vanished.
public func writeAll(_ bytes: UnsafeRawBufferPointer, to socket: Socket) throws {
    // TODO(E0401): call `socket.descriptor.send(_:)` with the bytes not sent yet, until
    // none are left. It returns how many it took, or nil when the kernel has no room at all
    // right now: then wait with `Poll.wait(for:events:timeoutMilliseconds:)` for POLLOUT.
    throw Unimplemented("E0401: writeAll(_:to:)")
}

/// Sends every byte of `bytes`.
///
/// - Parameters:
///   - bytes: The bytes to send.
///   - socket: A connected socket.
/// - Throws: ``SystemCallError``.
public func writeAll(_ bytes: [UInt8], to socket: Socket) throws {
    try bytes.withUnsafeBytes { try writeAll($0, to: socket) }
}
