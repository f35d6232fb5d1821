import Sockets
import SystemCalls

/// A ``TCPConnection`` seen through async/await: `for try await bytes in connection.inbound`
/// and `try await connection.write(reply)`.
///
/// The connection still lives on its loop; this is a `Sendable` view of it. The view is
/// fast when the task using it runs *on the loop* (`Task(executorPreference: loop)`, as
/// ``TCPServer/init(address:group:configuration:logger:handleConnection:)`` does):
/// bytes that arrived are returned without suspending, and a task waiting for bytes is
/// resumed on the same thread before the loop waits again. From any other task it still
/// works, with one hop to the loop per call.
///
/// Back-pressure in both directions: ``write(_:)`` suspends while the connection is not
/// writable, and the connection stops reading while more than 256 KiB of received bytes
/// wait for the task to take them.
public final class AsyncTCPConnection: Sendable {
    /// The loop the connection lives on.
    public let loop: EventLoop
    private let bridge: LoopBound<AsyncConnectionBridge>

    init(bridge: LoopBound<AsyncConnectionBridge>) {
        self.loop = bridge.loop
        self.bridge = bridge
    }

    /// The bytes the peer sends, piece by piece, until it closes its side.
    public var inbound: Inbound { Inbound(connection: self) }

    /// An asynchronous sequence of received byte chunks.
    public struct Inbound: AsyncSequence, Sendable {
        /// Received bytes: a piece of the stream.
        public typealias Element = [UInt8]
        let connection: AsyncTCPConnection

        /// Starts reading.
        public func makeAsyncIterator() -> Iterator {
            Iterator(connection: connection)
        }

        /// Reads one chunk per call.
        public struct Iterator: AsyncIteratorProtocol {
            let connection: AsyncTCPConnection

            /// The next chunk, or `nil` once the peer has closed its side.
            ///
            /// - Throws: The error that closed the connection, such as `ECONNRESET`.
            public mutating func next() async throws -> [UInt8]? {
                try await connection.receive()
            }
        }
    }

    // snippet: async-receive
    /// The next chunk of received bytes, or `nil` at end of stream.
    ///
    /// - Returns: Bytes as they arrived, or `nil` once the peer closed its side.
    /// - Throws: The error that closed the connection.
    public func receive() async throws -> [UInt8]? {
        // Fast path, on the loop with bytes waiting: no suspension at all.
        if loop.inEventLoop, let bytes = bridge.value.takeReceived() { return bytes }
        return try await onLoop { bridge, continuation in
            bridge.receive(continuation)
        }
    }
    // end-snippet

    /// Sends `bytes`, waiting while the connection's output is above its high-water mark.
    ///
    /// - Parameter bytes: The bytes to send.
    /// - Throws: ``TCPConnectionError/closed`` or the error that closed the connection.
    public func write(_ bytes: [UInt8]) async throws {
        try await onLoop { bridge, continuation in
            bridge.write(bytes, continuation)
        }
    }

    /// Sends `text` as UTF-8.
    ///
    /// - Parameter text: The text.
    /// - Throws: As ``write(_:)``.
    public func write(_ text: String) async throws {
        try await write(Array(text.utf8))
    }

    /// Half-closes: sends a FIN once the queued output is out; reading goes on.
    public func shutdownOutput() async {
        _ = try? await onLoop { (bridge, continuation: CheckedContinuation<Void, any Error>) in
            bridge.connection?.shutdownOutput()
            continuation.resume()
        }
    }

    /// Sends what is queued, then closes.
    public func close() async {
        _ = try? await onLoop { (bridge, continuation: CheckedContinuation<Void, any Error>) in
            bridge.connection?.closeAfterFlushing()
            continuation.resume()
        }
    }

    /// The peer's address.
    public var remoteAddress: SocketAddress? {
        get async {
            try? await onLoop { bridge, continuation in
                continuation.resume(returning: bridge.connection?.remoteAddress)
            }
        }
    }

    /// Runs `body` on the loop with the bridge, and awaits the continuation it resumes.
    private func onLoop<Value: Sendable>(
        _ body:
            @escaping @Sendable (AsyncConnectionBridge, CheckedContinuation<Value, any Error>)
            -> Void
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            if loop.inEventLoop {
                body(bridge.value, continuation)
            } else {
                loop.execute { [bridge] in body(bridge.value, continuation) }
            }
        }
    }
}

/// The handler behind an ``AsyncTCPConnection``: turns callbacks into resumed continuations.
final class AsyncConnectionBridge: TCPConnectionHandler {
    private(set) var connection: TCPConnection?
    private var received = ReceiveQueue<[UInt8]>()
    private var receiver: CheckedContinuation<[UInt8]?, any Error>?
    private var writers: [CheckedContinuation<Void, any Error>] = []
    private var inputEnded = false
    private var closed = false
    private var closeError: (any Error)?
    private var opener: CheckedContinuation<AsyncTCPConnection, any Error>?

    init(connection: TCPConnection?) {
        self.connection = connection
    }

    /// For a client: resumes `opener` when the connection opens or fails.
    init(opener: CheckedContinuation<AsyncTCPConnection, any Error>) {
        self.opener = opener
    }

    func attach(_ connection: TCPConnection) {
        self.connection = connection
    }

    // MARK: Called by the async side, on the loop

    func takeReceived() -> [UInt8]? {
        guard let (bytes, resumeReading) = received.removeFirst() else { return nil }
        if resumeReading, !closed { connection?.resumeReading() }
        return bytes
    }

    func receive(_ continuation: CheckedContinuation<[UInt8]?, any Error>) {
        if let bytes = takeReceived() { return continuation.resume(returning: bytes) }
        if inputEnded { return continuation.resume(returning: nil) }
        if closed {
            if let closeError { return continuation.resume(throwing: closeError) }
            return continuation.resume(returning: nil)
        }
        precondition(receiver == nil, "only one task may read an AsyncTCPConnection at a time")
        receiver = continuation
    }

    // snippet: bridge-write
    func write(_ bytes: [UInt8], _ continuation: CheckedContinuation<Void, any Error>) {
        guard let connection, connection.isOpen else {
            return continuation.resume(throwing: closeError ?? TCPConnectionError.closed)
        }
        connection.write(bytes)
        if connection.isWritable || !connection.isOpen {
            continuation.resume()
        } else {
            writers.append(continuation)
        }
    }
    // end-snippet

    // MARK: Called by the connection

    func connectionDidOpen(_ connection: TCPConnection) {
        self.connection = connection
        if let opener {
            self.opener = nil
            opener.resume(
                returning: AsyncTCPConnection(bridge: LoopBound(self, on: connection.loop))
            )
        }
    }

    // snippet: bridge-receive
    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        if let receiver {
            self.receiver = nil
            receiver.resume(returning: bytes)
            return
        }
        if received.append(bytes, byteCount: bytes.count) { connection.pauseReading() }
    }
    // end-snippet

    func connectionDidReachEndOfInput(_ connection: TCPConnection) {
        inputEnded = true
        if let receiver {
            self.receiver = nil
            receiver.resume(returning: nil)
        }
    }

    func connectionWritabilityDidChange(_ connection: TCPConnection) {
        guard connection.isWritable else { return }
        let waiting = writers
        writers.removeAll()
        for writer in waiting { writer.resume() }
    }

    func connectionShouldShutDown(_ connection: TCPConnection) {
        connectionDidReachEndOfInput(connection)
        connection.closeAfterFlushing()
    }

    func connectionDidClose(_ connection: TCPConnection, error: (any Error)?) {
        closed = true
        closeError = error
        if let opener {
            self.opener = nil
            opener.resume(throwing: error ?? TCPConnectionError.closed)
        }
        if let receiver {
            self.receiver = nil
            if let error {
                receiver.resume(throwing: error)
            } else {
                receiver.resume(returning: nil)
            }
        }
        let waiting = writers
        writers.removeAll()
        for writer in waiting { writer.resume(throwing: error ?? TCPConnectionError.closed) }
        self.connection = nil
    }
}

extension AsyncTCPConnection {
    /// Connects to `address` from `loop`, and returns once the connection is open.
    ///
    /// - Parameters:
    ///   - address: The server.
    ///   - loop: The loop the connection will live on.
    ///   - configuration: The connection's settings.
    ///   - timeout: How long the handshake may take.
    /// - Returns: The open connection.
    /// - Throws: ``SystemCallError`` naming `connect`, such as `ECONNREFUSED`.
    public static func connect(
        to address: SocketAddress,
        on loop: EventLoop,
        configuration: TCPConnection.Configuration = TCPConnection.Configuration(),
        timeout: Duration = .seconds(10)
    ) async throws -> AsyncTCPConnection {
        try await withCheckedThrowingContinuation { continuation in
            loop.execute {
                let bridge = AsyncConnectionBridge(opener: continuation)
                do {
                    let connection = try TCPConnection.connect(
                        to: address,
                        on: loop,
                        configuration: configuration,
                        timeout: timeout,
                        handler: bridge
                    )
                    bridge.attach(connection)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

extension TCPServer {
    // snippet: async-server
    /// A server whose connections are served by an async function, one task per connection.
    ///
    /// Each task prefers the connection's loop as its executor, so the task and the
    /// connection share a thread: no hop between them per message.
    ///
    /// - Parameters:
    ///   - address: Where to listen.
    ///   - group: The loops.
    ///   - configuration: The settings.
    ///   - logger: Where errors thrown by `handleConnection` are logged.
    ///   - handleConnection: Serves one connection; it is closed when this returns.
    /// - Throws: ``SystemCallError``, for example `EADDRINUSE`.
    public convenience init(
        address: SocketAddress,
        group: EventLoopGroup,
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "TCPServer"),
        handleConnection: @escaping @Sendable (AsyncTCPConnection) async throws -> Void
    ) throws(SystemCallError) {
        try self.init(
            address: address,
            group: group,
            configuration: configuration,
            logger: logger
        ) { connection in
            let bridge = AsyncConnectionBridge(connection: connection)
            let asyncConnection = AsyncTCPConnection(bridge: LoopBound(bridge, on: connection.loop))
            Task(executorPreference: connection.loop) {
                do {
                    try await handleConnection(asyncConnection)
                } catch {
                    logger.debug("connection handler ended with \(error)")
                }
                await asyncConnection.close()
            }
            return bridge
        }
    }
    // end-snippet
}
