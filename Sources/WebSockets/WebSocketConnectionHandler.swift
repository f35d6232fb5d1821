import EventLoop

/// The handler that runs a connection once it speaks WebSocket: bytes in, frames, events.
///
/// It owns the parser and the assembler, answers pings, runs the close handshake, fails
/// the connection with the right close code on a protocol error, and turns the TCP
/// connection's writability into the WebSocket's. What the application should hear goes
/// to the socket's ``WebSocket/handler``.
public final class WebSocketConnectionHandler: TCPConnectionHandler {
    /// The WebSocket this handler serves.
    public let webSocket: WebSocket
    private var parser: WebSocketFrameParser
    private var assembler: WebSocketMessageAssembler
    private var receivedClose: (code: WebSocketCloseCode, reason: String)?
    private var pingTimer: ScheduledTimer?
    private var lastReceived: LoopInstant
    private var awaitingPong = false
    /// Called once the handler has the connection, before any frame: how a client's
    /// `connect` hands over the open socket.
    var onOpen: ((WebSocket) -> Void)?

    /// Takes over `connection`, which has just completed the opening handshake.
    ///
    /// Make it the connection's handler, then call ``connectionDidOpen(_:)`` and pass it
    /// any bytes read after the handshake (a peer may send its first frame right behind
    /// the handshake, in the same packet). ``TCPConnection/move(to:alreadyReceived:makeHandler:)``
    /// does all three; the HTTP server's upgrade and the HTTP client's both use it.
    ///
    /// - Parameters:
    ///   - connection: The connection, on its loop.
    ///   - role: Whether we are the server or the client.
    ///   - subprotocol: The subprotocol agreed in the handshake.
    ///   - configuration: The limits.
    public init(
        connection: TCPConnection,
        role: WebSocket.Role,
        subprotocol: String? = nil,
        configuration: WebSocketConfiguration = WebSocketConfiguration()
    ) {
        webSocket = WebSocket(
            connection: connection,
            role: role,
            subprotocol: subprotocol,
            configuration: configuration
        )
        parser = WebSocketFrameParser(
            sender: role == .server ? .client : .server,
            maximumFrameSize: configuration.maximumFrameSize
        )
        assembler = WebSocketMessageAssembler(maximumMessageSize: configuration.maximumMessageSize)
        lastReceived = connection.loop.now
    }

    /// The connection speaks WebSocket now: start the keep-alive timer, if configured.
    public func connectionDidOpen(_ connection: TCPConnection) {
        lastReceived = connection.loop.now
        if let interval = webSocket.configuration.pingInterval { schedulePing(after: interval) }
        let onOpen = self.onOpen
        self.onOpen = nil
        onOpen?(webSocket)
    }

    // snippet: websocket-receive
    /// Bytes arrived: parse every complete frame and act on it.
    public func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        lastReceived = connection.loop.now
        awaitingPong = false
        parser.append(bytes)
        do {
            while connection.isOpen, let frame = try parser.nextFrame() {
                try handle(frame)
            }
        } catch {
            fail(error)
        }
    }

    private func handle(_ frame: WebSocketFrame) throws(WebSocketProtocolError) {
        // After our close frame, data is discarded but control frames still count.
        if !webSocket.closeHandshake.canSendData && !frame.opcode.isControl { return }
        switch try assembler.consume(frame) {
        case .partial:
            break
        case .message(let message):
            if webSocket.closeHandshake.canSendData {
                webSocket.handler.webSocket(webSocket, didReceive: message)
            }
        case .ping(let payload):
            webSocket.send(WebSocketFrame(opcode: .pong, payload: payload))
        case .pong(let payload):
            webSocket.handler.webSocket(webSocket, didReceivePong: payload)
        case .close(let code, let reason):
            receivedClose = (code ?? .noStatusReceived, reason)
            webSocket.perform(webSocket.closeHandshake.closeReceived(code: code))
        }
    }

    /// Fails the connection (RFC 6455 §7.1.7): send a close frame with the error's code,
    /// then close the TCP connection without waiting for an answer.
    private func fail(_ error: WebSocketProtocolError) {
        let connection = webSocket.connection
        if webSocket.closeHandshake.canSendData {
            webSocket.send(WebSocketFrame.close(code: error.closeCode, reason: error.description))
        }
        _ = webSocket.closeHandshake.close(code: error.closeCode, reason: "")
        receivedClose = receivedClose ?? (error.closeCode, error.description)
        connection.closeAfterFlushing()
    }
    // end-snippet

    /// The peer closed TCP; if the handshake had not finished, this was abnormal (1006).
    public func connectionDidReachEndOfInput(_ connection: TCPConnection) {
        connection.closeAfterFlushing()
    }

    /// The TCP connection is writable again, or no longer.
    public func connectionWritabilityDidChange(_ connection: TCPConnection) {
        webSocket.handler.webSocketWritabilityDidChange(webSocket)
    }

    /// The server is shutting down: close with 1001, going away.
    public func connectionShouldShutDown(_ connection: TCPConnection) {
        webSocket.close(code: .goingAway, reason: "server shutting down")
    }

    /// The TCP connection is gone: report how the WebSocket ended, once.
    public func connectionDidClose(_ connection: TCPConnection, error: (any Error)?) {
        pingTimer?.cancel()
        let (code, reason) = receivedClose ?? (.abnormalClosure, error.map { "\($0)" } ?? "")
        webSocket.reportClose(code: code, reason: reason)
    }

    // MARK: Keep-alive

    private func schedulePing(after delay: Duration) {
        pingTimer = webSocket.loop.schedule(after: delay) { [weak self] in self?.pingTimerFired() }
    }

    /// Ping when the connection has been quiet for the interval; give up when a ping went
    /// unanswered for the timeout.
    private func pingTimerFired() {
        guard let interval = webSocket.configuration.pingInterval, webSocket.isOpen else { return }
        let quiet = webSocket.loop.now - lastReceived
        if awaitingPong && quiet >= interval + webSocket.configuration.pingTimeout {
            webSocket.connection.close(error: WebSocketError.pingTimedOut)
            return
        }
        if quiet >= interval && !awaitingPong {
            awaitingPong = true
            webSocket.ping()
        }
        schedulePing(after: awaitingPong ? webSocket.configuration.pingTimeout : interval - quiet)
    }
}
