import Sockets
import SystemCalls

/// The listening socket's handler: accepts every waiting client and spreads them over the
/// group's loops.
final class Acceptor: ReadinessHandler {
    private let listener: ListeningSocket
    // Weak: a server that is dropped without a shutdown must not be kept alive by its
    // own listening socket. The acceptor then stops at the next wake-up.
    private weak var server: TCPServer?
    private var loop: EventLoop?
    private var registration: Registration?

    init(listener: ListeningSocket) {
        self.listener = listener
    }

    func start(for server: TCPServer) {
        self.server = server
        let loop = server.group.loops[0]
        self.loop = loop
        do {
            registration = try loop.register(
                listener.socket.descriptor,
                interest: .readable,
                handler: self
            )
        } catch {
            server.logger.error("cannot watch the listening socket: \(error)")
        }
    }

    // snippet: accept-spread
    func handleReadiness(_ readiness: Readiness) {
        guard let server, let loop else { return stop() }
        // Take up to 64 clients per wake-up, then give the loop's other work a turn.
        for _ in 0..<64 {
            let socket: Socket?
            do {
                socket = try listener.acceptIfReady(nonBlocking: true)
            } catch {
                acceptFailed(error, server: server, loop: loop)
                return
            }
            guard let socket else { return }  // the queue is empty
            guard server.admitConnection() else {
                server.logger.warning("refusing a connection: limit reached or shutting down")
                socket.close()
                continue
            }
            let target = server.group.next()
            if target === loop {
                server.adopt(socket, on: target)
            } else {
                target.execute { [server] in server.adopt(socket, on: target) }
            }
        }
    }
    // end-snippet

    /// `EMFILE` leaves the client in the queue, so the listener stays readable and we would spin.
    ///
    /// Stop watching for a moment instead, and hope connections close meanwhile.
    private func acceptFailed(_ error: SystemCallError, server: TCPServer, loop: EventLoop) {
        switch error.errno {
        case .connectionAborted, .interrupted:
            return  // that client gave up; the next wake-up takes the others
        case .tooManyOpenFiles, .tooManyOpenFilesInSystem, .noBufferSpace, .outOfMemory:
            server.logger.warning("accept: \(error); pausing accepts")
            guard let registration else { return }
            try? loop.setInterest([], for: registration)
            loop.schedule(after: server.configuration.acceptBackoff) { [weak self] in
                guard let registration = self?.registration else { return }
                try? loop.setInterest(.readable, for: registration)
            }
        default:
            server.logger.error("accept: \(error)")
        }
    }

    func loopWillStop() {
        stop()
    }

    /// Stops accepting and closes the listening socket, releasing the port.
    func stop() {
        if let registration, let loop { loop.deregister(registration) }
        registration = nil
        listener.close()
    }
}
