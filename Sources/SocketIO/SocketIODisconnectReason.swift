import EngineIO

/// Why a socket left its namespace, in the words the JavaScript server uses (the
/// `reason` its `disconnect` event receives), so a reader of the Socket.IO docs finds the
/// same names here.
public enum SocketIODisconnectReason: Sendable, Hashable, CustomStringConvertible {
    /// The server called ``SocketIOSocket/disconnect(close:)``.
    case serverNamespaceDisconnect
    /// The client sent a DISCONNECT for this namespace (its `socket.disconnect()`).
    case clientNamespaceDisconnect
    /// The server is shutting down.
    case serverShuttingDown
    /// The client did not answer a ping in time.
    case pingTimeout
    /// The connection was closed: the client left, or its network went away.
    case transportClose
    /// The connection failed.
    case transportError
    /// The client sent something that is not valid Socket.IO; the connection was closed.
    case parseError
    /// This server closed the Engine.IO connection (``SocketIOSocket/conn`` `.close()`).
    case forcedClose
    /// The connection was closed after ``SocketIOSocket/disconnect(close:)`` with `true`.
    case forcedServerClose
    /// The client stopped reading while packets piled up for it, past the server's limit
    /// (``EngineIO/EngineIOServer/Configuration/maximumBufferedBytes``). Not a JavaScript
    /// reason: Node.js has no such limit.
    case bufferLimitExceeded
    /// The client sent events faster than ``SocketIOServer/Configuration/eventRateLimit``
    /// allows. Not a JavaScript reason either.
    case rateLimitExceeded

    /// The JavaScript name, such as `server namespace disconnect` or `transport close`.
    public var name: String {
        switch self {
        case .serverNamespaceDisconnect: "server namespace disconnect"
        case .clientNamespaceDisconnect: "client namespace disconnect"
        case .serverShuttingDown: "server shutting down"
        case .pingTimeout: "ping timeout"
        case .transportClose: "transport close"
        case .transportError: "transport error"
        case .parseError: "parse error"
        case .forcedClose: "forced close"
        case .forcedServerClose: "forced server close"
        case .bufferLimitExceeded: "buffer limit exceeded"
        case .rateLimitExceeded: "rate limit exceeded"
        }
    }

    /// The name.
    public var description: String { name }

    /// Whether the client may come back and find its state (connection state recovery):
    /// the reasons that are the network's fault or the server's, not a decision to leave.
    ///
    /// The JavaScript server's `RECOVERABLE_DISCONNECT_REASONS`.
    public var isRecoverable: Bool {
        switch self {
        case .transportError, .transportClose, .forcedClose, .pingTimeout, .serverShuttingDown,
            .forcedServerClose, .bufferLimitExceeded:
            true
        case .serverNamespaceDisconnect, .clientNamespaceDisconnect, .parseError,
            .rateLimitExceeded:
            false
        }
    }

    /// The reason an Engine.IO session's end gives the sockets on it.
    init(_ reason: EngineIOCloseReason) {
        switch reason {
        case .transportClose: self = .transportClose
        case .transportError: self = .transportError
        case .pingTimeout: self = .pingTimeout
        case .forcedClose: self = .forcedClose
        case .serverShutdown: self = .serverShuttingDown
        case .bufferLimitExceeded: self = .bufferLimitExceeded
        }
    }
}
