import Sockets
import SystemCalls

extension TCPConnection {
    // snippet: nonblocking-connect
    /// Opens a client connection from this loop, without blocking it.
    ///
    /// The socket is non-blocking, so `connect(2)` returns at once with `EINPROGRESS`. The
    /// connection registers for *writable*, which is how the kernel reports that the
    /// handshake has ended; `SO_ERROR` then says whether it succeeded. The handler hears
    /// ``TCPConnectionHandler/connectionDidOpen(_:)``, or
    /// ``TCPConnectionHandler/connectionDidClose(_:error:)`` with the `connect` error
    /// (`ECONNREFUSED`, or `ETIMEDOUT` after `timeout`). Call on the loop's thread.
    ///
    /// - Parameters:
    ///   - address: The server.
    ///   - loop: The loop to live on.
    ///   - configuration: The connection's settings.
    ///   - timeout: How long the handshake may take.
    ///   - handler: Who hears what happens.
    /// - Returns: The connection, still connecting.
    /// - Throws: ``SystemCallError`` if no socket could be created.
    @discardableResult
    public static func connect(
        to address: SocketAddress,
        on loop: EventLoop,
        configuration: Configuration = Configuration(),
        timeout: Duration = .seconds(10),
        handler: any TCPConnectionHandler
    ) throws(SystemCallError) -> TCPConnection {
        let socket = try Socket(family: address.family)
        try socket.setNonBlocking(true)
        let connection = TCPConnection(
            socket: socket,
            loop: loop,
            configuration: configuration,
            handler: handler
        )
        do {
            let connected = try address.withSockAddr { (pointer, length) throws(SystemCallError) in
                try socket.descriptor.connect(to: pointer, length: length)
            }
            if connected {
                try connection.start()
            } else {
                let registration = try loop.register(
                    socket.descriptor,
                    interest: .writable,
                    handler: connection
                )
                connection.setConnecting(registration: registration)
                loop.schedule(after: timeout) { [weak connection] in
                    guard let connection, !connection.isOpen else { return }
                    connection.close(error: SystemCallError(call: "connect", errno: .timedOut))
                }
            }
        } catch {
            // Report a failure the way every other failure is reported: to the handler, on
            // a later turn of the loop, after the caller has stored the connection.
            loop.schedule(after: .zero) { connection.close(error: error) }
        }
        return connection
    }

    /// The socket became writable while connecting: the handshake is over.
    func finishConnecting() {
        do {
            if let failure = try socket.descriptor.pendingError() {
                throw SystemCallError(call: "connect", errno: failure)
            }
        } catch {
            close(error: error)
            return
        }
        if configuration.noDelay { try? socket.set(.noDelay, true) }
        becameOpen()
    }
    // end-snippet
}
