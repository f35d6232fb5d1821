import EventLoop
import HTTP
import Sockets
import WebSockets

/// One Engine.IO session, as the server sees it: send messages, hear messages, close.
///
/// A session outlives its connections. A long-polling client opens a new HTTP request
/// for every batch it sends or waits for, and may move to a WebSocket half-way; those
/// requests can arrive over different TCP connections, which the server's event loops
/// share out among themselves. So the session has a home: the loop it was created on.
/// All of its state lives there and is touched only there, without locks; a request
/// that arrives on another loop hops here once (one hop per HTTP request), and a
/// WebSocket that upgrades the session is moved here for good, so its messages need no
/// hop at all.
///
/// ```
///                   ┌───────── home loop ─────────────────────────────────┐
///   GET  (loop 1) ──┼─▶ poll(_:)      held until there is something to say │
///   POST (loop 0) ──┼─▶ post(…)       packets in, "ok" out                 │
///   WebSocket ──────┼─▶ moved here; one packet per message                 │
///                   │   heartbeat timer, outbox, handler                   │
///                   └──────────────────────────────────────────────────────┘
/// ```
public final class EngineIOSocket: CustomStringConvertible {
    /// Where the session's traffic goes now, and what it may do next.
    enum State {
        /// Long-polling: a `GET` may be held, a `POST` may be in flight.
        case polling
        /// Long-polling, while a WebSocket tries to take over (see +Upgrade).
        case upgrading(WebSocketTransport)
        /// Everything goes over this WebSocket.
        case webSocket(WebSocketTransport)
        /// Closed by the server while long-polling: the next `GET` collects what is
        /// left and the close packet (for a little while), then the session is gone.
        case closing
        /// Gone.
        case closed
    }

    /// The session id, `sid` in every request.
    public let id: String
    /// The loop the session lives on.
    public let loop: EventLoop
    /// The handshake request: its headers and query (an application's own parameters,
    /// such as a token), as the client sent them.
    public let request: HTTPRequestHead
    /// The client's address at the handshake.
    public let remoteAddress: SocketAddress?
    /// Who hears what happens; set it in the server's connection callback.
    public var handler: any EngineIOSocketHandler = InertSocketHandler.shared

    let context: EngineIOServerContext
    var state: State
    /// The `GET` held open for the server's next packets, and the `POST` in flight.
    var exchange = PollingExchange()
    /// Packets waiting for a long-polling client to collect them.
    var outbox: [EngineIOPacket] = []
    var outboxByteCount = 0
    var isFlushScheduled = false
    var heartbeat: any EngineIOHeartbeat
    var heartbeatTimer: ScheduledTimer?
    var closeReason: EngineIOCloseReason?

    /// A new session, polling until told otherwise; ``open(upgrades:)`` starts it.
    init(
        id: String,
        request: HTTPRequestHead,
        remoteAddress: SocketAddress?,
        loop: EventLoop,
        context: EngineIOServerContext
    ) {
        loop.preconditionInEventLoop()
        self.id = id
        self.loop = loop
        self.request = request
        self.remoteAddress = remoteAddress
        self.context = context
        self.state = .polling
        self.heartbeat = context.parts.makeHeartbeat(
            context.configuration.pingInterval,
            context.configuration.pingTimeout,
            loop.now
        )
    }

    /// Sends the open packet, starts the heartbeat, and gives the session to the
    /// application's connection callback.
    ///
    /// - Parameter upgrades: The transports the client may upgrade to.
    func open(upgrades: [String]) {
        let configuration = context.configuration
        send(
            .open(
                EngineIOHandshake(
                    sid: id,
                    upgrades: upgrades,
                    pingInterval: configuration.pingInterval,
                    pingTimeout: configuration.pingTimeout,
                    maxPayload: configuration.maximumPayload
                )
            )
        )
        armHeartbeat()
        context.onConnection(self)
    }

    /// `session lv_VI97HAXpY6yYWAAAC (polling) on loop-0`.
    public var description: String { "session \(id) (\(transport.rawValue)) on \(loop.name)" }

    /// The transport the session uses now.
    public var transport: EngineIOTransport {
        if case .webSocket = state { return .websocket }
        return .polling
    }

    /// Whether messages can still be sent.
    public var isOpen: Bool {
        switch state {
        case .polling, .upgrading, .webSocket: true
        case .closing, .closed: false
        }
    }

    /// Bytes queued for the client and not yet sent: the polling outbox, or the
    /// WebSocket's output still in the kernel's way.
    public var bufferedAmount: Int {
        if case .webSocket(let transport) = state {
            return transport.webSocket?.bufferedAmount ?? 0
        }
        return outboxByteCount
    }

    /// Whether a message sent now leaves at once: over a WebSocket, while the connection's
    /// queued output is below its high-water mark; over long-polling, while a `GET` is held
    /// open for the server's next packets.
    ///
    /// This is what the JavaScript server calls the transport being `writable`. Socket.IO
    /// drops its *volatile* packets when it is `false`: they are worth sending only if they
    /// go now (a game's position update), never worth queueing for a slow client.
    public var isWritable: Bool {
        switch state {
        case .webSocket(let transport): transport.webSocket?.isWritable ?? false
        case .polling, .upgrading: exchange.heldPoll != nil
        case .closing, .closed: false
        }
    }

    // MARK: Sending

    /// Sends a message.
    ///
    /// Over a WebSocket it leaves at once; over long-polling it waits in the outbox for
    /// the client's next `GET` (or answers the one held open, at the end of this turn of
    /// the loop, so messages sent together travel together).
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

    /// Sends any packet by the current transport.
    func send(_ packet: EngineIOPacket) {
        switch state {
        case .webSocket(let transport):
            transport.send(packet)
            // A client that stops reading must not fill our memory: the kernel's buffer
            // fills, then the connection's, and past the limit the session ends, as a
            // polling session's does when its outbox overflows.
            let limit = context.configuration.maximumBufferedBytes
            if let webSocket = transport.webSocket, webSocket.bufferedAmount > limit {
                close(reason: .bufferLimitExceeded(limit))
            }
        case .polling, .upgrading:
            enqueue(packet)
        case .closing, .closed:
            break
        }
    }

    // MARK: Receiving

    /// A packet arrived from the client, by whichever transport carries the session.
    func receive(_ packet: EngineIOPacket) {
        switch packet {
        case .message(let message):
            handler.socket(self, didReceive: message)
        case .pong:
            heartbeat.pongReceived(at: loop.now)
            armHeartbeat()
        case .close:
            // The client says goodbye: a held GET ends with a noop, not a close.
            answerHeldPoll(with: [.noop])
            close(reason: .transportClose)
        case .open, .ping, .upgrade, .noop:
            // Not something a version 4 client sends on an open session; the reference
            // server ignores them too.
            break
        }
    }

    // MARK: Heartbeat

    // snippet: heartbeat-timer
    /// Sets the timer to the heartbeat's next deadline.
    func armHeartbeat() {
        heartbeatTimer?.cancel()
        guard isOpen else { return }
        let delay = heartbeat.nextDeadline - loop.now
        heartbeatTimer = loop.schedule(after: delay) { [weak self] in self?.heartbeatTimerFired() }
    }

    private func heartbeatTimerFired() {
        switch heartbeat.timerFired(at: loop.now) {
        case .sendPing: send(.ping(""))
        case .timedOut: return close(reason: .pingTimeout)
        case nil: break
        }
        armHeartbeat()
    }
    // end-snippet

    // MARK: Closing

    /// Ends the session: the client gets a close packet (with the messages still queued
    /// for it), and the handler hears ``EngineIOCloseReason/forcedClose``.
    public func close() {
        loop.preconditionInEventLoop()
        close(reason: .forcedClose)
    }

    /// Ends the session for `reason`, once; the handler is told, the server forgets it.
    func close(reason: EngineIOCloseReason) {
        guard isOpen else { return }
        closeReason = reason
        heartbeatTimer?.cancel()
        let wasPolling: Bool
        switch state {
        case .webSocket(let transport):
            wasPolling = false
            transport.close(goingAway: reason == .serverShutdown)
        case .upgrading(let probe):
            wasPolling = true
            probe.close()
        case .polling:
            wasPolling = true
        case .closing, .closed:
            return
        }
        if wasPolling && (reason == .forcedClose || reason == .serverShutdown) {
            // Let the client collect what is queued and the close packet (past the
            // outbox's limit if need be: the session is ending anyway).
            outbox.append(.close)
            if exchange.heldPoll != nil {
                flushOutbox()
                finish()
            } else {
                state = .closing
                loop.schedule(after: context.configuration.pingTimeout) { [weak self] in
                    self?.finish()
                }
            }
        } else {
            if wasPolling { answerHeldPoll(with: [.close]) }
            finish()
        }
        let handler = self.handler
        self.handler = InertSocketHandler.shared
        handler.socketDidClose(self, reason: reason)
    }

    /// Ends the session the way a network failure would: no close packet, so the client
    /// takes it for a lost connection and reconnects, where after ``close()`` it would
    /// take it for a goodbye.
    ///
    /// A WebSocket is closed; a held long-polling `GET` has its connection dropped without
    /// an answer, and the session is forgotten, so the client's next request gets
    /// "unknown sid". The handler hears ``EngineIOCloseReason/forcedClose``: this side
    /// chose to end it. Tests and demos use it to show what clients do when the network
    /// fails (Socket.IO's connection state recovery, say).
    public func drop() {
        loop.preconditionInEventLoop()
        guard isOpen else { return }
        closeReason = .forcedClose
        heartbeatTimer?.cancel()
        switch state {
        case .webSocket(let transport): transport.close()
        case .upgrading(let probe): probe.close()
        case .polling, .closing, .closed: break
        }
        if let held = exchange.heldPoll {
            exchange.heldPoll = nil
            held.writer.abort()
        }
        finish()
        let handler = self.handler
        self.handler = InertSocketHandler.shared
        handler.socketDidClose(self, reason: .forcedClose)
    }

    /// The session is gone: the server forgets it; later requests get "unknown sid".
    func finish() {
        if case .closed = state { return }
        state = .closed
        outbox.removeAll()
        outboxByteCount = 0
        context.forget(id)
    }
}
