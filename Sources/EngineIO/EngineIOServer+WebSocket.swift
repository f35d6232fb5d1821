import EventLoop
import HTTP
import WebSockets

extension EngineIOServerContext {
    /// The WebSocket handshake rules: any origin, no subprotocol (Engine.IO has none).
    var webSocketHandshake: WebSocketServerHandshake { WebSocketServerHandshake() }

    /// Answers a WebSocket upgrade with `101`, moves the connection to `loop`, and calls
    /// `setUp` there with the new WebSocket before any frame is handled.
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
        let acceptance: WebSocketServerHandshake.Acceptance
        do {
            acceptance = try webSocketHandshake.accept(request.head)
        } catch {
            response.respond(error.response)
            return false
        }
        let configuration = configuration.webSocket
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
}
