import Sockets
import SystemCalls

/// A TCP server on an ``EventLoopGroup``: one loop accepts, every loop serves.
///
/// The listening socket is registered on the group's first loop. Each connection it
/// accepts is handed to the next loop in turn and lives there until it closes (or
/// ``TCPConnection/move(to:alreadyReceived:makeHandler:)`` moves it to another loop),
/// with a handler made for it by `makeHandler`. ``shutdown(gracePeriod:)`` stops
/// accepting, asks every connection to finish, and closes the stragglers when the grace
/// period ends.
public final class TCPServer: Sendable {
    /// Settings for the server and its connections.
    public struct Configuration: Sendable {
        /// The accept queue's length (`listen(2)`'s backlog).
        public var backlog = 1024
        /// Refuse (accept and close at once) connections beyond this many; `nil`: no limit.
        public var maximumConnections: Int? = nil
        /// How long to stop accepting after running out of descriptors (`EMFILE`).
        public var acceptBackoff: Duration = .milliseconds(100)
        /// Settings for every accepted connection.
        public var connection = TCPConnection.Configuration()

        /// The defaults.
        public init() {}
    }

    /// A handler factory: called on the new connection's loop, once per connection.
    public typealias HandlerFactory = @Sendable (TCPConnection) -> any TCPConnectionHandler

    /// Where the server listens, with the real port when port `0` was asked for.
    public let localAddress: SocketAddress
    /// The loops that serve the connections.
    public let group: EventLoopGroup
    /// The settings.
    public let configuration: Configuration

    let makeHandler: HandlerFactory
    let logger: Logger
    private let acceptLoop: EventLoop
    private let registries: [LoopBound<ConnectionRegistry>]
    private let acceptorBox = Locked<LoopBound<Acceptor>?>(nil)
    private let bookkeeping = Locked(Bookkeeping())

    private struct Bookkeeping {
        var openConnections = 0
        var isShuttingDown = false
        var gracePeriod = Duration.zero
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
        /// Registries of loops outside the group that connections moved to.
        var otherRegistries: [ObjectIdentifier: LoopBound<ConnectionRegistry>] = [:]
    }

    // snippet: tcp-server-init
    /// Binds `address`, starts listening, and starts accepting on the group's first loop.
    ///
    /// - Parameters:
    ///   - address: Where to listen; port `0` picks a free port (see ``localAddress``).
    ///   - group: The loops that will serve connections.
    ///   - configuration: The settings.
    ///   - logger: Where to log accept errors and refusals.
    ///   - makeHandler: Makes the handler for each new connection, on its loop.
    /// - Throws: ``SystemCallError``, for example `EADDRINUSE`.
    public init(
        address: SocketAddress,
        group: EventLoopGroup,
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "TCPServer"),
        makeHandler: @escaping HandlerFactory
    ) throws(SystemCallError) {
        let listener = try ListeningSocket(
            address: address,
            backlog: configuration.backlog,
            nonBlocking: true
        )
        self.localAddress = listener.localAddress
        self.group = group
        self.configuration = configuration
        self.logger = logger
        self.makeHandler = makeHandler
        self.acceptLoop = group.loops[0]
        self.registries = group.loops.map { LoopBound(handingOver: ConnectionRegistry(), to: $0) }
        let acceptor = LoopBound(handingOver: Acceptor(listener: listener), to: acceptLoop)
        acceptorBox.withLock { $0 = acceptor }
        acceptLoop.execute { [self] in acceptor.value.start(for: self) }
    }
    // end-snippet

    /// How many connections are open (accepted and not yet closed).
    public var connectionCount: Int {
        bookkeeping.withLock { $0.openConnections }
    }

    /// Counts a newly accepted connection; `false` if the server is full or shutting down.
    func admitConnection() -> Bool {
        bookkeeping.withLock { books in
            if books.isShuttingDown { return false }
            if let limit = configuration.maximumConnections, books.openConnections >= limit {
                return false
            }
            books.openConnections += 1
            return true
        }
    }

    /// Sets up an accepted socket on `loop`, which must be the current thread's loop.
    func adopt(_ socket: Socket, on loop: EventLoop) {
        let registry = self.registry(on: loop)
        let connection = TCPConnection(
            socket: socket,
            loop: loop,
            configuration: configuration.connection,
            handler: ClosedConnectionHandler.shared
        )
        connection.handler = makeHandler(connection)
        registry.connections[ObjectIdentifier(connection)] = connection
        connection.server = self
        if registry.phase != .serving {
            connection.close(error: TCPConnectionError.serverShutDown)
            return
        }
        do {
            try connection.start()
        } catch {
            logger.warning("could not register an accepted connection: \(error)")
        }
    }

    /// The connections on `loop`; call on `loop`.
    ///
    /// A loop outside the group gets a registry the first time a connection moves there;
    /// if the server is already shutting down, that registry starts draining at once.
    private func registry(on loop: EventLoop) -> ConnectionRegistry {
        if let index = group.loops.firstIndex(where: { $0 === loop }) {
            return registries[index].value
        }
        let (registry, lateShutdown) = bookkeeping.withLock { books in
            if let known = books.otherRegistries[ObjectIdentifier(loop)] {
                return (known, Duration?.none)
            }
            let registry = LoopBound(ConnectionRegistry(), on: loop)
            books.otherRegistries[ObjectIdentifier(loop)] = registry
            return (registry, books.isShuttingDown ? books.gracePeriod : nil)
        }
        if let lateShutdown { registry.value.shutDownAll(gracePeriod: lateShutdown, on: loop) }
        return registry.value
    }

    /// `connection` closed, on its loop: forget it and count it out.
    func connectionClosed(_ connection: TCPConnection) {
        registry(on: connection.loop).connections[ObjectIdentifier(connection)] = nil
        countClosedConnection()
    }

    /// `connection` is moving to another loop, where ``adoptMoved(_:)`` takes it in; it
    /// stays counted.
    func connectionMovesAway(_ connection: TCPConnection) {
        registry(on: connection.loop).connections[ObjectIdentifier(connection)] = nil
    }

    /// Takes in a connection that moved to the current thread's loop.
    ///
    /// - Returns: Where the server's shutdown stands on this loop, which the connection
    ///   must catch up with once it is open.
    func adoptMoved(_ connection: TCPConnection) -> ConnectionRegistry.Phase {
        let registry = registry(on: connection.loop)
        registry.connections[ObjectIdentifier(connection)] = connection
        connection.server = self
        return registry.phase
    }

    private func countClosedConnection() {
        let waiters = bookkeeping.withLock { books in
            books.openConnections -= 1
            guard books.isShuttingDown, books.openConnections == 0 else {
                return [CheckedContinuation<Void, Never>]()
            }
            defer { books.drainWaiters.removeAll() }
            return books.drainWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// A connection that was admitted but could not be handed to its loop.
    func admittedConnectionFailed() {
        countClosedConnection()
    }

    // snippet: graceful-shutdown
    /// Stops accepting, asks every connection to finish, and returns when all are closed.
    ///
    /// Each connection's handler hears
    /// ``TCPConnectionHandler/connectionShouldShutDown(_:)`` (by default: send what is
    /// queued, then close). Connections still open after `gracePeriod` are closed with
    /// ``TCPConnectionError/serverShutDown``. The group's loops keep running.
    ///
    /// - Parameter gracePeriod: How long connections get to finish.
    public func shutdown(gracePeriod: Duration = .seconds(10)) async {
        let (alreadyShuttingDown, otherRegistries) = bookkeeping.withLock { books in
            defer {
                books.isShuttingDown = true
                books.gracePeriod = gracePeriod
            }
            return (books.isShuttingDown, Array(books.otherRegistries.values))
        }
        if !alreadyShuttingDown {
            if let acceptor = acceptorBox.withLock({ $0 }) {
                acceptLoop.execute { acceptor.value.stop() }
            }
            for registry in registries + otherRegistries {
                registry.loop.execute {
                    registry.value.shutDownAll(gracePeriod: gracePeriod, on: registry.loop)
                }
            }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = bookkeeping.withLock { books in
                if books.openConnections == 0 { return true }
                books.drainWaiters.append(continuation)
                return false
            }
            if finished { continuation.resume() }
        }
    }
    // end-snippet
}

/// The connections of one server on one loop; touched only on that loop.
final class ConnectionRegistry {
    /// Where the server's shutdown stands on this loop.
    enum Phase {
        /// Not shutting down.
        case serving
        /// Connections were asked to finish; the grace period runs.
        case draining
        /// The grace period is over: connections still here were closed.
        case closing
    }

    var connections: [ObjectIdentifier: TCPConnection] = [:]
    private(set) var phase = Phase.serving

    func shutDownAll(gracePeriod: Duration, on loop: EventLoop) {
        phase = .draining
        for connection in Array(connections.values) {
            connection.handler.connectionShouldShutDown(connection)
        }
        loop.schedule(after: gracePeriod) { [self] in
            phase = .closing
            for connection in Array(connections.values) {
                connection.close(error: TCPConnectionError.serverShutDown)
            }
        }
    }
}
