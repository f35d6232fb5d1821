import Sockets

extension TCPConnection {
    // snippet: move-connection
    /// Hands this open connection over to `target`, another loop of this process, where a
    /// new `TCPConnection` around the same socket carries on with a handler made there.
    ///
    /// A connection lives on the loop that accepted it, and the acceptor spreads them
    /// round-robin. A protocol whose state spans several connections (an Engine.IO
    /// session: a long-poll, some POSTs, then a WebSocket) keeps that state on one loop,
    /// its *home*, touched there without locks; each connection moves home, and from then
    /// on every byte it brings is handled there, with no hop per message.
    ///
    /// On this loop the connection stops reading, leaves its selector, cancels its
    /// timers, and ends up closed (``isOpen`` is `false`) **without closing the socket and
    /// without telling its handler anything**: the handler asked for the move, so it
    /// knows; it must not touch the connection afterwards. On `target`, a new connection
    /// with the same ``configuration``
    ///
    /// 1. takes over the output still queued here, which is sent first, in order, before
    ///    anything written later;
    /// 2. is given to `makeHandler`, on `target`'s thread; what it writes is queued;
    /// 3. registers with `target`, and its new handler hears
    ///    ``TCPConnectionHandler/connectionDidOpen(_:)``;
    /// 4. hands `alreadyReceived` (bytes read here that belong to the new handler, such as
    ///    a WebSocket frame that came right behind the upgrade request) to
    ///    ``TCPConnectionHandler/connection(_:didReceive:)``.
    ///
    /// A connection accepted by a ``TCPServer`` stays counted once, and the server's
    /// ``TCPServer/shutdown(gracePeriod:)`` still reaches it on its new loop. If it cannot
    /// register there, the socket is closed and the new handler hears
    /// ``TCPConnectionHandler/connectionDidClose(_:error:)`` with the error.
    ///
    /// When `target` is this loop nothing moves: the handler is swapped in place, reading
    /// resumes if it was paused, and the new handler hears `connectionDidOpen` and then
    /// `alreadyReceived`, on this same, still open, connection.
    ///
    /// Call on this loop's thread. A connection that is not open, or is already closing
    /// (``closeAfterFlushing()``), is left alone, and `makeHandler` is not called.
    ///
    /// - Parameters:
    ///   - target: The loop the connection should live on from now on.
    ///   - alreadyReceived: Bytes already read that the new handler must see first.
    ///   - makeHandler: Makes the new handler, on `target`, with the new connection.
    public func move(
        to target: EventLoop,
        alreadyReceived: [UInt8] = [],
        makeHandler: @escaping @Sendable (TCPConnection) -> any TCPConnectionHandler
    ) {
        loop.preconditionInEventLoop()
        guard state == .open, !isClosingAfterFlush else { return }
        if target === loop {
            return swapHandler(makeHandler, alreadyReceived: alreadyReceived)
        }
        // Stop here, leaving the socket open: the new connection owns it from now on.
        state = .closed
        idleTimer?.cancel()
        lingerTimer?.cancel()
        if let registration { loop.deregister(registration) }
        registration = nil
        handler = ClosedConnectionHandler.shared
        let move = Move(
            socket: socket,
            configuration: configuration,
            output: writeBuffer,
            isOutputShutdownRequested: isOutputShutdownRequested,
            isOutputShutDown: isOutputShutDown,
            alreadyReceived: alreadyReceived,
            server: server
        )
        writeBuffer = WriteBuffer()
        server?.connectionMovesAway(self)
        server = nil
        target.execute { move.arrive(on: target, makeHandler: makeHandler) }
    }
    // end-snippet

    /// The move to this same loop: a new handler, on this connection.
    private func swapHandler(
        _ makeHandler: (TCPConnection) -> any TCPConnectionHandler,
        alreadyReceived: [UInt8]
    ) {
        // As during a read: writes are only queued, and leave together at the end.
        let wasDeliveringReads = isDeliveringReads
        isDeliveringReads = true
        defer {
            isDeliveringReads = wasDeliveringReads
            if !wasDeliveringReads && state == .open && !writeBuffer.isEmpty { flush() }
        }
        let newHandler = makeHandler(self)
        guard state == .open else { return }
        handler = newHandler
        isReadingPausedByUser = false
        updateInterest()
        guard state == .open else { return }
        newHandler.connectionDidOpen(self)
        if state == .open && !alreadyReceived.isEmpty {
            newHandler.connection(self, didReceive: alreadyReceived)
        }
    }
}

/// What a connection takes along to its new loop: everything in it is `Sendable`.
private struct Move: Sendable {
    let socket: Socket
    let configuration: TCPConnection.Configuration
    let output: WriteBuffer
    let isOutputShutdownRequested: Bool
    let isOutputShutDown: Bool
    let alreadyReceived: [UInt8]
    let server: TCPServer?

    /// Starts the new connection on `loop`, which is the current thread's.
    func arrive(
        on loop: EventLoop,
        makeHandler: @Sendable (TCPConnection) -> any TCPConnectionHandler
    ) {
        let connection = TCPConnection(
            socket: socket,
            loop: loop,
            configuration: configuration,
            handler: ClosedConnectionHandler.shared
        )
        connection.writeBuffer = output
        connection.isOutputShutdownRequested = isOutputShutdownRequested
        connection.isOutputShutDown = isOutputShutDown
        let shutdownPhase = server?.adoptMoved(connection)
        // Open (so the handler may write), but not yet registered: what it writes is
        // queued behind the output brought along, and sent once the connection has opened.
        connection.state = .open
        connection.isDeliveringReads = true
        let handler = makeHandler(connection)
        connection.isDeliveringReads = false
        guard connection.state == .open else { return }  // makeHandler closed it
        connection.handler = handler
        do {
            connection.registration = try loop.register(
                socket.descriptor,
                interest: .readable,
                handler: connection
            )
        } catch {
            return connection.close(error: error)
        }
        connection.becameOpen()
        if connection.state == .open && !alreadyReceived.isEmpty {
            connection.isDeliveringReads = true
            handler.connection(connection, didReceive: alreadyReceived)
            connection.isDeliveringReads = false
            if connection.state == .open && !connection.writeBuffer.isEmpty { connection.flush() }
        }
        guard connection.state == .open else { return }
        switch shutdownPhase {
        case .draining: handler.connectionShouldShutDown(connection)
        case .closing: connection.close(error: TCPConnectionError.serverShutDown)
        case .serving, nil: break
        }
    }
}
