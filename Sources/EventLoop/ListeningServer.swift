import Sockets

/// A server that listens on an address and shuts down gracefully.
///
/// ``TCPServer`` is one, and so is every server built on it (`HTTPServer`, and the
/// WebSocket servers that ride on it): whatever protocol it speaks, a program starts it,
/// says where it listens, and on `SIGTERM` asks it to stop, giving its connections time to
/// finish. The demos' shared start-up (`runServer` in DemoSupport) needs nothing more.
public protocol ListeningServer: Sendable {
    /// Where the server listens, with the real port when port `0` was asked for.
    var localAddress: SocketAddress { get }

    /// Stops accepting, asks every connection to finish, and returns when all are closed.
    ///
    /// - Parameter gracePeriod: How long connections get to finish before they are closed.
    func shutdown(gracePeriod: Duration) async
}

extension TCPServer: ListeningServer {}
