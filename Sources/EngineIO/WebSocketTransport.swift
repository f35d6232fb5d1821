import EventLoop
import WebSockets

/// A session's WebSocket: one Engine.IO packet per WebSocket message.
///
/// It lives on the session's loop (the connection is moved there when the upgrade is
/// answered), so a message reaches the session by a plain method call. It knows its
/// session weakly: the session owns the transport, not the other way round.
final class WebSocketTransport: WebSocketHandler {
    private weak var session: EngineIOSocket?
    private let codec: any EngineIOPacketCoding
    /// The socket, once the `101` has been sent and the connection has arrived here.
    private(set) var webSocket: WebSocket?
    /// Where the upgrade stands, while this socket is a probe.
    var dance: (any EngineIOUpgradeDance)?
    /// Ends an upgrade that takes too long.
    var upgradeTimer: ScheduledTimer?
    /// Packets sent before the socket arrived (the open packet of a WebSocket session).
    private var waiting: [EngineIOPacket] = []
    private var closesWhenAttached = false

    init(session: EngineIOSocket) {
        self.session = session
        self.codec = session.context.parts.packetCodec
    }

    /// The WebSocket is open on the session's loop: send what waited, listen.
    func attach(_ webSocket: WebSocket) {
        self.webSocket = webSocket
        webSocket.handler = self
        for packet in waiting { webSocket.send(codec.webSocketMessage(for: packet)) }
        waiting.removeAll()
        if closesWhenAttached { webSocket.close() }
    }

    /// Sends one packet as one message.
    func send(_ packet: EngineIOPacket) {
        guard let webSocket else { return waiting.append(packet) }
        webSocket.send(codec.webSocketMessage(for: packet))
    }

    /// Closes the WebSocket, after what is queued: with 1001 (going away) when the server
    /// shuts down, as RFC 6455 §7.4.1 says, with 1000 for every other end of a session.
    func close(goingAway: Bool = false) {
        upgradeTimer?.cancel()
        guard let webSocket else {
            closesWhenAttached = true
            return
        }
        webSocket.close(code: goingAway ? .goingAway : .normalClosure)
    }

    // MARK: WebSocketHandler

    func webSocket(_ webSocket: WebSocket, didReceive message: WebSocketMessage) {
        guard let session else { return webSocket.close() }
        do {
            session.webSocket(self, received: try codec.packet(from: message))
        } catch {
            session.webSocket(self, failed: error)
        }
    }

    func webSocketDidClose(_ webSocket: WebSocket, code: WebSocketCloseCode, reason: String) {
        upgradeTimer?.cancel()
        self.webSocket = nil
        session?.webSocketClosed(self)
    }
}
