import Libc
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

/// A loopback port where nothing listens, held so that no other test can take it.
///
/// Closing a listener to free its port is not enough: tests run in parallel, and the next
/// `bind` to port 0 in another test may be handed the same number, which turns "refused"
/// into "accepted". So the port stays bound by a socket that never calls `listen(2)`.
/// The kernel answers a SYN to a bound but not listening port with a reset, which
/// `connect(2)` reports as `ECONNREFUSED`; and because the socket does not set
/// `SO_REUSEADDR`, no other socket can bind the port while it is held.
public final class ClosedPort: Sendable {
    /// The address to connect to.
    public let address: SocketAddress
    /// The bound socket that holds the port.
    private let holder: Socket

    /// The port number of ``address``.
    public var port: UInt16 { address.port }

    /// Binds a new socket on `host` port 0 and reads back the port the kernel gave it.
    ///
    /// - Parameter host: `"127.0.0.1"` or `"::1"`.
    /// - Throws: ``SystemCallError`` or ``SocketAddressError``.
    public init(host: String) throws {
        let wanted = try SocketAddress(numericHost: host, port: 0)
        let socket = try Socket(family: wanted.family)
        try wanted.withSockAddr { (pointer, length) throws(SystemCallError) in
            try socket.descriptor.bind(to: pointer, length: length)
        }
        holder = socket
        address = try socket.localAddress()
    }

    /// Gives the port back.
    public func release() { holder.close() }
}

/// A port on `host` where nothing listens, held until the returned value is released.
///
/// - Parameter host: `"127.0.0.1"` or `"::1"`.
/// - Returns: The held port; call ``ClosedPort/release()`` (or let it go) when done.
/// - Throws: ``SystemCallError`` or ``SocketAddressError``.
public func closedPort(on host: String) throws -> ClosedPort {
    try ClosedPort(host: host)
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
            let bytes = try read(upTo: min(count - received.count, 65536))
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
