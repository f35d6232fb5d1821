import HTTP
import WebSockets

extension EngineIOServer {
    /// The server's timers and limits, each with a default and each an option.
    ///
    /// The first four are sent to every client in the open packet, so both sides agree.
    public struct Configuration: Sendable {
        /// How often the server pings each session (the JavaScript server's default).
        public var pingInterval: Duration = .seconds(25)
        /// How long a pong may take before the session is considered dead.
        public var pingTimeout: Duration = .seconds(20)
        /// The largest body a `POST` may carry, and the largest WebSocket message, in
        /// bytes (`maxPayload`); larger gets `413`, or WebSocket close code 1009.
        public var maximumPayload = 1_000_000
        /// The transports clients may use.
        public var transports: Set<EngineIOTransport> = [.polling, .websocket]
        /// Whether a polling session may move to a WebSocket.
        public var allowsUpgrades = true
        /// How long an upgrade may take, from the `101` to the client's `5`, before the
        /// WebSocket is closed and the session stays on polling.
        public var upgradeTimeout: Duration = .seconds(10)
        /// Sessions beyond this many are refused at the handshake (`503`).
        public var maximumSessions = 10_000
        /// The most bytes queued for one client that does not collect them (a long-polling
        /// outbox, or a WebSocket's unsent output); past it, the session is closed.
        public var maximumBufferedBytes = 2 * 1_000_000
        /// Which browser pages may talk to the server (CORS).
        public var cors = EngineIOCORS()
        /// Decides whether a handshake may open a session (the JavaScript server's
        /// `allowRequest`).
        ///
        /// `nil` allows every one. A refusal is answered `403`.
        public var allowRequest: (@Sendable (HTTPRequest) -> EngineIOAdmission)?
        /// The WebSocket connections' other limits and timers; the message and frame
        /// limits follow ``maximumPayload``.
        public var webSocket = WebSocketConfiguration()
        /// The codecs, the heartbeat and the upgrade dance: the library's own, unless the
        /// course swaps in a learner's (see ``EngineIOParts``).
        public var parts = EngineIOParts()

        /// The defaults of the JavaScript server: 25 s pings, 20 s timeout, 1 MB payloads.
        public init() {}
    }
}

/// What the `allowRequest` hook decides about a handshake.
public enum EngineIOAdmission: Sendable, Equatable {
    /// Open the session.
    case allow
    /// Refuse with `403`; the reason goes to the log, not to the client.
    case refuse(String)
}

/// Cross-origin access for browser pages on other origins.
///
/// A page can read a polling response from another origin only if the response says so
/// (`Access-Control-Allow-Origin`); with cookies (`withCredentials`) it must name the
/// origin exactly and add `Access-Control-Allow-Credentials: true`. WebSocket upgrades are
/// not subject to CORS, and are accepted from any origin.
public struct EngineIOCORS: Sendable, Equatable {
    /// The origins allowed, such as `https://example.com`; `*` allows every origin.
    public var allowedOrigins: Set<String> = ["*"]
    /// Whether the page may send cookies (answers then name the origin, never `*`).
    public var allowsCredentials = false

    /// Every origin, without credentials: what the protocol's own test pages need.
    public init() {}

    /// The given origins, with or without credentials.
    ///
    /// - Parameters:
    ///   - allowedOrigins: The origins.
    ///   - allowsCredentials: Whether cookies may be sent.
    public init(allowedOrigins: Set<String>, allowsCredentials: Bool = false) {
        self.allowedOrigins = allowedOrigins
        self.allowsCredentials = allowsCredentials
    }

    /// The fields to add to a response for a request from `origin`.
    ///
    /// - Parameter origin: The request's `Origin`, if it sent one.
    /// - Returns: The fields; empty for an origin that is not allowed.
    func headers(for origin: String?) -> [(String, String)] {
        let anyOrigin = allowedOrigins.contains("*")
        guard let origin else { return anyOrigin ? [("Access-Control-Allow-Origin", "*")] : [] }
        guard anyOrigin || allowedOrigins.contains(origin) else { return [] }
        if anyOrigin && !allowsCredentials { return [("Access-Control-Allow-Origin", "*")] }
        var fields = [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
        if allowsCredentials { fields.append(("Access-Control-Allow-Credentials", "true")) }
        return fields
    }
}
