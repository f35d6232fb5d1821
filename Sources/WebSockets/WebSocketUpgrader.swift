import EventLoop
import HTTP

// snippet: upgrader
/// An HTTP handler that turns requests into WebSocket connections.
///
/// It checks the opening handshake; a request that fails gets the status the
/// ``WebSocketHandshakeRefusal`` names (`400`, `403`, `426`) and, if it asked for an
/// upgrade, the end of its connection. A good one gets `101 Switching Protocols`, and
/// the connection is handed from HTTP to a ``WebSocketConnectionHandler``; then
/// `onUpgrade` is called on the connection's loop with the new ``WebSocket`` and the
/// request, before any frame is read, so the callbacks it sets miss nothing.
public struct WebSocketUpgrader: HTTPHandler {
    /// The handshake rules: subprotocols and the origin check.
    public var handshake: WebSocketServerHandshake
    /// The limits and timers of every connection.
    public var configuration: WebSocketConfiguration
    private let onUpgrade: @Sendable (WebSocket, HTTPRequest) -> Void

    /// An upgrader.
    ///
    /// - Parameters:
    ///   - handshake: The handshake rules.
    ///   - configuration: The connections' limits.
    ///   - onUpgrade: Called on the loop with each new WebSocket.
    public init(
        handshake: WebSocketServerHandshake = WebSocketServerHandshake(),
        configuration: WebSocketConfiguration = WebSocketConfiguration(),
        onUpgrade: @escaping @Sendable (WebSocket, HTTPRequest) -> Void
    ) {
        self.handshake = handshake
        self.configuration = configuration
        self.onUpgrade = onUpgrade
    }

    /// Answers the handshake.
    public func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) {
        let acceptance: WebSocketServerHandshake.Acceptance
        do {
            acceptance = try handshake.accept(request.head)
        } catch {
            var refusal = error.response
            // The client may already be sending frames: end the connection after saying no.
            if request.head.wantsUpgrade { refusal.headers.set(name: "Connection", value: "close") }
            return response.respond(refusal)
        }
        let (configuration, onUpgrade) = (configuration, onUpgrade)
        response.upgrade(headers: acceptance.headers) { connection in
            let handler = WebSocketConnectionHandler(
                connection: connection,
                role: .server,
                subprotocol: acceptance.subprotocol,
                configuration: configuration
            )
            onUpgrade(handler.webSocket, request)
            return handler
        }
    }
}
// end-snippet

extension HTTPRouter {
    /// Serves WebSocket connections at `pattern`, as a `GET` route.
    ///
    /// ```swift
    /// router.webSocket("/chat") { webSocket, request in
    ///     webSocket.onMessage = { webSocket, message in webSocket.send(message) }
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - pattern: The path pattern, as for ``get(_:_:)``.
    ///   - handshake: Subprotocols and the origin check.
    ///   - configuration: The connections' limits.
    ///   - onUpgrade: Called on the loop with each new WebSocket and its request.
    public mutating func webSocket(
        _ pattern: String,
        handshake: WebSocketServerHandshake = WebSocketServerHandshake(),
        configuration: WebSocketConfiguration = WebSocketConfiguration(),
        onUpgrade: @escaping @Sendable (WebSocket, HTTPRequest) -> Void
    ) {
        add(
            .get,
            pattern,
            WebSocketUpgrader(
                handshake: handshake,
                configuration: configuration,
                onUpgrade: onUpgrade
            )
        )
    }
}
