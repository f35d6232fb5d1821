extension WebSocket {
    /// Called with each complete message.
    ///
    /// The closure properties are a ready-made ``WebSocketHandler``: setting one makes
    /// them the socket's ``handler``, in place of any handler set before, and setting
    /// ``handler`` drops them all. Clearing one (`nil`) while they are not the handler does
    /// nothing.
    public var onMessage: ((WebSocket, WebSocketMessage) -> Void)? {
        get { callbacks?.onMessage }
        set { callbacks(installing: newValue != nil)?.onMessage = newValue }
    }

    /// Called once, when the connection is closed, with the code and reason the peer sent
    /// (1005 if it sent none, 1006 if the connection dropped without a close frame).
    ///
    /// One of the closure properties that together are the socket's handler (see
    /// ``onMessage``).
    public var onClose: ((WebSocket, WebSocketCloseCode, String) -> Void)? {
        get { callbacks?.onClose }
        set { callbacks(installing: newValue != nil)?.onClose = newValue }
    }

    /// Called when ``isWritable`` changes.
    ///
    /// One of the closure properties that together are the socket's handler (see
    /// ``onMessage``).
    public var onWritabilityChange: ((WebSocket) -> Void)? {
        get { callbacks?.onWritabilityChange }
        set { callbacks(installing: newValue != nil)?.onWritabilityChange = newValue }
    }

    /// Called with each pong's payload.
    ///
    /// One of the closure properties that together are the socket's handler (see
    /// ``onMessage``).
    public var onPong: ((WebSocket, [UInt8]) -> Void)? {
        get { callbacks?.onPong }
        set { callbacks(installing: newValue != nil)?.onPong = newValue }
    }

    /// The closures, if they are the handler now.
    private var callbacks: WebSocketCallbacks? { handler as? WebSocketCallbacks }

    /// The closures, made the handler first if `installing` and they are not yet.
    private func callbacks(installing: Bool) -> WebSocketCallbacks? {
        if let callbacks { return callbacks }
        guard installing else { return nil }
        let callbacks = WebSocketCallbacks()
        handler = callbacks
        // A closed socket refuses new handlers: then there is nothing to set.
        return handler === callbacks ? callbacks : nil
    }
}

/// The closure properties of a ``WebSocket``, gathered into the one handler it has.
final class WebSocketCallbacks: WebSocketHandler {
    var onMessage: ((WebSocket, WebSocketMessage) -> Void)?
    var onClose: ((WebSocket, WebSocketCloseCode, String) -> Void)?
    var onWritabilityChange: ((WebSocket) -> Void)?
    var onPong: ((WebSocket, [UInt8]) -> Void)?

    func webSocket(_ webSocket: WebSocket, didReceive message: WebSocketMessage) {
        onMessage?(webSocket, message)
    }

    func webSocket(_ webSocket: WebSocket, didReceivePong payload: [UInt8]) {
        onPong?(webSocket, payload)
    }

    func webSocketWritabilityDidChange(_ webSocket: WebSocket) {
        onWritabilityChange?(webSocket)
    }

    func webSocketDidClose(_ webSocket: WebSocket, code: WebSocketCloseCode, reason: String) {
        onClose?(webSocket, code, reason)
    }
}
