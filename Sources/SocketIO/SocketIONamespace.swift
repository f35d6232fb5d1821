import Synchronization
import SystemCalls

/// A namespace: a channel of its own on a shared connection, with its own sockets, rooms,
/// middlewares and handlers (the JavaScript `Namespace`, from `io.of("/chat")`).
///
/// One Engine.IO connection can carry several namespaces: a client that connects to `/`
/// and `/admin` has one socket in each, each with its own id, over one TCP connection.
/// A namespace is shared by every loop; its sockets live each on their own connection's
/// loop, and its rooms in its ``adapter``.
public final class SocketIONamespace: Sendable, CustomStringConvertible {
    /// What a namespace tells its handlers about.
    public enum Event: Sendable {
        /// A socket connected (passed the middlewares; its CONNECT reply is sent).
        case connection
    }

    /// A middleware: it sees each connecting socket (its handshake, its auth) and lets it
    /// in with `next(nil)` or refuses it with `next(SocketIOConnectError(…))`.
    public typealias Middleware =
        @Sendable (
            _ socket: SocketIOSocket, _ next: @escaping @Sendable (SocketIOConnectError?) -> Void
        ) -> Void

    /// A handler of server-side events from the other servers of a cluster.
    public typealias ServerSideHandler = @Sendable (_ arguments: [SocketIOValue]) -> Void

    /// What the application registers; set up front and read once per connection.
    private struct Hooks {
        var middlewares: [Middleware] = []
        var connectionHandlers: [@Sendable (SocketIOSocket) -> Void] = []
        var serverSideHandlers: [String: [ServerSideHandler]] = [:]
        var children: [SocketIONamespace] = []
    }

    /// The adapter, in a box the lazy reference can hold.
    private final class AdapterBox: Sendable {
        let adapter: any SocketIOAdapter
        init(_ adapter: any SocketIOAdapter) { self.adapter = adapter }
    }

    /// The name, such as `/` or `/chat`.
    public let name: String
    /// The parent namespace that made this one on demand, if any.
    public let parent: SocketIONamespace?
    let context: SocketIOServerContext
    /// For a parent: which names it makes children for.
    let matcher: (@Sendable (String, SocketIOObject) -> Bool)?
    private let hooks = Locked(Hooks())
    private let adapterReference = AtomicLazyReference<AdapterBox>()
    private let ackCounter = Atomic<Int>(0)
    private let offsetCounter = Atomic<Int>(0)
    /// Random, so a restarted server never takes a client's old offset for one of its own.
    private let offsetPrefix = SocketIOIdentifier.make(length: 8)

    init(
        name: String,
        context: SocketIOServerContext,
        parent: SocketIONamespace? = nil,
        matcher: (@Sendable (String, SocketIOObject) -> Bool)? = nil
    ) {
        self.name = name
        self.context = context
        self.parent = parent
        self.matcher = matcher
        _ = adapterReference.storeIfNil(AdapterBox(context.configuration.adapter(self)))
    }

    /// `namespace /chat`.
    public var description: String { "namespace \(name)" }

    /// Where the namespace's rooms live, and what carries its broadcasts.
    public var adapter: any SocketIOAdapter {
        guard let box = adapterReference.load() else {
            preconditionFailure("a namespace's adapter is set in its initializer")
        }
        return box.adapter
    }

    /// Whether this namespace makes others on demand (from `io.of(pattern)`).
    public var isParent: Bool { matcher != nil }

    /// The next acknowledgement id: one counter per namespace, for the acks one socket
    /// asks for and the ones a broadcast asks every socket for, so the two never clash.
    func nextAckID() -> Int {
        ackCounter.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// A new offset for connection state recovery: unique within the namespace.
    func nextOffset() -> String {
        let number = offsetCounter.wrappingAdd(1, ordering: .relaxed).oldValue
        return "\(offsetPrefix)-\(String(number, radix: 36))"
    }

    // MARK: Middlewares and handlers

    /// Adds a middleware: every socket that connects passes each, in order, before its
    /// `connection` handlers run.
    ///
    /// ```swift
    /// io.of("/private").use { socket, next in
    ///     guard socket.handshake.auth["token"] == "s3cr3t" else {
    ///         return next(SocketIOConnectError("Not authorized", data: ["reason": "invalid token"]))
    ///     }
    ///     next(nil)
    /// }
    /// ```
    ///
    /// The middleware runs on the socket's loop; it may call `next` later, from any thread
    /// (after a database answers, say).
    ///
    /// - Parameter middleware: The middleware.
    public func use(_ middleware: @escaping Middleware) {
        hooks.withLock { $0.middlewares.append(middleware) }
    }

    /// Calls `handler` for every socket that connects.
    ///
    /// - Parameters:
    ///   - event: `.connection`.
    ///   - handler: Called on the socket's loop, after its CONNECT reply: set up its
    ///     handlers here.
    public func on(_ event: Event, _ handler: @escaping @Sendable (SocketIOSocket) -> Void) {
        hooks.withLock { $0.connectionHandlers.append(handler) }
    }

    /// The middlewares a connecting socket passes: a parent's first, then this one's.
    var middlewares: [Middleware] {
        (parent?.middlewares ?? []) + hooks.withLock { $0.middlewares }
    }

    /// The connection handlers: a parent's first, then this one's.
    var connectionHandlers: [@Sendable (SocketIOSocket) -> Void] {
        (parent?.connectionHandlers ?? []) + hooks.withLock { $0.connectionHandlers }
    }

    /// The namespaces a parent made.
    var children: [SocketIONamespace] { hooks.withLock { $0.children } }

    func addChild(_ child: SocketIONamespace) {
        hooks.withLock { $0.children.append(child) }
    }

    // MARK: Broadcasting

    /// An operator for every socket of the namespace.
    var broadcastOperator: SocketIOBroadcastOperator { SocketIOBroadcastOperator(namespace: self) }

    /// Emits to every socket of the namespace.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    public func emit(_ event: String, _ arguments: SocketIOValue...) {
        broadcastOperator.emit(event, arguments: arguments)
    }

    /// The sockets in `rooms`.
    ///
    /// - Parameter rooms: Room names.
    /// - Returns: An operator to chain and emit on.
    public func to(_ rooms: String...) -> SocketIOBroadcastOperator { broadcastOperator.to(rooms) }

    /// The same as ``to(_:)``.
    ///
    /// - Parameter rooms: Room names.
    /// - Returns: An operator.
    public func `in`(_ rooms: String...) -> SocketIOBroadcastOperator {
        broadcastOperator.to(rooms)
    }

    /// Every socket except those in `rooms`.
    ///
    /// - Parameter rooms: Room names.
    /// - Returns: An operator.
    public func except(_ rooms: String...) -> SocketIOBroadcastOperator {
        broadcastOperator.except(rooms)
    }

    /// Emits that may be dropped for clients that cannot take them now.
    public var volatile: SocketIOBroadcastOperator { broadcastOperator.volatile }

    /// Emits to this server's sockets only.
    public var local: SocketIOBroadcastOperator { broadcastOperator.local }

    /// Emits with a compression wish.
    ///
    /// - Parameter compress: Whether to compress.
    /// - Returns: An operator.
    public func compress(_ compress: Bool) -> SocketIOBroadcastOperator {
        broadcastOperator.compress(compress)
    }

    /// Emits that collect every client's acknowledgement within `timeout`.
    ///
    /// - Parameter timeout: How long to wait.
    /// - Returns: An operator.
    public func timeout(_ timeout: Duration) -> SocketIOBroadcastOperator {
        broadcastOperator.timeout(timeout)
    }

    /// Every socket of the namespace.
    ///
    /// - Returns: A snapshot of each.
    public func fetchSockets() async -> [SocketIORemoteSocket] {
        await broadcastOperator.fetchSockets()
    }

    /// Makes every socket join `rooms`.
    ///
    /// - Parameter rooms: Room names.
    public func socketsJoin(_ rooms: String...) { broadcastOperator.socketsJoin(rooms) }

    /// Makes every socket leave `rooms`.
    ///
    /// - Parameter rooms: Room names.
    public func socketsLeave(_ rooms: String...) { broadcastOperator.socketsLeave(rooms) }

    /// Disconnects every socket.
    ///
    /// - Parameter close: Whether to close their Engine.IO connections too.
    public func disconnectSockets(close: Bool = false) {
        broadcastOperator.disconnectSockets(close: close)
    }

    // MARK: Server-side events

    /// Emits `event` to this namespace on the *other* servers of a cluster, through the
    /// adapter; with the in-memory adapter there are none, and nothing happens.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    public func serverSideEmit(_ event: String, arguments: [SocketIOValue]) {
        adapter.serverSideEmit([.string(event)] + arguments)
    }

    /// Calls `handler` when another server emits `event` with ``serverSideEmit(_:arguments:)``.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - handler: Called with its arguments, on whatever thread the adapter delivers on.
    public func onServerSideEmit(_ event: String, _ handler: @escaping ServerSideHandler) {
        hooks.withLock { $0.serverSideHandlers[event, default: []].append(handler) }
    }

    /// An adapter delivers a server-side event from another server.
    ///
    /// - Parameter packet: The event's name, then its arguments.
    public func receiveServerSideEmit(_ packet: [SocketIOValue]) {
        guard let name = packet.first?.stringValue else { return }
        let handlers = hooks.withLock { $0.serverSideHandlers[name] ?? [] }
        for handler in handlers { handler(Array(packet.dropFirst())) }
    }
}
