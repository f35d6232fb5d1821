import EventLoop
import HTTP
import WebSockets

extension EngineIOServer {
    // MARK: Handshakes

    // snippet: eio-handshake
    /// A request without `sid`: open a session on this connection's loop.
    ///
    /// A long-polling handshake is answered like a poll, so the open packet and anything
    /// the application sends in its connection callback leave in one response. A
    /// WebSocket handshake sends the open packet as the first message.
    func handshake(
        _ request: HTTPRequest,
        _ transport: EngineIOTransport,
        _ response: HTTPResponseWriter
    ) {
        guard request.method == .get else { return refuse(.badHandshakeMethod, response) }
        if transport == .websocket {
            guard request.head.wantsUpgrade else {
                return refuse(.badRequest("a WebSocket handshake without Upgrade"), response)
            }
            // Check the WebSocket handshake before a session exists for it.
            do {
                _ = try context.webSocketHandshake.accept(request.head)
            } catch {
                return response.respond(error.response)
            }
        }
        if let allowRequest = configuration.allowRequest,
            case .refuse(let reason) = allowRequest(request)
        {
            return refuse(.forbidden(reason), response)
        }
        let loop = response.loop  // the session's home: where its first request arrived
        let session = EngineIOSocket(
            id: SessionID.make(),
            request: request.head,
            remoteAddress: request.remoteAddress,
            loop: loop,
            context: context
        )
        let bound = LoopBound(session, on: loop)
        guard context.register(bound, id: session.id) else {
            context.logger.warning("refusing a session: \(configuration.maximumSessions) open")
            return response.respond(.error(.serviceUnavailable, message: "too many sessions"))
        }
        switch transport {
        case .polling:
            let canUpgrade =
                configuration.allowsUpgrades && configuration.transports.contains(.websocket)
            session.open(upgrades: canUpgrade ? ["websocket"] : [])
            session.poll(response)
        case .websocket:
            let webSocket = WebSocketTransport(session: session)
            session.state = .webSocket(webSocket)
            session.open(upgrades: [])
            let transport = LoopBound(webSocket, on: loop)
            _ = context.acceptWebSocket(request, response, on: loop) { transport.value.attach($0) }
        }
    }
    // end-snippet

    // MARK: Requests of an open session

    /// A request with `sid`: hand it to the session, on the session's loop.
    func forward(
        _ request: HTTPRequest,
        _ transport: EngineIOTransport,
        to session: LoopBound<EngineIOSocket>,
        _ response: HTTPResponseWriter
    ) {
        switch (transport, request.method) {
        case (.polling, .get):
            onLoop(of: session) { $0.poll(response) }
        case (.polling, .post):
            post(request, to: session, response)
        case (.polling, _):
            refuse(.badRequest("\(request.method) is not a polling method"), response)
        case (.websocket, _):
            guard request.head.wantsUpgrade else {
                return refuse(.badRequest("transport=websocket without Upgrade"), response)
            }
            onLoop(of: session) { $0.beginUpgrade(request, response) }
        }
    }

    // snippet: eio-post
    /// A `POST`: refused at once if it announces more than `maxPayload`; otherwise its
    /// body is read on its connection's loop and the packets delivered on the session's.
    private func post(
        _ request: HTTPRequest,
        to session: LoopBound<EngineIOSocket>,
        _ response: HTTPResponseWriter
    ) {
        let limit = configuration.maximumPayload
        if case .fixed(let length) = request.head.bodyLength, length > limit {
            // Answer before reading a byte of it, and end the connection: reading a body
            // we will not use only costs us.
            response.respond(
                status: .contentTooLarge,
                headers: ["Connection": "close", "Content-Type": "text/plain; charset=UTF-8"],
                body: Array("payload larger than \(limit) bytes".utf8)
            )
            return onLoop(of: session) { $0.close(reason: .transportError("payload too large")) }
        }
        onLoop(of: session) { [self] in
            if let refusal = $0.beginPost() { return refuse(refusal, response) }
            request.body.collect(upTo: limit) { body in
                self.onLoop(of: session) { $0.finishPost(body, response) }
            }
        }
    }
    // end-snippet

    /// Runs `body` with the session on its loop: at once if this is that loop.
    private func onLoop(
        of session: LoopBound<EngineIOSocket>,
        _ body: @escaping @Sendable (EngineIOSocket) -> Void
    ) {
        if session.loop.inEventLoop {
            body(session.value)
        } else {
            session.loop.execute { body(session.value) }
        }
    }
}
