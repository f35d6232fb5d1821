import EventLoop

/// A ``WebSocket`` seen through async/await: `for await message in socket.messages` and
/// `try await socket.send(reply)`.
///
/// The WebSocket still lives on its loop, and this is a `Sendable` view of it, built the
/// way chapter 7 builds ``AsyncTCPConnection``: it is fastest from a task that runs on the
/// loop (`Task(executorPreference: socket.loop)`), where a message already received is
/// returned without suspending, and a task waiting for one is resumed on the loop's own
/// thread, with no hop. From any other task it works too, with one hop per call.
///
/// Back-pressure both ways: ``send(_:)`` suspends while the connection is not writable,
/// and reading stops while more than 256 KiB of received messages wait for the task.
///
/// ```swift
/// router.webSocket("/echo") { webSocket, _ in
///     let socket = AsyncWebSocket(webSocket)
///     Task(executorPreference: socket.loop) {
///         for await message in socket.messages { try await socket.send(message) }
///     }
/// }
/// ```
public final class AsyncWebSocket: Sendable {
    /// The loop the WebSocket lives on.
    public let loop: EventLoop
    /// The subprotocol agreed in the handshake, if any.
    public let subprotocol: String?
    private let bridge: LoopBound<AsyncWebSocketBridge>

    /// Becomes `webSocket`'s ``WebSocket/handler``; call on its loop, before it has
    /// delivered a message (in the upgrade handler, or a client's `setUp`).
    ///
    /// From then on the messages go to ``messages``; do not set another handler or the
    /// closure properties, which would take the events away from this view.
    ///
    /// - Parameter webSocket: An open WebSocket.
    public init(_ webSocket: WebSocket) {
        webSocket.loop.preconditionInEventLoop()
        loop = webSocket.loop
        subprotocol = webSocket.subprotocol
        bridge = LoopBound(AsyncWebSocketBridge(webSocket), on: webSocket.loop)
    }

    /// Opens a WebSocket connection to `url`, as ``WebSocket/connect(to:on:options:setUp:)``
    /// does, and returns its async view.
    ///
    /// - Parameters:
    ///   - url: A `ws://` URL.
    ///   - loop: The loop the connection will live on.
    ///   - options: Subprotocols, extra fields, limits and the timeout.
    /// - Returns: The open socket.
    /// - Throws: What the handshake or the connection throws.
    public static func connect(
        to url: String,
        on loop: EventLoop,
        options: WebSocketClientOptions = WebSocketClientOptions()
    ) async throws -> AsyncWebSocket {
        try await withCheckedThrowingContinuation { continuation in
            WebSocket.connect(to: url, on: loop, options: options) { result in
                // On the loop, before the first message: nothing is missed.
                continuation.resume(with: result.map { AsyncWebSocket($0) })
            }
        }
    }

    /// The messages the peer sends, until the connection closes.
    public var messages: Messages { Messages(socket: self) }

    /// An asynchronous sequence of received messages; it ends when the connection closes.
    public struct Messages: AsyncSequence, Sendable {
        /// A whole message, text or binary.
        public typealias Element = WebSocketMessage
        let socket: AsyncWebSocket

        /// Starts receiving.
        public func makeAsyncIterator() -> Iterator { Iterator(socket: socket) }

        /// Receives one message per call.
        public struct Iterator: AsyncIteratorProtocol {
            let socket: AsyncWebSocket

            /// The next message, or `nil` once the connection has closed.
            public mutating func next() async -> WebSocketMessage? {
                await socket.receive()
            }
        }
    }

    // snippet: async-websocket-receive
    /// The next message, or `nil` once the connection has closed (see ``closed()``).
    ///
    /// - Returns: A whole message, as it arrived.
    public func receive() async -> WebSocketMessage? {
        // Fast path, on the loop with a message waiting: no suspension at all.
        if loop.inEventLoop, let message = bridge.value.takeReceived() { return message }
        return await withCheckedContinuation { continuation in
            onLoop { $0.receive(continuation) }
        }
    }
    // end-snippet

    /// Sends `message`, waiting while the connection's output is above its high-water mark.
    ///
    /// - Parameter message: Text or binary.
    /// - Throws: ``WebSocketError/notOpen`` once the connection is closing or closed.
    public func send(_ message: WebSocketMessage) async throws {
        try await withCheckedThrowingContinuation { continuation in
            onLoop { $0.send(message, continuation) }
        }
    }

    /// Sends a text message.
    ///
    /// - Parameter text: The text.
    /// - Throws: As ``send(_:)``.
    public func send(text: String) async throws { try await send(.text(text)) }

    /// Sends a binary message.
    ///
    /// - Parameter bytes: The bytes.
    /// - Throws: As ``send(_:)``.
    public func send(binary bytes: [UInt8]) async throws { try await send(.binary(bytes)) }

    /// Starts the close handshake and waits until the connection has closed.
    ///
    /// - Parameters:
    ///   - code: The status code; 1000 by default.
    ///   - reason: A short UTF-8 reason.
    /// - Returns: The code and reason the peer answered with, as ``closed()`` reports.
    @discardableResult
    public func close(
        code: WebSocketCloseCode = .normalClosure,
        reason: String = ""
    ) async -> (code: WebSocketCloseCode, reason: String) {
        onLoop { $0.webSocket?.close(code: code, reason: reason) }
        return await closed()
    }

    /// Waits until the connection has closed.
    ///
    /// - Returns: The code and reason the peer sent (1005 if it sent none, 1006 if the
    ///   connection dropped without a close frame).
    public func closed() async -> (code: WebSocketCloseCode, reason: String) {
        await withCheckedContinuation { continuation in
            onLoop { $0.whenClosed(continuation) }
        }
    }

    /// Runs `body` with the bridge on the loop: at once when already there.
    private func onLoop(_ body: @escaping @Sendable (AsyncWebSocketBridge) -> Void) {
        if loop.inEventLoop {
            body(bridge.value)
        } else {
            loop.execute { [bridge] in body(bridge.value) }
        }
    }
}

/// The events of one ``WebSocket`` turned into resumed continuations: the socket's handler,
/// living on its loop.
final class AsyncWebSocketBridge: WebSocketHandler {
    /// The socket, until it closes (it holds us as its handler until then, too).
    private(set) var webSocket: WebSocket?
    private var received = ReceiveQueue<WebSocketMessage>()
    private var receiver: CheckedContinuation<WebSocketMessage?, Never>?
    private var writers: [CheckedContinuation<Void, any Error>] = []
    private var closeStatus: (code: WebSocketCloseCode, reason: String)?
    private var closeWaiters:
        [CheckedContinuation<(code: WebSocketCloseCode, reason: String), Never>] = []

    init(_ webSocket: WebSocket) {
        self.webSocket = webSocket
        webSocket.handler = self
    }

    // MARK: Called by the async side, on the loop

    func takeReceived() -> WebSocketMessage? {
        guard let (message, resumeReading) = received.removeFirst() else { return nil }
        if resumeReading { webSocket?.connection.resumeReading() }
        return message
    }

    func receive(_ continuation: CheckedContinuation<WebSocketMessage?, Never>) {
        if let message = takeReceived() { return continuation.resume(returning: message) }
        if closeStatus != nil { return continuation.resume(returning: nil) }
        precondition(receiver == nil, "only one task may receive from an AsyncWebSocket at a time")
        receiver = continuation
    }

    func send(_ message: WebSocketMessage, _ continuation: CheckedContinuation<Void, any Error>) {
        guard let webSocket, webSocket.isOpen else {
            return continuation.resume(throwing: WebSocketError.notOpen)
        }
        webSocket.send(message)
        if webSocket.isWritable {
            continuation.resume()
        } else {
            writers.append(continuation)
        }
    }

    func whenClosed(
        _ continuation: CheckedContinuation<(code: WebSocketCloseCode, reason: String), Never>
    ) {
        if let closeStatus { return continuation.resume(returning: closeStatus) }
        closeWaiters.append(continuation)
    }

    // MARK: Called by the WebSocket

    func webSocket(_ webSocket: WebSocket, didReceive message: WebSocketMessage) {
        if let receiver {
            self.receiver = nil
            return receiver.resume(returning: message)
        }
        if received.append(message, byteCount: message.byteCount) {
            webSocket.connection.pauseReading()
        }
    }

    func webSocketWritabilityDidChange(_ webSocket: WebSocket) {
        if webSocket.isWritable { resumeWriters(throwing: nil) }
    }

    func webSocketDidClose(_ webSocket: WebSocket, code: WebSocketCloseCode, reason: String) {
        closeStatus = (code, reason)
        if let receiver {
            self.receiver = nil
            receiver.resume(returning: nil)
        }
        resumeWriters(throwing: WebSocketError.notOpen)
        let waiting = closeWaiters
        closeWaiters.removeAll()
        for waiter in waiting { waiter.resume(returning: (code, reason)) }
        self.webSocket = nil
    }

    private func resumeWriters(throwing error: (any Error)?) {
        let waiting = writers
        writers.removeAll()
        for writer in waiting {
            if let error { writer.resume(throwing: error) } else { writer.resume() }
        }
    }
}

extension WebSocketMessage {
    /// The payload's size in bytes.
    var byteCount: Int {
        switch self {
        case .text(let text): text.utf8.count
        case .binary(let bytes): bytes.count
        }
    }
}
