import EventLoop
import HTTP
import SystemCalls
import WebSockets

/// An Engine.IO v4 server: mount it on an HTTP path, and every client that connects
/// becomes an ``EngineIOSocket``.
///
/// ```swift
/// let engine = EngineIOServer { socket in
///     socket.handler = Echo()  // an EngineIOSocketHandler
/// }
/// var router = HTTPRouter()
/// router.engineIO("/engine.io/", engine)
/// ```
///
/// The server is an ``HTTPHandler``: each request to its path is a handshake, a poll, a
/// post, or a WebSocket upgrade, and it answers each the way the protocol says (the
/// refusals with the Node.js server's codes, see ``EngineIORequestError``). It keeps a
/// table of open sessions, shared by every loop; that table is looked up once per HTTP
/// request, never per packet.
public final class EngineIOServer: HTTPHandler, Sendable {
    /// The timers and limits.
    public var configuration: Configuration { context.configuration }
    let context: EngineIOServerContext

    /// A server that calls `onConnection` for every new session.
    ///
    /// - Parameters:
    ///   - configuration: Timers and limits.
    ///   - logger: Where refusals and closed sessions are logged.
    ///   - onConnection: Called on the session's loop, right after the handshake and
    ///     before any packet from the client is handled: set the socket's handler here.
    public init(
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "EngineIO"),
        onConnection: @escaping @Sendable (EngineIOSocket) -> Void
    ) {
        context = EngineIOServerContext(
            configuration: configuration,
            logger: logger,
            onConnection: onConnection
        )
    }

    /// How many sessions are open.
    public var sessionCount: Int { context.sessionCount }

    /// Closes every session (the handlers hear ``EngineIOCloseReason/serverShutdown``).
    ///
    /// Call it before shutting the HTTP server down, so long-polling clients get their
    /// close packet instead of a dropped connection.
    public func closeAllSessions() {
        context.closeAll()
    }

    // snippet: eio-dispatch
    /// Sorts a request out: preflight, handshake, or a request of an open session.
    public func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) {
        let cors = configuration.cors.headers(for: request.headers["Origin"])
        let response =
            cors.isEmpty
            ? response
            : response.transformingHead { head in
                for (name, value) in cors { head.headers.set(name: name, value: value) }
            }
        if request.method == .options { return answerPreflight(request, response) }
        let engineRequest: EngineIORequest
        do {
            engineRequest = try EngineIORequest(
                query: request.query,
                transports: configuration.transports
            )
        } catch {
            return refuse(error, response)
        }
        if let sid = engineRequest.sessionID {
            guard let session = context.session(sid) else {
                return refuse(.unknownSession, response)
            }
            forward(request, engineRequest.transport, to: session, response)
        } else {
            handshake(request, engineRequest.transport, response)
        }
    }
    // end-snippet

    /// Answers a refusal with its status and the Node.js JSON body.
    func refuse(_ error: EngineIORequestError, _ response: HTTPResponseWriter) {
        context.logger.debug("refused: \(error)")
        response.respond(error.response)
    }

    private func answerPreflight(_ request: HTTPRequest, _ response: HTTPResponseWriter) {
        let requested = request.headers["Access-Control-Request-Headers"]
        response.respond(
            status: .noContent,
            headers: [
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": requested ?? "Content-Type",
                "Access-Control-Max-Age": "600",
            ]
        )
    }
}

/// What the server and every session share: the settings, the table of sessions.
final class EngineIOServerContext: Sendable {
    let configuration: EngineIOServer.Configuration
    /// The codecs, the heartbeat and the dance every session runs.
    let parts: EngineIOParts
    let logger: Logger
    let onConnection: @Sendable (EngineIOSocket) -> Void
    private let sessions = Locked<[String: LoopBound<EngineIOSocket>]>([:])

    init(
        configuration: EngineIOServer.Configuration,
        logger: Logger,
        onConnection: @escaping @Sendable (EngineIOSocket) -> Void
    ) {
        var configuration = configuration
        configuration.webSocket.maximumMessageSize = configuration.maximumPayload
        configuration.webSocket.maximumFrameSize = configuration.maximumPayload
        self.configuration = configuration
        self.parts = configuration.parts
        self.logger = logger
        self.onConnection = onConnection
    }

    var sessionCount: Int { sessions.withLock { $0.count } }

    /// The session with id `sid`, if open.
    func session(_ sid: String) -> LoopBound<EngineIOSocket>? {
        sessions.withLock { $0[sid] }
    }

    /// Adds a new session, unless the server is full.
    ///
    /// - Returns: `false` if ``EngineIOServer/Configuration/maximumSessions`` are open.
    func register(_ session: LoopBound<EngineIOSocket>, id: String) -> Bool {
        sessions.withLock { sessions in
            guard sessions.count < configuration.maximumSessions else { return false }
            sessions[id] = session
            return true
        }
    }

    /// Forgets a closed session.
    func forget(_ sid: String) {
        sessions.withLock { $0[sid] = nil }
    }

    /// Closes every session, each on its loop.
    func closeAll() {
        let all = sessions.withLock { Array($0.values) }
        for session in all {
            session.loop.execute { session.value.close(reason: .serverShutdown) }
        }
    }
}
