import EngineIO
import EventLoop

/// One Engine.IO session, as Socket.IO sees it: the JavaScript server's `Client`.
///
/// It decodes the session's messages into packets, checks each (CONTRACT E.6.2), and
/// hands it to the socket of its namespace; a CONNECT makes that socket. Anything invalid
/// closes the whole session (and only it): a client that sent one unreadable packet may
/// have meant anything by the next.
///
/// ```
///   Engine.IO message ─▶ decoder ─▶ packet ─▶ valid? ─no─▶ close the session
///                                              │ yes
///                          CONNECT ◀───────────┴──────────▶ other: sockets[namespace]
///                  namespace, middlewares                      (none: close the session)
///                  → a new socket, CONNECT reply
/// ```
///
/// It lives on the session's loop, as the session's handler, and everything in it is
/// touched there only.
final class SocketIOClientConnection: EngineIOSocketHandler {
    let engine: EngineIOSocket
    let registry: NamespaceRegistry
    let parser: any SocketIOParser
    private var decoder: any SocketIOPacketDecoder
    /// The connected sockets, by namespace name.
    private var sockets: [String: SocketIOSocket] = [:]
    /// Namespaces whose CONNECT is being decided (middlewares, recovery).
    private var connecting: Set<String> = []
    private var connectTimer: ScheduledTimer?
    private var rateLimiter: EventRateLimiter
    /// Why we are closing the session, for the sockets; `nil` when the session ends by
    /// itself.
    private var closingReason: SocketIODisconnectReason?

    private var configuration: SocketIOServer.Configuration { registry.context.configuration }

    private init(engine: EngineIOSocket, registry: NamespaceRegistry) {
        let configuration = registry.context.configuration
        self.engine = engine
        self.registry = registry
        self.parser = configuration.parser
        self.decoder = configuration.parser.makeDecoder()
        self.rateLimiter = EventRateLimiter(
            rate: configuration.eventRateLimit.perSecond,
            burst: configuration.eventRateLimit.burst,
            now: engine.loop.now
        )
    }

    /// Serves a new Engine.IO session: it has `connectTimeout` to CONNECT somewhere.
    static func start(on engine: EngineIOSocket, registry: NamespaceRegistry) {
        let connection = SocketIOClientConnection(engine: engine, registry: registry)
        engine.handler = connection
        connection.connectTimer = engine.loop.schedule(
            after: registry.context.configuration.connectTimeout
        ) { [weak connection] in
            connection?.connectTimedOut()
        }
    }

    // MARK: EngineIOSocketHandler

    // snippet: connection-receive
    func socket(_ engine: EngineIOSocket, didReceive message: EngineIOMessage) {
        let packet: SocketIOPacket
        do {
            guard let decoded = try decoder.decode(message) else { return }
            try decoded.validate(receivedBy: .server)
            packet = decoded
        } catch {
            return fail(.parseError, "\(error)")
        }
        guard rateLimiter.allow(at: engine.loop.now) else {
            return fail(.rateLimitExceeded, "more than \(configuration.eventRateLimit) packets")
        }
        if packet.type == .connect {
            guard sockets[packet.namespace] == nil, !connecting.contains(packet.namespace) else {
                return fail(.parseError, "a second CONNECT to \(packet.namespace)")
            }
            return connect(to: packet.namespace, auth: packet.data?.objectValue ?? [:])
        }
        guard let socket = sockets[packet.namespace] else {
            // The Readme: a packet before CONNECT "MUST close the connection immediately".
            return fail(.parseError, "a packet for \(packet.namespace), which is not connected")
        }
        socket.receive(packet)
    }
    // end-snippet

    func socketDidClose(_ engine: EngineIOSocket, reason: EngineIOCloseReason) {
        let reason = closingReason ?? SocketIODisconnectReason(reason)
        connectTimer?.cancel()
        connecting.removeAll()
        for socket in Array(sockets.values) { socket.handleClose(reason) }
        sockets.removeAll()
    }

    // MARK: Sending

    /// Encodes and sends one packet.
    func send(_ packet: SocketIOPacket) {
        write(parser.encode(packet), volatile: false)
    }

    /// Sends encoded messages, unless the session is gone, or `volatile` and the
    /// connection cannot take them now.
    ///
    /// - Returns: Whether they were sent.
    @discardableResult
    func write(_ messages: [EngineIOMessage], volatile: Bool) -> Bool {
        guard engine.isOpen else { return false }
        if volatile && !engine.isWritable { return false }
        for message in messages { engine.send(message) }
        return true
    }

    // MARK: Closing

    /// A socket left its namespace.
    func remove(_ socket: SocketIOSocket) {
        if sockets[socket.namespace.name] === socket { sockets[socket.namespace.name] = nil }
    }

    /// Every socket sends its DISCONNECT and leaves; then the session closes.
    func disconnectAllAndClose() {
        for socket in Array(sockets.values) {
            send(SocketIOPacket(type: .disconnect, namespace: socket.namespace.name))
            socket.handleClose(.serverNamespaceDisconnect)
        }
        closingReason = .forcedServerClose
        engine.close()
    }

    /// Closes the session for what the client did; its sockets hear `reason`.
    private func fail(_ reason: SocketIODisconnectReason, _ detail: String) {
        registry.context.logger.info("\(engine): closing: \(reason): \(detail)")
        closingReason = reason
        engine.close()
    }

    private func connectTimedOut() {
        guard sockets.isEmpty, engine.isOpen else { return }
        registry.context.logger.info("\(engine): closing: no CONNECT within the connect timeout")
        closingReason = .forcedServerClose
        engine.close()
    }

    // MARK: Connecting

    // snippet: connection-connect
    /// A CONNECT: find the namespace, recover or make the socket, run the middlewares.
    private func connect(to name: String, auth: SocketIOObject) {
        guard let namespace = registry.resolve(name, auth: auth) else {
            let refusal = SocketIOConnectError("Invalid namespace")
            return send(SocketIOPacket(type: .connectError, namespace: name, data: refusal.payload))
        }
        connecting.insert(name)
        if configuration.connectionStateRecovery != nil,
            case .string(let pid)? = auth["pid"], case .string(let offset)? = auth["offset"]
        {
            let connection = LoopBound(self, on: engine.loop)
            namespace.adapter.restoreSession(pid: pid, offset: offset, on: engine.loop) { session in
                connection.value.makeSocket(in: namespace, auth: auth, session: session)
            }
        } else {
            makeSocket(in: namespace, auth: auth, session: nil)
        }
    }

    private func makeSocket(
        in namespace: SocketIONamespace,
        auth: SocketIOObject,
        session: SocketIOSession?
    ) {
        guard engine.isOpen, connecting.contains(namespace.name) else { return }
        let socket = SocketIOSocket(
            connection: self,
            namespace: namespace,
            auth: auth,
            session: session
        )
        if socket.recovered, configuration.connectionStateRecovery?.skipsMiddlewares == true {
            return finishConnecting(socket)
        }
        let steps: [MiddlewareChain<SocketIOConnectError>.Step] = namespace.middlewares.map {
            middleware in
            { next in middleware(socket, next) }
        }
        MiddlewareChain.run(steps, on: engine.loop) { [self] refusal in
            if let refusal {
                connecting.remove(namespace.name)
                guard engine.isOpen else { return }
                return send(
                    SocketIOPacket(
                        type: .connectError,
                        namespace: namespace.name,
                        data: refusal.payload
                    )
                )
            }
            finishConnecting(socket)
        }
    }

    /// The socket is in: the CONNECT reply goes out, then the `connection` handlers run.
    private func finishConnecting(_ socket: SocketIOSocket) {
        let name = socket.namespace.name
        guard engine.isOpen, connecting.remove(name) != nil else { return }
        sockets[name] = socket
        connectTimer?.cancel()
        connectTimer = nil
        socket.didConnect()
        for handler in socket.namespace.connectionHandlers where socket.isConnected {
            handler(socket)
        }
    }
    // end-snippet
}
