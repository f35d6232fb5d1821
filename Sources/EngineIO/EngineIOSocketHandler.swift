/// What happens to an Engine.IO session, told to the code that serves it (the
/// application, or the Socket.IO layer).
///
/// These are the events the JavaScript server emits on a socket: `message` is
/// ``socket(_:didReceive:)`` and `close` is ``socketDidClose(_:reason:)``. Every
/// method is called on the session's loop, one at a time, and each has a default.
public protocol EngineIOSocketHandler: AnyObject {
    /// A message arrived, text or binary, exactly as the peer sent it.
    func socket(_ socket: EngineIOSocket, didReceive message: EngineIOMessage)

    /// The session moved from long-polling to its WebSocket.
    func socketDidUpgrade(_ socket: EngineIOSocket)

    /// The session ended; nothing more can be sent or received. Called once.
    func socketDidClose(_ socket: EngineIOSocket, reason: EngineIOCloseReason)
}

extension EngineIOSocketHandler {
    /// Drops the message.
    public func socket(_ socket: EngineIOSocket, didReceive message: EngineIOMessage) {}

    /// Does nothing.
    public func socketDidUpgrade(_ socket: EngineIOSocket) {}

    /// Does nothing.
    public func socketDidClose(_ socket: EngineIOSocket, reason: EngineIOCloseReason) {}
}

/// The handler of a session nobody has claimed yet, or that has closed.
final class InertSocketHandler: EngineIOSocketHandler, Sendable {
    static let shared = InertSocketHandler()
}
