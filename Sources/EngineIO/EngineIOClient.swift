import EventLoop
import HTTP
import Sockets

/// An Engine.IO v4 client: opens a session (long-polling first, then a WebSocket, as the
/// JavaScript client does), answers the server's pings, and says why it closed.
///
/// Like a ``WebSocket``, a client lives on one event loop and is used on its thread; its
/// handler is called there. The easiest way in is ``connect(to:on:options:setUp:)``:
///
/// ```swift
/// let client = try await EngineIOClient.connect(to: "http://127.0.0.1:3000", on: loop) {
///     $0.handler = printer  // an EngineIOClientHandler
/// }
/// loop.execute { client.value.send(text: "hello") }
/// ```
///
/// Once opened, a client stays alive until its session ends, whoever else holds it.
/// It does not reconnect by itself: when the session ends, the handler hears why
/// (``EngineIOClientHandler/clientDidClose(_:reason:)``), and a layer above (Socket.IO's
/// `Manager`) decides whether to open a new one.
public final class EngineIOClient: CustomStringConvertible {
    enum Phase {
        /// Made, not yet told to open.
        case idle
        /// The handshake is under way, by the first transport.
        case opening
        /// Long-polling; `probe` is a WebSocket being tried for the upgrade.
        case polling(PollingClient, probe: ClientWebSocket?)
        /// On a WebSocket.
        case webSocket(ClientWebSocket)
        /// Over.
        case closed
    }

    /// The loop the client lives on.
    public let loop: EventLoop
    /// The server, as `http://host:port`.
    public let server: HTTPURL
    /// How it connects.
    public let options: Options
    /// Who hears what happens.
    public var handler: any EngineIOClientHandler = InertClientHandler.shared
    /// The server's open packet, once the session is open.
    public private(set) var handshake: EngineIOHandshake?

    let address: SocketAddress
    var phase = Phase.idle
    /// `close()` was called and the close packet waits in the outbox (long-polling).
    private(set) var isClosing = false
    /// The client itself, from ``open()`` until it closes: an open session keeps its
    /// client alive, as an open connection keeps its socket, even if the caller lets go.
    private var selfWhileOpen: EngineIOClient?
    /// Packets waiting for a `POST` (long-polling) or for the transport to open.
    var outbox: [EngineIOPacket] = []
    private var pingDeadline: LoopInstant?
    private var heartbeatTimer: ScheduledTimer?
    private var connectTimer: ScheduledTimer?

    /// A client for the server at `url`; call ``open()`` on the loop to connect.
    ///
    /// - Parameters:
    ///   - url: `http://host:port` (a path in the URL is ignored: see
    ///     ``Options/path``).
    ///   - loop: The loop to live on; the caller must be on its thread.
    ///   - options: Transports, path, query, headers.
    /// - Throws: ``HTTPClientError/invalidURL(_:)``, or a lookup error for the host.
    public init(url: String, on loop: EventLoop, options: Options = Options()) throws {
        loop.preconditionInEventLoop()
        precondition(!options.transports.isEmpty, "a client needs at least one transport")
        self.loop = loop
        self.server = try HTTPURL(url)
        self.options = options
        self.address = try SocketAddress.lookup(host: server.host, port: server.port)
    }

    /// `Engine.IO client of 127.0.0.1:3000 (polling)`.
    public var description: String {
        "Engine.IO client of \(server.hostField) (\(transport?.rawValue ?? "not open"))"
    }

    /// The transport in use, once open.
    public var transport: EngineIOTransport? {
        switch phase {
        case .polling: .polling
        case .webSocket: .websocket
        case .idle, .opening, .closed: nil
        }
    }

    /// Whether the session is open.
    public var isOpen: Bool { transport != nil }

    // MARK: Opening

    /// Starts the handshake by the first of ``Options/transports``.
    public func open() {
        loop.preconditionInEventLoop()
        guard case .idle = phase else { return }
        phase = .opening
        selfWhileOpen = self
        connectTimer = loop.schedule(after: options.connectTimeout) { [weak self] in
            guard let self, case .opening = self.phase else { return }
            self.finish(.transportError("no handshake within \(self.options.connectTimeout)"))
        }
        switch options.transports[0] {
        case .polling: PollingClient.handshake(for: self)
        case .websocket: ClientWebSocket.open(for: self, sid: nil)
        }
    }

    /// The open packet arrived by `transport`: the session is open.
    func opened(_ handshake: EngineIOHandshake, phase: Phase) {
        guard case .opening = self.phase else { return }
        connectTimer?.cancel()
        self.handshake = handshake
        self.phase = phase
        pingReceived()  // the first ping is due one interval from now
        handler.clientDidOpen(self, handshake: handshake)
        flush()
        if case .polling = phase, options.upgrade, options.transports.contains(.websocket),
            handshake.upgrades.contains("websocket")
        {
            ClientWebSocket.open(for: self, sid: handshake.sid)
        }
    }

    // MARK: Sending

    /// Sends a message; before the session opens, it waits.
    ///
    /// - Parameter message: Text or binary.
    public func send(_ message: EngineIOMessage) {
        loop.preconditionInEventLoop()
        send(.message(message))
    }

    /// Sends a text message.
    ///
    /// - Parameter text: The text.
    public func send(text: String) { send(.text(text)) }

    /// Sends a binary message.
    ///
    /// - Parameter bytes: The bytes.
    public func send(binary bytes: [UInt8]) { send(.binary(bytes)) }

    func send(_ packet: EngineIOPacket) {
        if isClosing { return }  // after close(), nothing more
        switch phase {
        case .closed: return
        case .webSocket(let socket): socket.send(packet)
        case .idle, .opening, .polling:
            outbox.append(packet)
            flush()
        }
    }

    /// Sends what waits, by the transport in use.
    func flush() {
        switch phase {
        case .polling(let polling, _): polling.postIfIdle()
        case .webSocket(let socket):
            for packet in outbox { socket.send(packet) }
            outbox.removeAll()
        case .idle, .opening, .closed: break
        }
    }

    // MARK: Receiving

    /// A packet arrived from the server by the transport in use.
    func receive(_ packet: EngineIOPacket) {
        switch packet {
        case .ping(let data):
            pingReceived()
            send(.pong(data))
        case .message(let message):
            handler.client(self, didReceive: message)
        case .close:
            finish(.transportClose)
        case .open, .pong, .upgrade, .noop:
            break  // a noop ends a poll during an upgrade; nothing else to do
        }
    }

    // MARK: Heartbeat

    /// The server pinged (or the session opened): it is alive.
    ///
    /// If no ping comes within interval plus timeout, it is not.
    private func pingReceived() {
        guard let handshake else { return }
        pingDeadline = loop.now + handshake.pingInterval + handshake.pingTimeout
        if heartbeatTimer == nil { armHeartbeat() }
    }

    private func armHeartbeat() {
        guard let pingDeadline else { return }
        heartbeatTimer = loop.schedule(after: pingDeadline - loop.now) { [weak self] in
            guard let self, let deadline = self.pingDeadline, self.isOpen else { return }
            if self.loop.now >= deadline { return self.finish(.pingTimeout) }
            self.armHeartbeat()
        }
    }

    // MARK: Closing

    /// Ends the session: the server gets a close packet, the handler hears
    /// ``EngineIOCloseReason/forcedClose``.
    ///
    /// As the JavaScript client does, what was sent before leaves first: over a WebSocket
    /// the close packet simply follows it; over long-polling it goes at the end of the
    /// outbox, and the session ends once the `POST` carrying it has been answered (or a
    /// ping timeout later, if it never is). Messages sent after `close()` are dropped.
    public func close() {
        loop.preconditionInEventLoop()
        guard !isClosing else { return }
        switch phase {
        case .polling:
            isClosing = true
            outbox.append(.close)
            flush()
            let grace = handshake?.pingTimeout ?? .seconds(1)
            loop.schedule(after: grace) { [weak self] in self?.finish(.forcedClose) }
        case .webSocket(let socket):
            socket.send(.close)
            finish(.forcedClose)
        case .idle, .opening, .closed:
            finish(.forcedClose)
        }
    }

    /// The close packet has left over long-polling: the session is over.
    func closePacketSent() {
        finish(.forcedClose)
    }

    /// The session is over for `reason`: release everything, tell the handler once.
    func finish(_ reason: EngineIOCloseReason) {
        switch phase {
        case .closed: return
        case .polling(let polling, let probe):
            polling.shutdown()
            probe?.close()
        case .webSocket(let socket): socket.close()
        case .idle, .opening: break
        }
        phase = .closed
        selfWhileOpen = nil
        outbox.removeAll()
        connectTimer?.cancel()
        heartbeatTimer?.cancel()
        let handler = self.handler
        self.handler = InertClientHandler.shared
        handler.clientDidClose(self, reason: reason)
    }

    // MARK: URLs

    /// The request-target of the Engine.IO path, with the protocol's query and ours.
    func target(transport: EngineIOTransport, sid: String?) -> String {
        var items = [("EIO", "4"), ("transport", transport.rawValue)]
        if let sid { items.append(("sid", sid)) }
        items += options.query.map { ($0.name, $0.value) }
        let query = items.map { "\(PercentEncoding.encode($0))=\(PercentEncoding.encode($1))" }
        return options.path + "?" + query.joined(separator: "&")
    }
}

extension EngineIOClient {
    /// Opens a session with the server at `url` and waits until it is open.
    ///
    /// - Parameters:
    ///   - url: `http://host:port`.
    ///   - loop: The loop the client will live on.
    ///   - options: Transports, path, query, headers.
    ///   - setUp: Called on the loop with the new client before it connects: set its
    ///     handler here, and it misses nothing.
    /// - Returns: The open client, bound to its loop.
    /// - Throws: ``EngineIOCloseReason`` if the session did not open.
    public static func connect(
        to url: String,
        on loop: EventLoop,
        options: Options = Options(),
        setUp: @escaping @Sendable (EngineIOClient) -> Void = { _ in }
    ) async throws -> LoopBound<EngineIOClient> {
        try await withCheckedThrowingContinuation { continuation in
            loop.execute {
                let client: EngineIOClient
                do {
                    client = try EngineIOClient(url: url, on: loop, options: options)
                } catch {
                    return continuation.resume(throwing: error)
                }
                setUp(client)
                let waiter = OpenWaiter(next: client.handler, continuation: continuation)
                client.handler = waiter
                waiter.bound = LoopBound(client, on: loop)
                client.open()
            }
        }
    }
}

/// Stands in front of the caller's handler until the session opens, to resume the
/// `connect` caller; then steps aside.
private final class OpenWaiter: EngineIOClientHandler {
    let next: any EngineIOClientHandler
    var continuation: CheckedContinuation<LoopBound<EngineIOClient>, any Error>?
    var bound: LoopBound<EngineIOClient>?

    init(
        next: any EngineIOClientHandler,
        continuation: CheckedContinuation<LoopBound<EngineIOClient>, any Error>
    ) {
        self.next = next
        self.continuation = continuation
    }

    func clientDidOpen(_ client: EngineIOClient, handshake: EngineIOHandshake) {
        client.handler = next
        next.clientDidOpen(client, handshake: handshake)
        if let bound { continuation?.resume(returning: bound) }
        continuation = nil
    }

    func clientDidClose(_ client: EngineIOClient, reason: EngineIOCloseReason) {
        next.clientDidClose(client, reason: reason)
        continuation?.resume(throwing: reason)
        continuation = nil
    }
}
