/// What happens to an Engine.IO client, told to the code that uses it (an application, or
/// Socket.IO's `Manager`, which reconnects when the client closes).
///
/// These are the JavaScript client's events: `open`, `message`, `upgrade`, `close`.
/// Every method is called on the client's loop, and each has a default.
public protocol EngineIOClientHandler: AnyObject {
    /// The handshake succeeded: the session is open and messages may flow.
    func clientDidOpen(_ client: EngineIOClient, handshake: EngineIOHandshake)

    /// A message arrived from the server.
    func client(_ client: EngineIOClient, didReceive message: EngineIOMessage)

    /// The session moved from long-polling to a WebSocket.
    func clientDidUpgrade(_ client: EngineIOClient)

    /// The session ended (or never opened); called once. A Socket.IO manager decides
    /// from `reason` whether to reconnect: it does after ``EngineIOCloseReason/pingTimeout``
    /// or a transport failure, not after ``EngineIOCloseReason/forcedClose``.
    func clientDidClose(_ client: EngineIOClient, reason: EngineIOCloseReason)
}

extension EngineIOClientHandler {
    /// Does nothing.
    public func clientDidOpen(_ client: EngineIOClient, handshake: EngineIOHandshake) {}

    /// Drops the message.
    public func client(_ client: EngineIOClient, didReceive message: EngineIOMessage) {}

    /// Does nothing.
    public func clientDidUpgrade(_ client: EngineIOClient) {}

    /// Does nothing.
    public func clientDidClose(_ client: EngineIOClient, reason: EngineIOCloseReason) {}
}

/// The handler of a client nobody listens to, or that has closed.
final class InertClientHandler: EngineIOClientHandler, Sendable {
    static let shared = InertClientHandler()
}
