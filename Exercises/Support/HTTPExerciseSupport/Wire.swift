import ExerciseSupport
import Sockets
import SystemCalls

extension Connection {
    /// Writes `bytes` in pieces of 1, 2, 3, 5, 8, … bytes, with `TCP_NODELAY` on, so the
    /// reader sees the cuts fall everywhere: inside a CR LF, a hex size, a field name.
    ///
    /// - Parameter bytes: The bytes to send.
    /// - Throws: ``SystemCallError``.
    public func writeInFibonacciPieces(_ bytes: [UInt8]) throws {
        try socket.set(.noDelay, true)
        var offset = 0
        var (size, next) = (1, 2)
        while offset < bytes.count {
            let end = min(bytes.count, offset + size)
            try writeAll(Array(bytes[offset..<end]))
            offset = end
            (size, next) = (next, size + next)
            if size > 400 { (size, next) = (1, 2) }  // keep cutting, however long
        }
    }

    /// Reads a message head: everything up to and including the empty line, in reads of
    /// at most `pieceSize` bytes, and whatever came after it in the last read.
    ///
    /// - Parameters:
    ///   - pieceSize: The most bytes one read may take.
    ///   - timeout: How long one read may wait.
    /// - Returns: The head's bytes and the bytes after it (the start of the body).
    /// - Throws: ``SystemCallError``, or ``HeadNotReceived`` if the peer stopped first.
    public func readHead(
        pieceSize: Int = 7,
        timeout: Duration = .seconds(5)
    ) throws -> (head: [UInt8], rest: [UInt8]) {
        var received: [UInt8] = []
        let end: [UInt8] = [13, 10, 13, 10]
        while true {
            if let range = received.firstRange(of: end) {
                return (Array(received[..<range.upperBound]), Array(received[range.upperBound...]))
            }
            let piece = readSome(upTo: pieceSize, timeout: timeout)
            guard piece.ending == .complete else {
                throw HeadNotReceived(received: received, ending: piece.ending)
            }
            received += piece.bytes
        }
    }
}

/// The peer stopped sending before the empty line that ends a head.
public struct HeadNotReceived: Error, CustomStringConvertible {
    /// What arrived.
    public let received: [UInt8]
    /// How reading ended.
    public let ending: ReadEnding

    /// Says that `received` arrived, then reading ended with `ending`.
    ///
    /// - Parameters:
    ///   - received: What arrived.
    ///   - ending: How reading ended.
    public init(received: [UInt8], ending: ReadEnding) {
        self.received = received
        self.ending = ending
    }

    /// Says what arrived and how it ended.
    public var description: String {
        var what = Received()
        what.bytes = received
        what.ending = ending
        return "no complete head: \(what)"
    }
}

extension ListeningSocket {
    /// Waits at most `timeout` for one client, so a test whose client never comes fails
    /// instead of hanging.
    ///
    /// `SO_RCVTIMEO` on a listening socket bounds `accept(2)` too, on Linux.
    ///
    /// - Parameter timeout: How long to wait.
    /// - Returns: The connection.
    /// - Throws: ``SystemCallError``, `EAGAIN` when nobody came in time.
    public func acceptOne(within timeout: Duration = .seconds(10)) throws -> Connection {
        try socket.setReceiveTimeout(timeout)
        return try accept()
    }
}

extension Connection {
    /// Closes the way a server should after its last answer: half-close, read what the
    /// client still sends until it closes too (at most `timeout`), then close.
    ///
    /// Closing with unread bytes in the receive buffer makes the kernel send a reset
    /// instead of a FIN, and a reset can destroy the answer before the client reads it.
    ///
    /// - Parameter timeout: How long to wait for the client's end.
    public func closeGracefully(timeout: Duration = .seconds(2)) {
        try? shutdownWriting()
        _ = readToEnd(timeout: timeout)
        close()
    }
}
