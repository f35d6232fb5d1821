/// What happens to a connection, told to the code that serves it.
///
/// Every method is called on the connection's loop, one at a time, so a handler keeps its
/// state (a parser, a chat nickname) in plain stored properties without locks. Every
/// method has a default, so a handler implements only what it cares about.
public protocol TCPConnectionHandler: AnyObject {
    /// The connection is established and registered; you may write.
    func connectionDidOpen(_ connection: TCPConnection)

    /// Bytes arrived. They are a piece of a stream, not a message: a message may arrive
    /// in several pieces, and several messages in one.
    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8])

    /// The peer will send nothing more (it closed or half-closed its side).
    ///
    /// Default: finish sending what is queued, then close.
    func connectionDidReachEndOfInput(_ connection: TCPConnection)

    /// ``TCPConnection/isWritable`` changed: the queued output crossed the high- or
    /// low-water mark. A producer should pause while it is `false`.
    func connectionWritabilityDidChange(_ connection: TCPConnection)

    /// Nothing was sent or received for the configured idle timeout.
    ///
    /// Default: close with ``TCPConnectionError/idleTimeout``.
    func connectionDidTimeOut(_ connection: TCPConnection)

    /// The server is shutting down gracefully: finish what is under way, then close.
    ///
    /// Default: finish sending what is queued, then close.
    func connectionShouldShutDown(_ connection: TCPConnection)

    /// The connection is closed; `error` says why, `nil` for an orderly close. A client
    /// connection that never opened reports its connect error here.
    func connectionDidClose(_ connection: TCPConnection, error: (any Error)?)
}

extension TCPConnectionHandler {
    /// Does nothing.
    public func connectionDidOpen(_ connection: TCPConnection) {}

    /// Drops the bytes.
    public func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {}

    /// Sends what is queued, then closes.
    public func connectionDidReachEndOfInput(_ connection: TCPConnection) {
        connection.closeAfterFlushing()
    }

    /// Does nothing.
    public func connectionWritabilityDidChange(_ connection: TCPConnection) {}

    /// Closes the connection.
    public func connectionDidTimeOut(_ connection: TCPConnection) {
        connection.close(error: TCPConnectionError.idleTimeout)
    }

    /// Sends what is queued, then closes.
    public func connectionShouldShutDown(_ connection: TCPConnection) {
        connection.closeAfterFlushing()
    }

    /// Does nothing.
    public func connectionDidClose(_ connection: TCPConnection, error: (any Error)?) {}
}

/// Why the TCP layer closed a connection, beyond system-call failures.
public enum TCPConnectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing was sent or received for the idle timeout.
    case idleTimeout
    /// The queued output passed the configured maximum: the peer reads too slowly.
    case outputLimitExceeded(limit: Int)
    /// The connection was open when its loop stopped.
    case loopStopped
    /// The server shut down and the connection did not finish within the grace period.
    case serverShutDown
    /// The connection was already closed.
    case closed

    /// A message for logs.
    public var description: String {
        switch self {
        case .idleTimeout: "idle timeout"
        case .outputLimitExceeded(let limit):
            "more than \(limit) bytes waiting to be sent (the peer reads too slowly)"
        case .loopStopped: "the event loop stopped"
        case .serverShutDown: "the server shut down"
        case .closed: "the connection is closed"
        }
    }
}

/// The handler a connection has after it closed, so that it no longer keeps its old
/// handler (which usually keeps the connection) alive.
final class ClosedConnectionHandler: TCPConnectionHandler, Sendable {
    static let shared = ClosedConnectionHandler()
}
