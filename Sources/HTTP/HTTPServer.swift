import EventLoop
import Sockets
import SystemCalls

/// An HTTP/1.1 server on an ``EventLoopGroup``.
///
/// ```swift
/// let server = try HTTPServer(address: address, group: group) { request, response in
///     response.respond(.text("Hello, World!"))
/// }
/// ```
///
/// It is a ``TCPServer`` whose connections each get an HTTP connection handler: a parser,
/// a queue of answers, and timers. The handler you give is called on the connection's
/// loop for every request, as soon as its head has arrived.
public final class HTTPServer: Sendable {
    /// Where the server listens, with the real port when port `0` was asked for.
    public var localAddress: SocketAddress { tcpServer.localAddress }
    /// The settings.
    public let configuration: Configuration
    private let tcpServer: TCPServer

    /// Starts listening on `address` and serving with `handler`.
    ///
    /// - Parameters:
    ///   - address: Where to listen; port `0` picks a free port.
    ///   - group: The loops that serve connections.
    ///   - configuration: Limits and timeouts.
    ///   - logger: Where connection problems are logged.
    ///   - handler: Serves each request.
    /// - Throws: ``SystemCallError``, for example `EADDRINUSE`.
    public init(
        address: SocketAddress,
        group: EventLoopGroup,
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "HTTPServer"),
        handler: any HTTPHandler
    ) throws(SystemCallError) {
        self.configuration = configuration
        let context = HTTPServerContext(
            configuration: configuration,
            handler: handler,
            logger: logger,
            loops: group.loops
        )
        var tcpConfiguration = configuration.tcp
        tcpConfiguration.maximumConnections = configuration.maximumConnections
        tcpServer = try TCPServer(
            address: address,
            group: group,
            configuration: tcpConfiguration,
            logger: logger
        ) { connection in
            HTTPConnectionHandler(connection: connection, context: context)
        }
    }

    /// Starts listening on `address` and serving with a closure.
    ///
    /// - Parameters:
    ///   - address: Where to listen; port `0` picks a free port.
    ///   - group: The loops that serve connections.
    ///   - configuration: Limits and timeouts.
    ///   - logger: Where connection problems are logged.
    ///   - handle: Serves each request.
    /// - Throws: ``SystemCallError``.
    public convenience init(
        address: SocketAddress,
        group: EventLoopGroup,
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "HTTPServer"),
        handle: @escaping @Sendable (HTTPRequest, HTTPResponseWriter) -> Void
    ) throws(SystemCallError) {
        try self.init(
            address: address,
            group: group,
            configuration: configuration,
            logger: logger,
            handler: HTTPHandlerFunction(handle)
        )
    }

    /// How many connections are open.
    public var connectionCount: Int { tcpServer.connectionCount }

    /// Stops accepting, lets requests in progress finish (their responses say
    /// `Connection: close`), and returns once every connection has closed.
    ///
    /// - Parameter gracePeriod: How long connections get before they are closed anyway.
    public func shutdown(gracePeriod: Duration = .seconds(10)) async {
        await tcpServer.shutdown(gracePeriod: gracePeriod)
    }
}

/// What every connection of one server shares: settings, the handler, and one
/// `Date` cache per loop.
final class HTTPServerContext: Sendable {
    let configuration: HTTPServer.Configuration
    let handler: any HTTPHandler
    let logger: Logger
    private let dateCaches: [ObjectIdentifier: LoopBound<HTTPDateCache>]

    init(
        configuration: HTTPServer.Configuration,
        handler: any HTTPHandler,
        logger: Logger,
        loops: [EventLoop]
    ) {
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
        var caches: [ObjectIdentifier: LoopBound<HTTPDateCache>] = [:]
        for loop in loops {
            caches[ObjectIdentifier(loop)] = LoopBound(
                handingOver: HTTPDateCache(loop: loop),
                to: loop
            )
        }
        self.dateCaches = caches
    }

    /// The `Date` cache of `loop`; call on `loop`.
    func dateCache(for loop: EventLoop) -> HTTPDateCache {
        if let cache = dateCaches[ObjectIdentifier(loop)] { return cache.value }
        return HTTPDateCache(loop: loop)
    }
}
