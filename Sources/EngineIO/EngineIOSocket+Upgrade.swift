import EventLoop
import HTTP
import WebSockets

// snippet: upgrade-dance
// The upgrade, from the server's side. Long-polling works everywhere, so a session starts
// with it; a WebSocket is faster, so the client tries one beside it and moves over only
// once it has proved to work. No packet may be lost or duplicated on the way.
//
//   client                                   server (session on its home loop)
//     │  GET ?sid=…&transport=websocket  ──▶   101; the connection moves home
//     │  WS: 2probe                      ──▶   WS: 3probe            "it works"
//     │                                        held GET ◀── 6 (noop)  "stop polling"
//     │  WS: 5 (upgrade)                 ──▶   switch: the outbox now goes over WS
//     │  WS: 4hello                      ◀─▶   WS: 4hello
//     │  GET ?sid=…&transport=polling    ──▶   400: the session has moved
//
// Until the 5 arrives, packets the server sends still go by long-polling; after it,
// by WebSocket; the GET the noop ends carries everything queued before it.
// end-snippet

extension EngineIOSocket {
    /// A WebSocket with this session's id asks to take over: accept it while the session
    /// polls, refuse it otherwise (a second WebSocket, or a session already upgraded).
    ///
    /// - Parameters:
    ///   - request: The upgrade request.
    ///   - response: Where the `101` goes.
    func beginUpgrade(_ request: HTTPRequest, _ response: HTTPResponseWriter) {
        guard case .polling = state else {
            return response.respond(
                EngineIORequestError.badRequest("the session is upgrading or upgraded").response
            )
        }
        guard context.configuration.allowsUpgrades else {
            return response.respond(
                EngineIORequestError.badRequest("upgrades are not allowed").response
            )
        }
        let transport = WebSocketTransport(session: self)
        transport.dance = context.parts.makeUpgradeDance()
        state = .upgrading(transport)
        transport.upgradeTimer = loop.schedule(after: context.configuration.upgradeTimeout) {
            [weak self, weak transport] in
            guard let self, let transport else { return }
            self.abandonUpgrade(transport)
        }
        let bound = LoopBound(transport, on: loop)
        let accepted = context.acceptWebSocket(request, response, on: loop) { webSocket in
            bound.value.attach(webSocket)
        }
        if !accepted { abandonUpgrade(transport) }
    }

    /// A packet arrived on one of the session's WebSockets.
    func webSocket(_ transport: WebSocketTransport, received packet: EngineIOPacket) {
        switch state {
        case .webSocket(let current) where current === transport:
            receive(packet)
        case .upgrading(let probe) where probe === transport:
            upgradeStep(packet, on: transport)
        default:
            transport.close()  // a socket the session no longer uses
        }
    }

    // snippet: upgrade-step
    /// One step of the upgrade dance, on the probing WebSocket.
    private func upgradeStep(_ packet: EngineIOPacket, on transport: WebSocketTransport) {
        switch transport.dance?.received(packet) {
        case .answerProbe:
            transport.send(.pong("probe"))
            // Tell a waiting poll to stop: what is queued, then a noop.
            if let held = exchange.heldPoll {
                exchange.heldPoll = nil
                respond(to: held.writer, with: takeOutbox() + [.noop])
            }
        case .switchTransport:
            transport.upgradeTimer?.cancel()
            answerHeldPoll(with: [.noop])
            state = .webSocket(transport)
            for queued in takeOutbox() { transport.send(queued) }
            handler.socketDidUpgrade(self)
        case .abandon, nil:
            abandonUpgrade(transport)
        }
    }
    // end-snippet

    /// A WebSocket sent something that is not a packet.
    func webSocket(_ transport: WebSocketTransport, failed error: EngineIOProtocolError) {
        switch state {
        case .webSocket(let current) where current === transport:
            close(reason: .transportError("parse error: \(error)"))
        case .upgrading(let probe) where probe === transport:
            abandonUpgrade(transport)
        default:
            transport.close()
        }
    }

    /// One of the session's WebSockets closed.
    func webSocketClosed(_ transport: WebSocketTransport) {
        switch state {
        case .webSocket(let current) where current === transport:
            close(reason: .transportClose)
        case .upgrading(let probe) where probe === transport:
            state = .polling  // the session goes on polling
        default:
            break
        }
    }

    /// Gives up on an upgrade: close the WebSocket, keep polling.
    private func abandonUpgrade(_ transport: WebSocketTransport) {
        guard case .upgrading(let probe) = state, probe === transport else { return }
        state = .polling
        transport.close()
    }
}
