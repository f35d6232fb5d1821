import Libc
import Sockets
import SystemCalls

/// How a read from a test's client side ended.
public enum ReadEnding: Equatable, Sendable {
    /// The peer closed its side: `read` returned 0.
    case endOfStream
    /// Nothing more came within the time limit.
    case timedOut
    /// The read failed, for example with `ECONNRESET`.
    case failed(SystemCallError)
    /// As many bytes as were asked for arrived.
    case complete
}

/// What a test's client received, and how the reading ended.
public struct Received: Sendable, CustomStringConvertible {
    /// The bytes, in order.
    public var bytes: [UInt8] = []
    /// Why reading stopped.
    public var ending: ReadEnding = .complete

    /// Nothing received yet.
    public init() {}

    /// `received 6 bytes "hello\n", then end of stream`.
    public var description: String {
        let how =
            switch ending {
            case .endOfStream: "then end of stream"
            case .timedOut: "then nothing more before the time limit"
            case .failed(let error): "then \(error)"
            case .complete: "as expected"
            }
        return "received \(describeBytes(bytes)), \(how)"
    }
}

extension Connection {
    /// Reads until the peer closes its side, `timeout` passes with nothing new, or an
    /// error: whatever happens, the test gets the bytes and a reason, never a hang.
    ///
    /// - Parameter timeout: How long one read may wait.
    /// - Returns: Everything received.
    public func readToEnd(timeout: Duration = .seconds(5)) -> Received {
        read(atMost: .max, timeout: timeout)
    }

    /// Reads until `count` bytes arrived, the peer closes, `timeout` passes, or an error.
    ///
    /// - Parameters:
    ///   - count: How many bytes to wait for.
    ///   - timeout: How long one read may wait.
    /// - Returns: What was received; `ending` is ``ReadEnding/complete`` if all came.
    public func read(exactly count: Int, timeout: Duration = .seconds(5)) -> Received {
        read(atMost: count, timeout: timeout)
    }

    /// Waits for whatever arrives next, up to `maxBytes`, for at most `timeout`: one read.
    ///
    /// - Parameters:
    ///   - maxBytes: The most bytes to return.
    ///   - timeout: How long to wait.
    /// - Returns: The bytes; ``ReadEnding/complete`` if some arrived.
    public func readSome(upTo maxBytes: Int = 65536, timeout: Duration = .seconds(5)) -> Received {
        var received = Received()
        do {
            try socket.setReceiveTimeout(timeout)
            received.bytes = try read(upTo: maxBytes)
            received.ending = received.bytes.isEmpty ? .endOfStream : .complete
        } catch  where error.errno == .wouldBlock {
            received.ending = .timedOut
        } catch {
            received.ending = .failed(error)
        }
        return received
    }

    private func read(atMost count: Int, timeout: Duration) -> Received {
        var received = Received()
        do {
            try socket.setReceiveTimeout(timeout)
            while received.bytes.count < count {
                let chunk = try read(upTo: min(65536, count - received.bytes.count))
                if chunk.isEmpty {
                    received.ending = .endOfStream
                    return received
                }
                received.bytes += chunk
            }
            received.ending = .complete
        } catch  where error.errno == .wouldBlock {
            received.ending = .timedOut  // SO_RCVTIMEO passed
        } catch {
            received.ending = .failed(error)
        }
        return received
    }

    /// Makes the next `close` reset the connection (a TCP RST) instead of closing it
    /// politely (a FIN), as a crashed or impatient client would.
    ///
    /// The trick is `SO_LINGER` with a linger time of zero.
    ///
    /// - Throws: ``SystemCallError`` from `setsockopt(2)`.
    public func resetOnClose() throws(SystemCallError) {
        try socket.descriptor.setOption(
            level: SOL_SOCKET,
            name: SO_LINGER,
            value: linger(l_onoff: 1, l_linger: 0)
        )
    }
}

/// A connected TCP pair over loopback, made with the library's own sockets.
///
/// - Parameter host: `127.0.0.1` or `::1`.
/// - Returns: Both ends: the one that connected and the one that was accepted.
/// - Throws: ``SystemCallError`` or ``SocketAddressError``.
public func connectedPair(host: String = "127.0.0.1") throws -> (
    client: Connection, server: Connection
) {
    let listener = try ListeningSocket(host: host, port: 0)
    defer { listener.close() }
    let client = try Connection.connect(to: listener.localAddress, timeout: .seconds(5))
    let server = try listener.accept()
    return (client, server)
}

/// A port on 127.0.0.1 that nothing listens on, found by binding port 0 and closing.
///
/// Another process could take the port in between, but the kernel hands out ports in
/// turn, so it would have to be very unlucky.
///
/// - Returns: An address a connection to which is refused.
/// - Throws: ``SystemCallError``.
public func unusedLoopbackAddress() throws -> SocketAddress {
    let listener = try ListeningSocket(address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0))
    let address = listener.localAddress
    listener.close()
    return address
}
