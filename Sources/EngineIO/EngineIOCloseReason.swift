// snippet: close-reasons
/// Why a session ended, in the words the JavaScript implementation uses.
public enum EngineIOCloseReason: Error, Sendable, Equatable, CustomStringConvertible {
    /// The peer closed its transport, or sent a close packet ("transport close").
    case transportClose
    /// The transport failed, or the peer sent something that is not Engine.IO
    /// ("transport error" / "parse error").
    case transportError(String)
    /// No pong came within the ping timeout, or no ping within interval plus timeout on
    /// the client side ("ping timeout").
    case pingTimeout
    /// This side called `close()` ("forced close").
    case forcedClose
    /// The server is shutting down ("server shutting down").
    case serverShutdown
    /// Packets waited for a client that does not collect them, past the buffer limit.
    case bufferLimitExceeded(Int)

    /// The JavaScript name of the reason.
    public var name: String {
        switch self {
        case .transportClose: "transport close"
        case .transportError: "transport error"
        case .pingTimeout: "ping timeout"
        case .forcedClose: "forced close"
        case .serverShutdown: "server shutting down"
        case .bufferLimitExceeded: "buffer limit exceeded"
        }
    }

    /// The name, with the detail where there is one.
    public var description: String {
        switch self {
        case .transportError(let detail): "\(name): \(detail)"
        case .bufferLimitExceeded(let limit): "\(name): more than \(limit) bytes waiting"
        default: name
        }
    }
}
// end-snippet
