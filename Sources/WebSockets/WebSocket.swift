import EventLoop
import Sockets

/// An open WebSocket connection: send messages, hear messages, close.
///
/// Like the ``TCPConnection`` it runs on, a `WebSocket` lives on one event loop and is
/// used only on its thread; its ``handler`` is called there. To send from elsewhere, hop
/// with ``EventLoop/execute(_:)`` and a ``LoopBound``.
///
/// Events go to one ``WebSocketHandler``. For small programs the closure properties
/// (``onMessage``, ``onClose``, …) are that handler, ready-made:
///
/// ```swift
/// webSocket.onMessage = { webSocket, message in
///     if case .text(let text) = message { webSocket.send(text: "you said: \(text)") }
/// }
/// ```
public final class WebSocket: CustomStringConvertible {
    /// Which end of the connection this is.
    public enum Role: Sendable {
        /// We accepted the connection: our frames are unmasked, the peer's masked.
        case server
        /// We opened the connection: we mask every frame.
        case client
    }

    /// The loop the connection lives on.
    public let loop: EventLoop
    /// Which end we are.
    public let role: Role
    /// The subprotocol agreed in the handshake, if any.
    public let subprotocol: String?
    /// The limits.
    public let configuration: WebSocketConfiguration

    // snippet: websocket-handler
    /// Who hears what happens: messages, pongs, writability, the close.
    ///
    /// Set it on the loop before the first frame is handled, so nothing is missed: in the
    /// upgrade's `onUpgrade` or `setUp`, or a client's `setUp`; both run before any frame
    /// is read. Setting it replaces the closure properties (``onMessage`` and the rest),
    /// which are themselves one handler, and setting one of those replaces it.
    ///
    /// Once the socket has closed and told its handler, it lets go of it (the handler
    /// usually holds the socket: the two would keep each other alive forever) and keeps
    /// an inert one; setting another then does nothing.
    public var handler: any WebSocketHandler {
        get { currentHandler }
        set {
            loop.preconditionInEventLoop()
            if !hasClosed { currentHandler = newValue }
        }
    }
    // end-snippet

    let connection: TCPConnection
    var closeHandshake = CloseHandshake()
    private var currentHandler: any WebSocketHandler = InertWebSocketHandler.shared
    private var hasClosed = false

    init(
        connection: TCPConnection,
        role: Role,
        subprotocol: String?,
        configuration: WebSocketConfiguration
    ) {
        self.loop = connection.loop
        self.connection = connection
        self.role = role
        self.subprotocol = subprotocol
        self.configuration = configuration
    }

    /// `WebSocket (server) on connection fd 7 on loop-0`.
    public var description: String { "WebSocket (\(role)) on \(connection)" }

    /// The peer's address.
    public var remoteAddress: SocketAddress? { connection.remoteAddress }

    /// Whether messages can be sent (the connection is open and we have not sent close).
    public var isOpen: Bool { connection.isOpen && closeHandshake.canSendData }

    /// `false` while more than the TCP connection's high-water mark of output waits to
    /// be sent; the handler hears ``WebSocketHandler/webSocketWritabilityDidChange(_:)``
    /// when it turns `true` again.
    ///
    /// A sender that stops while this is `false` never fills memory with frames a slow
    /// peer cannot take. The marks are the connection's
    /// (``TCPConnection/Configuration/highWaterMark``): 256 KiB and 64 KiB by default.
    public var isWritable: Bool { connection.isWritable }

    /// Bytes queued and not yet sent, like the browser API's `bufferedAmount`.
    public var bufferedAmount: Int { connection.pendingOutputCount }

    /// Sends a text message.
    ///
    /// - Parameter text: The text.
    public func send(text: String) {
        send(WebSocketFrame(opcode: .text, payload: Array(text.utf8)))
    }

    /// Sends a binary message.
    ///
    /// - Parameter bytes: The bytes.
    public func send(binary bytes: [UInt8]) {
        send(WebSocketFrame(opcode: .binary, payload: bytes))
    }

    /// Sends a message.
    ///
    /// - Parameter message: Text or binary.
    public func send(_ message: WebSocketMessage) {
        switch message {
        case .text(let text): send(text: text)
        case .binary(let bytes): send(binary: bytes)
        }
    }

    /// Sends a ping; the peer answers with a pong carrying `payload`.
    ///
    /// - Parameter payload: Up to 125 bytes.
    public func ping(_ payload: [UInt8] = []) {
        precondition(payload.count <= 125, "a ping carries at most 125 bytes")
        send(WebSocketFrame(opcode: .ping, payload: payload))
    }

    /// Starts the close handshake: sends a close frame and stops sending data.
    ///
    /// The TCP connection closes when the peer answers (or after the close timeout).
    ///
    /// - Parameters:
    ///   - code: The status code; 1000 by default.
    ///   - reason: A short UTF-8 reason, cut to fit 123 bytes.
    public func close(code: WebSocketCloseCode = .normalClosure, reason: String = "") {
        loop.preconditionInEventLoop()
        perform(closeHandshake.close(code: code, reason: reason))
    }

    /// Sends any frame while the connection is open; frames after our close are dropped.
    func send(_ frame: WebSocketFrame) {
        loop.preconditionInEventLoop()
        guard frame.opcode == .close || closeHandshake.canSendData, connection.isOpen else {
            return
        }
        let key = role == .client ? Masking.randomKey() : nil
        connection.write(frame.encoded(maskingKey: key))
    }

    /// Tells the handler the connection has closed, once, then lets go of it.
    func reportClose(code: WebSocketCloseCode, reason: String) {
        guard !hasClosed else { return }
        hasClosed = true
        let handler = currentHandler
        currentHandler = InertWebSocketHandler.shared  // break the socket ⇄ handler cycle
        handler.webSocketDidClose(self, code: code, reason: reason)
    }

    /// Carries out what the close handshake decided.
    func perform(_ action: CloseAction) {
        switch action {
        case .sendClose(let code, let reason):
            send(WebSocketFrame.close(code: code, reason: reason))
            if closeHandshake.isClosed {
                finishClosing()  // we echoed the peer's close: the handshake is over
            } else {
                let connection = self.connection
                loop.schedule(after: configuration.closeTimeout) { [weak connection] in
                    connection?.close(error: WebSocketError.closeTimedOut)
                }
            }
        case .closeConnection:
            finishClosing()
        case .doNothing:
            break
        }
    }

    /// The handshake is over.
    ///
    /// The server closes TCP first (RFC 6455 §7.1.1), so the client's port does not wait in
    /// TIME_WAIT; the client waits for it, within a timeout.
    private func finishClosing() {
        if role == .server {
            connection.closeAfterFlushing()
        } else {
            let connection = self.connection
            loop.schedule(after: configuration.closeTimeout) { [weak connection] in
                connection?.close()
            }
        }
    }
}

/// Why a WebSocket connection ended without a clean close handshake.
public enum WebSocketError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The peer broke the protocol; we sent a close frame with the matching code.
    case protocolViolation(WebSocketProtocolError)
    /// We sent a close frame and the peer did not answer within the close timeout.
    case closeTimedOut
    /// A ping went unanswered for the ping timeout.
    case pingTimedOut
    /// The opening handshake failed (client side).
    case handshakeFailed(String)
    /// The URL is not `ws://host[:port][/path]`.
    case invalidURL(String)
    /// The connection is closing or closed: nothing more can be sent.
    case notOpen

    /// A message for logs.
    public var description: String {
        switch self {
        case .protocolViolation(let error): "protocol violation: \(error)"
        case .closeTimedOut: "the peer did not answer our close frame"
        case .pingTimedOut: "the peer did not answer our ping"
        case .handshakeFailed(let reason): "handshake failed: \(reason)"
        case .invalidURL(let url): "invalid WebSocket URL \(url.debugDescription)"
        case .notOpen: "the WebSocket is closing or closed"
        }
    }
}
