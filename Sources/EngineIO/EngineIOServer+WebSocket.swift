import EventLoop
import HTTP
import WebSockets

extension EngineIOServerContext {
    /// The WebSocket handshake rules: any origin, no subprotocol (Engine.IO has none).
    var webSocketHandshake: WebSocketServerHandshake { WebSocketServerHandshake() }

    /// Answers a WebSocket upgrade with `101`, moves the connection to `loop` (the
    /// session's home), and calls `setUp` there with the new WebSocket before any frame
    /// is handled: every message of the session is then handled where the session lives.
    ///
    /// - Parameters:
    ///   - request: The upgrade request.
    ///   - response: Where the answer goes.
    ///   - loop: The session's loop.
    ///   - setUp: Installs the session's transport as the socket's handler.
    /// - Returns: `false` if the handshake was refused (the refusal has been answered).
    func acceptWebSocket(
        _ request: HTTPRequest,
        _ response: HTTPResponseWriter,
        on loop: EventLoop,
        setUp: @escaping @Sendable (WebSocket) -> Void
    ) -> Bool {
        webSocketHandshake.upgrade(
            request,
            response,
            on: loop,
            configuration: configuration.webSocket,
            setUp: setUp
        )
    }
}
