/// What happens to a WebSocket, told to the code that serves it.
///
/// A socket has one handler, its ``WebSocket/handler``, as a ``TCPConnection`` has one
/// ``TCPConnectionHandler``. Whoever sets it owns the socket's events: a chat room, the
/// async face (``AsyncWebSocket``), a protocol built on WebSocket (Engine.IO keeps a
/// session object as the handler). One owner, chosen once, means no layer can quietly
/// take events away from another by overwriting a callback it also uses.
///
/// Every method is called on the socket's loop, one at a time, so a handler keeps its
/// state in plain stored properties without locks. Every method has a default, so a
/// handler implements only what it cares about.
///
/// ```swift
/// final class Echo: WebSocketHandler {
///     func webSocket(_ webSocket: WebSocket, didReceive message: WebSocketMessage) {
///         webSocket.send(message)
///     }
/// }
/// router.webSocket("/echo") { webSocket, _ in webSocket.handler = Echo() }
/// ```
public protocol WebSocketHandler: AnyObject {
    /// A whole message arrived (its fragments put together, text checked as UTF-8).
    func webSocket(_ webSocket: WebSocket, didReceive message: WebSocketMessage)

    /// A pong arrived, with the payload of the ping it answers (or none, if unsolicited).
    func webSocket(_ webSocket: WebSocket, didReceivePong payload: [UInt8])

    /// ``WebSocket/isWritable`` changed: the queued output crossed the TCP connection's
    /// high- or low-water mark. A producer should pause while it is `false`.
    func webSocketWritabilityDidChange(_ webSocket: WebSocket)

    /// The connection is closed; called once, last.
    ///
    /// `code` and `reason` are what the peer sent in its close frame: 1005
    /// (``WebSocketCloseCode/noStatusReceived``) if the frame had no code, 1006
    /// (``WebSocketCloseCode/abnormalClosure``) if the connection dropped without one, and
    /// our own code if we failed the connection for a protocol error. Afterwards the
    /// socket lets go of its handler.
    func webSocketDidClose(_ webSocket: WebSocket, code: WebSocketCloseCode, reason: String)
}

extension WebSocketHandler {
    /// Drops the message.
    public func webSocket(_ webSocket: WebSocket, didReceive message: WebSocketMessage) {}

    /// Does nothing: pings are answered by the socket itself.
    public func webSocket(_ webSocket: WebSocket, didReceivePong payload: [UInt8]) {}

    /// Does nothing.
    public func webSocketWritabilityDidChange(_ webSocket: WebSocket) {}

    /// Does nothing.
    public func webSocketDidClose(
        _ webSocket: WebSocket,
        code: WebSocketCloseCode,
        reason: String
    ) {}
}

/// The handler of a socket nobody handles yet, and of every socket once it has closed:
/// it ignores everything, and holds nothing alive.
final class InertWebSocketHandler: WebSocketHandler, Sendable {
    static let shared = InertWebSocketHandler()
}
