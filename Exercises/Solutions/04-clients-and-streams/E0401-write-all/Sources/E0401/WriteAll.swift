// Exercise 4.1, solved: writeAll, which survives partial writes.
// The library's version is `Connection.writeAll(_:)` in Sources/Sockets/Connection.swift.

import ExerciseSupport
import Libc
import Sockets
import SystemCalls

/// Sends every byte of `bytes` through `socket`, calling `send(2)` as often as it takes.
///
/// - Parameters:
///   - bytes: The bytes to send.
///   - socket: A connected socket, blocking or non-blocking.
/// - Throws: ``SystemCallError``; `EPIPE` or `ECONNRESET` if the peer vanished.
public func writeAll(_ bytes: UnsafeRawBufferPointer, to socket: Socket) throws {
    var sent = 0
    while sent < bytes.count {
        let remaining = UnsafeRawBufferPointer(rebasing: bytes[sent...])
        guard let count = try socket.descriptor.send(remaining) else {
            // No room at all (a non-blocking socket, or a send timeout): wait for some.
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

/// Sends every byte of `bytes`.
///
/// - Parameters:
///   - bytes: The bytes to send.
///   - socket: A connected socket.
/// - Throws: ``SystemCallError``.
public func writeAll(_ bytes: [UInt8], to socket: Socket) throws {
    try bytes.withUnsafeBytes { try writeAll($0, to: socket) }
}
