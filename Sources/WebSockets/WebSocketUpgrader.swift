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
/// request, before any frame is read, so the handler it sets misses nothing. All of that
/// is ``WebSocketServerHandshake/upgrade(_:_:on:configuration:setUp:)``, which a layer
/// with rules of its own calls directly.
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
        let onUpgrade = onUpgrade
        handshake.upgrade(request, response, configuration: configuration) { webSocket in
            onUpgrade(webSocket, request)
        }
    }
}
// end-snippet

extension WebSocketServerHandshake {
    // snippet: handshake-upgrade
    /// Answers a WebSocket opening handshake: a refusal, or a `101` after which the
    /// connection speaks WebSocket, on `loop` if one is named.
    ///
    /// This is the server's one path from an HTTP request to a ``WebSocket``. A layer
    /// with rules of its own (Engine.IO checks its query: the protocol version, the
    /// transport, the session id) checks them first, then calls this, choosing the loop
    /// its state lives on: the connection moves there after the `101`
    /// (``HTTPResponseWriter/upgrade(headers:on:to:)``), and `setUp` runs there with the
    /// new socket *before its first frame is handled*, even one that arrived with the
    /// request. Set the socket's ``WebSocket/handler`` in `setUp`, and every message is
    /// handled on that loop, with no hop.
    ///
    /// A request that fails this handshake's own checks gets the status the
    /// ``WebSocketHandshakeRefusal`` names and, if it asked for an upgrade, the end of its
    /// connection: the client may already be sending frames that HTTP cannot read.
    ///
    /// - Parameters:
    ///   - request: The request, as an ``HTTPHandler`` gets it.
    ///   - response: Its writer.
    ///   - loop: The loop the WebSocket will live on; `nil`: the connection's own.
    ///   - configuration: The connection's limits and timers.
    ///   - setUp: Called on that loop with the open socket, before any frame is handled.
    /// - Returns: Whether the handshake was accepted; if not, the refusal is on its way.
    @discardableResult
    public func upgrade(
        _ request: HTTPRequest,
        _ response: HTTPResponseWriter,
        on loop: EventLoop? = nil,
        configuration: WebSocketConfiguration = WebSocketConfiguration(),
        setUp: @escaping @Sendable (WebSocket) -> Void
    ) -> Bool {
        let acceptance: Acceptance
        do {
            acceptance = try accept(request.head)
        } catch {
            var refusal = error.response
            if request.head.wantsUpgrade { refusal.headers.set(name: "Connection", value: "close") }
            response.respond(refusal)
            return false
        }
        response.upgrade(headers: acceptance.headers, on: loop) { connection in
            let handler = WebSocketConnectionHandler(
                connection: connection,
                role: .server,
                subprotocol: acceptance.subprotocol,
                configuration: configuration
            )
            setUp(handler.webSocket)
            return handler
        }
        return true
    }
    // end-snippet
}

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
