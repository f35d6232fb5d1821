import EngineIO
import EventLoop

/// One client's presence in one namespace: the JavaScript server's `Socket`.
///
/// ```swift
/// io.on(.connection) { socket in
///     socket.emit("welcome", ["id": .string(socket.id)])
///     socket.on("join") { args, ack in
///         guard let room = args.first?.stringValue else { return }
///         socket.join(room)
///         ack?(.string(room))
///     }
///     socket.on(.disconnect) { reason in print("\(socket.id) left: \(reason)") }
/// }
/// ```
///
/// A socket lives on its connection's loop, and so does everything about it: its
/// handlers run there, its acknowledgements and timers too, and its state (rooms, data,
/// listeners) is read and written there without locks. Its methods check that they are
/// called there. The exceptions are made for the continuation-like parts: an ``SocketIOAck``
/// or a middleware's `next` may be called from any thread (after a database answered,
/// say) and carry themselves over, and the async ``emitWithAck(_:_:)`` hops to the loop
/// itself.
///
/// Why `@unchecked Sendable` is safe: the `let` properties never change; every `var` is
/// read and written on `loop`'s thread only, which each method that touches one checks
/// with `loop.preconditionInEventLoop()`. Being `Sendable` lets a socket be captured by a
/// `Task` or a closure that hops back to its loop, which is how the async parts reach it.
public final class SocketIOSocket: @unchecked Sendable, CustomStringConvertible {
    /// What a socket tells its lifecycle handlers about.
    public enum LifecycleEvent: Sendable {
        /// The socket is leaving; its rooms are still there to look at.
        case disconnecting
        /// The socket has left.
        case disconnect
    }

    /// A socket's error event: a packet middleware refused a packet.
    public enum ErrorEvent: Sendable {
        /// `socket.on(.error) { error in … }`.
        case error
    }

    /// The socket's id, unique per namespace connection (not the Engine.IO session's
    /// id), and the name of a room only it is in.
    public let id: String
    /// The namespace it is in.
    public let namespace: SocketIONamespace
    /// What the client said when it connected.
    public let handshake: SocketIOHandshake
    /// The loop it lives on.
    public let loop: EventLoop
    /// Whether this socket took over the state of one whose connection dropped
    /// (connection state recovery): the same id, rooms and data, and the missed events.
    public let recovered: Bool
    /// The private session id a client shows to recover this socket (with recovery on).
    let pid: String?
    let connection: SocketIOClientConnection

    var isConnected = false
    var roomSet: Set<String>
    var storedData: SocketIOValue
    var listeners = SocketIOListeners()
    var pendingAcks: [Int: PendingAck] = [:]
    var packetMiddlewares: [PacketMiddleware] = []
    /// Recent recoverable packets, with their offsets (connection state recovery).
    var recoveryLog: [SocketIORecoveredPacket] = []
    /// Packets missed while disconnected, sent right after the CONNECT reply.
    var missedPackets: [SocketIORecoveredPacket]

    init(
        connection: SocketIOClientConnection,
        namespace: SocketIONamespace,
        auth: SocketIOObject,
        session: SocketIOSession?
    ) {
        self.connection = connection
        self.namespace = namespace
        self.loop = connection.engine.loop
        self.handshake = SocketIOHandshake(engine: connection.engine, auth: auth)
        if let session {
            id = session.id
            pid = session.pid
            roomSet = session.rooms
            storedData = session.data
            missedPackets = session.packets
            recovered = true
        } else {
            id = SocketIOIdentifier.make()
            let recovery = namespace.context.configuration.connectionStateRecovery
            pid = recovery == nil ? nil : SocketIOIdentifier.make()
            roomSet = []
            storedData = [:]
            missedPackets = []
            recovered = false
        }
    }

    /// `socket Z2vN… in /chat on loop-1`.
    public var description: String { "socket \(id) in \(namespace.name) on \(loop.name)" }

    /// The namespace (the JavaScript name).
    public var nsp: SocketIONamespace { namespace }

    /// The Engine.IO session underneath, shared with the client's other namespaces.
    public var conn: EngineIOSocket { connection.engine }

    /// Whether the socket is connected to its namespace.
    public var connected: Bool {
        loop.preconditionInEventLoop()
        return isConnected
    }

    /// Whether the socket has left (the JavaScript `disconnected`).
    public var disconnected: Bool { !connected }

    /// Whatever the application keeps about this client (a user id, a nickname).
    ///
    /// An object, empty at first. ``SocketIOServer/fetchSockets()`` shows it, and connection
    /// state recovery keeps it.
    public var data: SocketIOValue {
        get {
            loop.preconditionInEventLoop()
            return storedData
        }
        set {
            loop.preconditionInEventLoop()
            storedData = newValue
        }
    }

    /// The rooms the socket is in; once connected, always its own id's among them.
    public var rooms: Set<String> {
        loop.preconditionInEventLoop()
        return roomSet
    }

    // MARK: Connecting

    // snippet: socket-connect
    /// The middlewares let the socket in: it joins its rooms, the client gets the CONNECT
    /// reply (`{"sid": …}`, and `"pid"` with recovery on), then what it missed.
    func didConnect() {
        loop.preconditionInEventLoop()
        isConnected = true
        roomSet.insert(id)
        namespace.adapter.addAll(self, rooms: roomSet)
        var reply: SocketIOObject = ["sid": .string(id)]
        if let pid { reply["pid"] = .string(pid) }
        connection.send(
            SocketIOPacket(type: .connect, namespace: namespace.name, data: .object(reply))
        )
        for packet in missedPackets where connection.write(packet.messages, volatile: false) {
            remember(packet)
        }
        missedPackets = []
    }
    // end-snippet

    // MARK: Disconnecting

    /// Leaves the namespace: the client gets a DISCONNECT packet (`41/chat,`), the socket
    /// hears ``SocketIODisconnectReason/serverNamespaceDisconnect``.
    ///
    /// - Parameter close: Also close the Engine.IO connection, and with it the client's
    ///   other namespaces.
    public func disconnect(close: Bool = false) {
        loop.preconditionInEventLoop()
        guard isConnected else { return }
        if close { return connection.disconnectAllAndClose() }
        connection.send(SocketIOPacket(type: .disconnect, namespace: namespace.name))
        handleClose(.serverNamespaceDisconnect)
    }

    /// The socket leaves, for `reason`: its handlers hear it, its rooms empty, its pending
    /// acknowledgements fail, and with recovery on its state is kept.
    func handleClose(_ reason: SocketIODisconnectReason) {
        loop.preconditionInEventLoop()
        guard isConnected else { return }
        for handler in listeners.disconnecting { handler(reason) }
        if let pid, reason.isRecoverable,
            let recovery = namespace.context.configuration.connectionStateRecovery
        {
            let session = SocketIOSession(
                id: id,
                pid: pid,
                rooms: roomSet,
                data: storedData,
                packets: Array(recoveryLog.suffix(recovery.maximumMissedPackets + 1))
            )
            namespace.adapter.persistSession(session, on: loop)
        }
        namespace.adapter.removeAll(self)
        roomSet.removeAll()
        connection.remove(self)
        isConnected = false
        recoveryLog.removeAll()
        let pending = pendingAcks
        pendingAcks.removeAll()
        for entry in pending.values.sorted(by: { $0.id < $1.id }) {
            entry.timer?.cancel()
            entry.callback(.failure(.disconnected(responses: [])))
        }
        for handler in listeners.disconnect { handler(reason) }
        // Handlers usually capture their socket (`socket.on("x") { … socket.emit … }`): a
        // cycle that would keep every departed socket alive. Nothing is dispatched to a
        // socket after it left (a client that comes back gets a new one), so let them go.
        listeners = SocketIOListeners()
        packetMiddlewares.removeAll()
    }

    // MARK: Rooms

    /// Joins `rooms`.
    ///
    /// - Parameter rooms: Room names.
    public func join(_ rooms: String...) { join(rooms) }

    /// Joins `rooms`.
    ///
    /// - Parameter rooms: Room names.
    public func join(_ rooms: [String]) {
        loop.preconditionInEventLoop()
        let new = Set(rooms).subtracting(roomSet)
        guard !new.isEmpty else { return }
        roomSet.formUnion(new)
        if isConnected { namespace.adapter.addAll(self, rooms: new) }
    }

    /// Leaves `room`.
    ///
    /// - Parameter room: A room name.
    public func leave(_ room: String) {
        loop.preconditionInEventLoop()
        guard roomSet.remove(room) != nil else { return }
        if isConnected { namespace.adapter.remove(self, from: room) }
    }

    // MARK: Broadcasting from this socket

    /// Every other socket of the namespace: `socket.broadcast.emit(…)`.
    public var broadcast: SocketIOBroadcastOperator {
        SocketIOBroadcastOperator(namespace: namespace).except([id])
    }

    /// The sockets in `rooms`, this one excepted.
    ///
    /// - Parameter rooms: Room names.
    /// - Returns: An operator.
    public func to(_ rooms: String...) -> SocketIOBroadcastOperator { broadcast.to(rooms) }

    /// The same as ``to(_:)``.
    ///
    /// - Parameter rooms: Room names.
    /// - Returns: An operator.
    public func `in`(_ rooms: String...) -> SocketIOBroadcastOperator { broadcast.to(rooms) }

    /// Every other socket, except those in `rooms`.
    ///
    /// - Parameter rooms: Room names.
    /// - Returns: An operator.
    public func except(_ rooms: String...) -> SocketIOBroadcastOperator { broadcast.except(rooms) }

    /// Keeps a recoverable packet this socket was sent, for replay after a drop.
    func remember(_ packet: SocketIORecoveredPacket) {
        guard
            let limit = namespace.context.configuration.connectionStateRecovery?
                .maximumMissedPackets
        else { return }
        recoveryLog.append(packet)
        // Trim in batches: one move of `limit` entries per `limit` packets, not per packet.
        if recoveryLog.count > 2 * limit { recoveryLog.removeFirst(recoveryLog.count - limit) }
    }
}
