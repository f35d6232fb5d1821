import EngineIO
import EventLoop
import HTTP
import SystemCalls

/// A Socket.IO v5 server: namespaces, rooms, events with acknowledgements, binary, on top
/// of an Engine.IO server.
///
/// ```swift
/// let io = SocketIOServer()
/// io.on(.connection) { socket in
///     socket.on("chat") { args, ack in
///         socket.broadcast.emit("chat", args)   // everyone else
///         ack?("delivered")
///     }
/// }
/// var router = HTTPRouter()
/// router.socketIO(io)                            // serves /socket.io/
/// ```
///
/// The words are the JavaScript server's (`io.of`, `socket.join`, `io.to(room).emit`), so
/// its documentation reads across. The threading is this stack's: every Engine.IO session
/// lives on one event loop, and so do the Socket.IO sockets on it, their handlers, their
/// acknowledgement timers; none of that needs a lock. What spans loops (namespaces, rooms,
/// broadcasts) is each namespace's ``SocketIOAdapter``, which keeps a shard of its rooms
/// per loop and reaches another loop once per operation, never once per socket.
public final class SocketIOServer: Sendable {
    /// The options it was made with.
    public let configuration: Configuration
    /// The Engine.IO server underneath, to mount on an HTTP router.
    public let engine: EngineIOServer
    let registry: NamespaceRegistry

    /// A server; mount ``engine`` (or use ``HTTP/HTTPRouter/socketIO(_:)``) to serve it.
    ///
    /// - Parameters:
    ///   - configuration: Timers, limits, the parser, the adapter.
    ///   - logger: Where refused connections and protocol errors are logged.
    public init(
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "SocketIO")
    ) {
        self.configuration = configuration
        let registry = NamespaceRegistry(
            context: SocketIOServerContext(configuration: configuration, logger: logger)
        )
        self.registry = registry
        engine = EngineIOServer(configuration: configuration.engine, logger: logger) { session in
            SocketIOClientConnection.start(on: session, registry: registry)
        }
        _ = registry.namespace("/")
    }

    /// The main namespace, `/`: the JavaScript `io.sockets`.
    public var sockets: SocketIONamespace { registry.namespace("/") }

    /// The namespace called `name`, made on first use: the JavaScript `io.of(name)`.
    ///
    /// A client reaches it by connecting to `name` (`io("https://host/chat")`); its sockets
    /// and rooms are apart from every other namespace's.
    ///
    /// - Parameter name: Such as `/chat`; a missing leading `/` is added.
    /// - Returns: The namespace.
    public func of(_ name: String) -> SocketIONamespace {
        registry.namespace(name)
    }

    /// A family of namespaces made on demand, one per name that matches `pattern`
    /// (`io.of(/^\/dynamic-\d+$/)` in JavaScript).
    ///
    /// The middlewares and connection handlers set on the returned *parent* apply to every
    /// namespace it makes; emitting on it emits in all of them.
    ///
    /// A `Regex` is not `Sendable`, so the parent keeps it behind a lock; it is matched
    /// once per CONNECT to a name that has no namespace yet.
    ///
    /// - Parameter pattern: Matched against the whole name, such as `/^\/dyn-\d+$/`.
    /// - Returns: The parent namespace.
    public func of(_ pattern: sending Regex<Substring>) -> SocketIONamespace {
        let locked = Locked(pattern)
        return registry.addParent { name, _ in
            locked.withLock { (try? $0.wholeMatch(in: name)) != nil }
        }
    }

    /// A family of namespaces made on demand, one per name `accepts` lets in (the
    /// JavaScript `io.of((name, auth, next) => …)`).
    ///
    /// - Parameter accepts: Given a new name and the CONNECT's auth; called on the
    ///   connection's loop, it must not block.
    /// - Returns: The parent namespace.
    public func of(
        matching accepts: @escaping @Sendable (_ name: String, _ auth: SocketIOObject) -> Bool
    ) -> SocketIONamespace {
        registry.addParent(accepts)
    }

    /// Adds a middleware to the main namespace; see ``SocketIONamespace/use(_:)``.
    ///
    /// - Parameter middleware: Called for each connecting socket, before `connection`.
    public func use(
        _ middleware:
            @escaping @Sendable (
                SocketIOSocket, _ next: @escaping @Sendable (SocketIOConnectError?) -> Void
            ) -> Void
    ) {
        sockets.use(middleware)
    }

    /// Calls `handler` for every socket that connects to the main namespace.
    ///
    /// - Parameters:
    ///   - event: `.connection`.
    ///   - handler: Called on the socket's loop, after the CONNECT reply went out.
    public func on(
        _ event: SocketIONamespace.Event,
        _ handler: @escaping @Sendable (SocketIOSocket) -> Void
    ) {
        sockets.on(event, handler)
    }

    /// Emits to every socket of the main namespace.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    public func emit(_ event: String, _ arguments: SocketIOValue...) {
        sockets.broadcastOperator.emit(event, arguments: arguments)
    }

    /// The sockets of the main namespace in `rooms`: `io.to("room").emit(…)`.
    ///
    /// - Parameter rooms: Room names (a socket's id is a room too).
    /// - Returns: An operator to chain and emit on.
    public func to(_ rooms: String...) -> SocketIOBroadcastOperator {
        sockets.broadcastOperator.to(rooms)
    }

    /// The same as ``to(_:)``.
    ///
    /// - Parameter rooms: Room names.
    /// - Returns: An operator.
    public func `in`(_ rooms: String...) -> SocketIOBroadcastOperator {
        sockets.broadcastOperator.to(rooms)
    }

    /// Every socket of the main namespace except those in `rooms`.
    ///
    /// - Parameter rooms: Room names.
    /// - Returns: An operator.
    public func except(_ rooms: String...) -> SocketIOBroadcastOperator {
        sockets.broadcastOperator.except(rooms)
    }

    /// Emits that may be dropped for clients that cannot take them now.
    public var volatile: SocketIOBroadcastOperator { sockets.broadcastOperator.volatile }

    /// Emits to this server's sockets only, with an adapter that spans servers.
    public var local: SocketIOBroadcastOperator { sockets.broadcastOperator.local }

    /// Emits with a compression wish (see ``SocketIOBroadcastOperator/compress(_:)``).
    ///
    /// - Parameter compress: Whether to compress.
    /// - Returns: An operator.
    public func compress(_ compress: Bool) -> SocketIOBroadcastOperator {
        sockets.broadcastOperator.compress(compress)
    }

    /// Emits that collect every client's acknowledgement within `timeout`.
    ///
    /// - Parameter timeout: How long to wait for the answers.
    /// - Returns: An operator.
    public func timeout(_ timeout: Duration) -> SocketIOBroadcastOperator {
        sockets.broadcastOperator.timeout(timeout)
    }

    /// Every socket of the main namespace, wherever it lives.
    ///
    /// - Returns: A snapshot of each socket, with methods that reach it.
    public func fetchSockets() async -> [SocketIORemoteSocket] {
        await sockets.broadcastOperator.fetchSockets()
    }

    /// Makes every socket of the main namespace join `rooms`.
    ///
    /// - Parameter rooms: Room names.
    public func socketsJoin(_ rooms: String...) {
        sockets.broadcastOperator.socketsJoin(rooms)
    }

    /// Makes every socket of the main namespace leave `rooms`.
    ///
    /// - Parameter rooms: Room names.
    public func socketsLeave(_ rooms: String...) {
        sockets.broadcastOperator.socketsLeave(rooms)
    }

    /// Disconnects every socket of the main namespace.
    ///
    /// - Parameter close: Whether to close their Engine.IO connections too.
    public func disconnectSockets(close: Bool = false) {
        sockets.broadcastOperator.disconnectSockets(close: close)
    }

    /// Emits to the other servers of a cluster (a no-op with the in-memory adapter).
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    public func serverSideEmit(_ event: String, _ arguments: SocketIOValue...) {
        sockets.serverSideEmit(event, arguments: arguments)
    }

    /// Closes every connection; sockets hear ``SocketIODisconnectReason/serverShuttingDown``.
    ///
    /// Call it before shutting the HTTP server down, so polling clients get their close
    /// packet instead of a dropped connection.
    public func close() {
        engine.closeAllSessions()
    }
}

/// What the server and every namespace share: the options and the logger.
final class SocketIOServerContext: Sendable {
    let configuration: SocketIOServer.Configuration
    let logger: Logger

    init(configuration: SocketIOServer.Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }
}

extension HTTPRouter {
    /// Serves Socket.IO at the server's path (`/socket.io/` by default).
    ///
    /// - Parameter server: The Socket.IO server.
    public mutating func socketIO(_ server: SocketIOServer) {
        engineIO(server.configuration.path, server.engine)
    }
}
