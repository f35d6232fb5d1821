import EventLoop
import WebSockets

/// A client's WebSocket: the transport of a WebSocket-only session, or the one a polling
/// session probes and then moves to.
final class ClientWebSocket: WebSocketHandler {
    private weak var client: EngineIOClient?
    private let codec: any EngineIOPacketCoding
    private var webSocket: WebSocket?
    /// Packets sent before the socket opened.
    private var waiting: [EngineIOPacket] = []
    private var isClosed = false

    private init(client: EngineIOClient) {
        self.client = client
        self.codec = client.options.parts.packetCodec
    }

    /// Opens a WebSocket: for a new session when `sid` is `nil`, else to probe an upgrade
    /// of the polling session `sid`.
    static func open(for client: EngineIOClient, sid: String?) {
        let socket = ClientWebSocket(client: client)
        if case .polling(let polling, _) = client.phase {
            client.phase = .polling(polling, probe: socket)
        }
        var options = WebSocketClientOptions()
        options.headers = client.options.extraHeaders
        options.tcp = client.options.tcp
        options.connectTimeout = client.options.connectTimeout
        if let maxPayload = client.handshake?.maxPayload {
            options.configuration.maximumMessageSize = max(maxPayload, 1 << 20)
            options.configuration.maximumFrameSize = options.configuration.maximumMessageSize
        }
        let url = "ws://\(client.server.hostField)\(client.target(transport: .websocket, sid: sid))"
        let bound = LoopBound(socket, on: client.loop)
        WebSocket.connect(to: url, on: client.loop, options: options) { result in
            bound.value.connected(result)
        }
    }

    private func connected(_ result: Result<WebSocket, any Error>) {
        guard let client, !isClosed else {
            if case .success(let webSocket) = result { webSocket.close(code: .goingAway) }
            return
        }
        switch result {
        case .failure(let error):
            client.webSocketFailed(self, "\(error)")
        case .success(let webSocket):
            self.webSocket = webSocket
            webSocket.handler = self
            if case .polling = client.phase { send(.ping("probe")) }
            for packet in waiting { send(packet) }
            waiting.removeAll()
        }
    }

    /// Sends one packet as one message.
    func send(_ packet: EngineIOPacket) {
        guard let webSocket else { return waiting.append(packet) }
        webSocket.send(codec.webSocketMessage(for: packet))
    }

    /// Closes the WebSocket.
    func close() {
        isClosed = true
        webSocket?.close()
    }

    // MARK: WebSocketHandler

    func webSocket(_ webSocket: WebSocket, didReceive message: WebSocketMessage) {
        guard let client else { return }
        do {
            client.webSocket(self, received: try codec.packet(from: message))
        } catch {
            client.webSocketFailed(self, "\(error)")
        }
    }

    func webSocketDidClose(_ webSocket: WebSocket, code: WebSocketCloseCode, reason: String) {
        self.webSocket = nil
        guard !isClosed else { return }
        isClosed = true
        client?.webSocketFailed(self, "closed (\(code.rawValue))")
    }
}

extension EngineIOClient {
    /// A packet on one of the client's WebSockets.
    func webSocket(_ socket: ClientWebSocket, received packet: EngineIOPacket) {
        switch phase {
        case .opening:
            guard case .open(let handshake) = packet else {
                return finish(.transportError("the first packet was not open"))
            }
            opened(handshake, phase: .webSocket(socket))
        case .webSocket(let current) where current === socket:
            receive(packet)
        case .polling(let polling, let probe) where probe === socket:
            guard packet == .pong("probe") else { return abandonProbe(polling, socket) }
            // The WebSocket works. Let the polling requests in flight finish (the server
            // answers the waiting GET with a noop), then switch.
            polling.pause { [weak self] in self?.completeUpgrade(to: socket) }
        default:
            break
        }
    }

    private func completeUpgrade(to socket: ClientWebSocket) {
        guard case .polling(let polling, let probe) = phase, probe === socket else { return }
        socket.send(.upgrade)
        polling.shutdown()
        phase = .webSocket(socket)
        flush()
        handler.clientDidUpgrade(self)
    }

    /// A WebSocket failed or closed.
    func webSocketFailed(_ socket: ClientWebSocket, _ why: String) {
        switch phase {
        case .opening:
            finish(.transportError("WebSocket: \(why)"))
        case .webSocket(let current) where current === socket:
            finish(.transportClose)
        case .polling(let polling, let probe) where probe === socket:
            abandonProbe(polling, socket)
        default:
            break
        }
    }

    /// The upgrade did not work out: keep polling.
    private func abandonProbe(_ polling: PollingClient, _ socket: ClientWebSocket) {
        socket.close()
        phase = .polling(polling, probe: nil)
        polling.resume()
    }
}
