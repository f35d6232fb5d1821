import Sockets
import SystemCalls

/// The two loopback hosts every network test runs on: IPv4 and IPv6.
public let loopbackHosts = ["127.0.0.1", "::1"]

/// Both ends of one TCP connection over loopback, made with the real system calls.
public struct ConnectedPair: Sendable {
    /// The end that called `connect(2)`.
    public let client: Connection
    /// The end `accept(2)` returned.
    public let server: Connection

    /// Listens on `host` port 0, connects to it, accepts, and stops listening.
    ///
    /// - Parameter host: `"127.0.0.1"` or `"::1"`.
    /// - Throws: ``SystemCallError`` or ``SocketAddressError``.
    public init(host: String) throws {
        let listener = try ListeningSocket(host: host, port: 0)
        defer { listener.close() }
        client = try Connection.connect(to: listener.localAddress, timeout: .seconds(5))
        server = try listener.accept()  // the handshake is done: this does not wait
    }

    /// Closes both ends.
    public func close() {
        client.close()
        server.close()
    }
}

/// An address on `host` where nothing listens: a port the kernel just gave out and took back.
///
/// Binding port 0 makes the kernel pick a free port; closing the listener frees it again.
/// A connection to it is refused at once (`ECONNREFUSED`), unless another program grabs
/// the port in between, which the kernel's habit of handing ports out in turn makes rare.
///
/// - Parameter host: `"127.0.0.1"` or `"::1"`.
/// - Returns: The address.
/// - Throws: ``SystemCallError`` or ``SocketAddressError``.
public func closedPort(on host: String) throws -> SocketAddress {
    let listener = try ListeningSocket(host: host, port: 0)
    let address = listener.localAddress
    listener.close()
    return address
}

extension Connection {
    /// Connects to `address` from a socket whose receive buffer is set first.
    ///
    /// `SO_RCVBUF` must be set before `connect(2)`: the handshake fixes the window scale,
    /// and shrinking the buffer of a connected socket leaves the peer with a window it
    /// cannot use well. A small buffer makes a client that does not read fill up fast.
    ///
    /// - Parameters:
    ///   - address: The server.
    ///   - receiveBufferSize: The `SO_RCVBUF` to ask for, in bytes.
    /// - Returns: A connected, blocking connection.
    /// - Throws: ``SystemCallError``.
    public static func connect(
        to address: SocketAddress,
        receiveBufferSize: Int
    ) throws(SystemCallError) -> Connection {
        let socket = try Socket(family: address.family)
        try socket.set(.receiveBufferSize, receiveBufferSize)
        let connected = try address.withSockAddr { (pointer, length) throws(SystemCallError) in
            try socket.descriptor.connect(to: pointer, length: length)
        }
        precondition(connected, "a blocking connect returns once it has connected")
        return Connection(socket: socket)
    }

    /// Closes the connection with a reset (`RST`) instead of the orderly `FIN`.
    ///
    /// `SO_LINGER` with a zero timeout tells `close(2)` to drop whatever is queued and
    /// abort the connection, which is how tests make a peer "crash".
    ///
    /// - Throws: ``SystemCallError`` from `setsockopt(2)`.
    public func closeWithReset() throws(SystemCallError) {
        try socket.descriptor.setOption(
            level: SOL_SOCKET,
            name: SO_LINGER,
            value: linger(l_onoff: 1, l_linger: 0)
        )
        close()
    }

    /// Reads until `count` bytes have arrived, the stream ends, or `deadline` passes.
    ///
    /// - Parameters:
    ///   - count: How many bytes to wait for.
    ///   - deadline: When to give up.
    /// - Returns: The bytes; fewer than `count` only if the stream ended.
    /// - Throws: ``TestTimeout``, or ``SystemCallError`` from the read.
    public func read(exactly count: Int, before deadline: Deadline) throws -> [UInt8] {
        var received: [UInt8] = []
        while received.count < count {
            try waitReadable(before: deadline, for: "\(count) bytes (got \(received.count))")
            let bytes = try read(upTo: count - received.count)
            if bytes.isEmpty { break }
            received += bytes
        }
        return received
    }

    /// Reads until the peer ends the stream, or `deadline` passes.
    ///
    /// - Parameter deadline: When to give up.
    /// - Returns: Every byte that arrived.
    /// - Throws: ``TestTimeout``, or ``SystemCallError`` from the read.
    public func readToEnd(before deadline: Deadline) throws -> [UInt8] {
        var received: [UInt8] = []
        while true {
            try waitReadable(before: deadline, for: "the end of stream (got \(received.count))")
            let bytes = try read()
            if bytes.isEmpty { return received }
            received += bytes
        }
    }

    /// Waits until a read will not block: data, end of stream or an error has arrived.
    ///
    /// - Parameters:
    ///   - deadline: When to give up.
    ///   - what: What the caller waits for, for the timeout's message.
    /// - Throws: ``TestTimeout`` or ``SystemCallError``.
    public func waitReadable(before deadline: Deadline, for what: String) throws {
        let ready = try Poll.wait(
            for: socket.descriptor,
            events: CShort(POLLIN),
            timeoutMilliseconds: deadline.remainingMilliseconds
        )
        if ready == 0 { throw TestTimeout(what) }
    }
}
