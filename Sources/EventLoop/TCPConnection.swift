import Sockets
import SystemCalls

/// A TCP connection driven by an event loop: non-blocking reads, buffered writes,
/// back-pressure, half-close, idle timeout.
///
/// A connection lives on one ``EventLoop`` and is used only on its thread (every method
/// checks). Its ``handler`` hears what happens; the connection does the system calls:
///
/// ```
///   readable ──▶ read into the loop's buffer ──▶ handler.connection(_:didReceive:)
///                                                     │ connection.write(reply)
///   writable ◀── send what the kernel takes ◀── WriteBuffer ◀┘
/// ```
///
/// **Back-pressure.** When more than ``Configuration/highWaterMark`` bytes wait to be
/// sent, the connection stops reading (so a client that sends requests without reading
/// the answers stops being served, instead of filling our memory) and reports
/// ``isWritable`` `false`; below ``Configuration/lowWaterMark`` it resumes.
/// ``Configuration/maximumPendingOutput`` is the hard limit for output that others
/// produce (a chat broadcast to a client that never reads): past it, the connection is
/// closed.
///
/// **Moving.** ``move(to:alreadyReceived:makeHandler:)`` hands the socket to another loop,
/// with its queued output, where a new `TCPConnection` and a new handler carry on; this
/// object is then closed without closing the socket (TCPConnection+Move.swift).
public final class TCPConnection: ReadinessHandler, CustomStringConvertible {
    /// Settings for one connection.
    public struct Configuration: Sendable {
        /// Stop reading while more than this many bytes wait to be sent.
        public var highWaterMark = 256 * 1024
        /// Resume reading once the bytes waiting fall to this many.
        public var lowWaterMark = 64 * 1024
        /// Close the connection if more than this many bytes wait; `nil`: no limit.
        public var maximumPendingOutput: Int? = 16 * 1024 * 1024
        /// Close a connection that sends and receives nothing for this long; `nil`: never.
        public var idleTimeout: Duration? = nil
        /// After ``TCPConnection/closeAfterFlushing()``, how long to wait for the peer to
        /// close its side before closing anyway.
        public var lingerTimeout: Duration = .seconds(2)
        /// Set `TCP_NODELAY`, so small replies leave at once.
        public var noDelay = true
        /// Reads per readiness report before letting other connections have a turn.
        public var maximumReadsPerWakeUp = 4

        /// The defaults.
        public init() {}
    }

    enum State {
        case connecting
        case open
        case closed
    }

    /// The loop this connection lives on.
    public let loop: EventLoop
    /// The socket; the connection closes it.
    public let socket: Socket
    /// The settings.
    public let configuration: Configuration
    /// Who hears what happens.
    ///
    /// Replace it to hand the connection to another protocol;
    /// ``move(to:alreadyReceived:makeHandler:)`` does that with the whole hand-over (the new
    /// handler hears `connectionDidOpen` and the bytes already read), on this loop or
    /// another, and is how an HTTP server hands a connection to WebSocket.
    public var handler: any TCPConnectionHandler

    // Internal rather than private: moving to another loop (TCPConnection+Move) hands
    // this state over.
    var state: State
    var registration: Registration?
    var writeBuffer = WriteBuffer()
    var isDeliveringReads = false
    var isReadingPausedByUser = false
    private var isReadingPausedForBackPressure = false
    var isOutputShutdownRequested = false
    var isOutputShutDown = false
    var isClosingAfterFlush = false
    var idleTimer: ScheduledTimer?
    var lingerTimer: ScheduledTimer?
    private var lastActivity: LoopInstant
    /// The server that accepted the connection and counts it.
    ///
    /// It is told when the connection closes or moves to another loop. Weak: a server
    /// dropped without a shutdown is not kept alive by its connections.
    weak var server: TCPServer?

    /// Whether the peer has ended its side of the stream (we read end-of-file).
    public private(set) var isInputClosed = false
    /// `false` while more than the high-water mark of output waits to be sent.
    public private(set) var isWritable = true
    /// Whether the connection is open (not yet closed, and not still connecting).
    public var isOpen: Bool { state == .open }
    /// How many bytes wait to be sent.
    public var pendingOutputCount: Int { writeBuffer.count }

    /// Wraps a connected, non-blocking socket.
    ///
    /// Call ``start()`` to register it.
    ///
    /// - Parameters:
    ///   - socket: A connected, non-blocking socket.
    ///   - loop: The loop to live on; the caller must be on its thread.
    ///   - configuration: The settings.
    ///   - handler: Who hears what happens.
    public init(
        socket: Socket,
        loop: EventLoop,
        configuration: Configuration = Configuration(),
        handler: any TCPConnectionHandler
    ) {
        loop.preconditionInEventLoop()
        self.socket = socket
        self.loop = loop
        self.configuration = configuration
        self.handler = handler
        self.state = .connecting
        self.lastActivity = loop.now
    }

    /// `connection fd 7 on loop-0`.
    public var description: String { "connection \(socket.descriptor) on \(loop.name)" }

    /// The peer's address, if the socket can still tell.
    public var remoteAddress: SocketAddress? { try? socket.peerAddress() }

    /// Registers the socket with the loop and tells the handler the connection is open.
    ///
    /// - Throws: ``SystemCallError`` if the socket cannot be registered; it is then closed.
    public func start() throws(SystemCallError) {
        loop.preconditionInEventLoop()
        if configuration.noDelay { try? socket.set(.noDelay, true) }
        do {
            registration = try loop.register(socket.descriptor, interest: .readable, handler: self)
        } catch {
            close(error: error)
            throw error
        }
        becameOpen()
    }

    /// Marks the connection open, starts the idle timer and tells the handler.
    ///
    /// Output queued before (written while connecting, or brought along by a move) is
    /// sent first.
    func becameOpen() {
        state = .open
        lastActivity = loop.now
        if let timeout = configuration.idleTimeout { armIdleTimer(after: timeout) }
        updateInterest()
        handler.connectionDidOpen(self)
        if state == .open && !writeBuffer.isEmpty { flush() }  // written before we opened
    }

    /// Called while connecting, before the connection opens (see TCPConnection+Connect).
    func setConnecting(registration: Registration) {
        self.registration = registration
    }

    // MARK: Readiness

    /// The loop reports the socket ready.
    public func handleReadiness(_ readiness: Readiness) {
        switch state {
        case .closed:
            return
        case .connecting:
            finishConnecting()
            return
        case .open:
            break
        }
        if readiness.isWritable || (readiness.isHangUpOrError && !writeBuffer.isEmpty) {
            flush()
        }
        if state == .open && (readiness.isReadable || readiness.isHangUpOrError) {
            // A hang-up is reported even when we asked for nothing: read anyway to learn
            // the error or the end of stream, or we would be told again forever.
            readAvailable(evenIfPaused: readiness.isHangUpOrError)
        }
    }

    /// The loop is stopping: close.
    public func loopWillStop() {
        close(error: TCPConnectionError.loopStopped)
    }

    // snippet: read-available
    private func readAvailable(evenIfPaused: Bool) {
        isDeliveringReads = true
        var reads = 0
        while state == .open && !isInputClosed && reads < configuration.maximumReadsPerWakeUp {
            if !evenIfPaused && (isReadingPausedByUser || isReadingPausedForBackPressure) { break }
            reads += 1
            let buffer = loop.sharedReadBuffer
            let count: Int?
            do {
                count = try socket.descriptor.read(into: buffer)
            } catch {
                isDeliveringReads = false
                close(error: error)  // ECONNRESET and friends
                return
            }
            guard let count else { break }  // EAGAIN: nothing more for now
            if count == 0 {
                inputEnded()
                break
            }
            lastActivity = loop.now
            if !isClosingAfterFlush {  // while lingering, what arrives is discarded
                handler.connection(self, didReceive: Array(buffer[0..<count]))
            }
            if count < buffer.count { break }  // a short read: the socket is drained
        }
        isDeliveringReads = false
        // Writes made by the handler above were only queued; send them in one go.
        if state == .open && !writeBuffer.isEmpty { flush() }
    }
    // end-snippet

    private func inputEnded() {
        isInputClosed = true
        updateInterest()
        if isClosingAfterFlush {
            if writeBuffer.isEmpty { close() }
        } else {
            handler.connectionDidReachEndOfInput(self)
        }
    }

    // MARK: Writing

    /// Queues `bytes` to be sent, and sends what it can at once.
    ///
    /// Inside ``TCPConnectionHandler/connection(_:didReceive:)`` the bytes are only queued:
    /// everything written while handling one batch of reads leaves in as few `send` calls
    /// as possible. Bytes written before the connection opens wait until it does. Writing
    /// to a closed connection, or after ``shutdownOutput()``, does nothing.
    ///
    /// - Parameter bytes: The bytes to send.
    public func write(_ bytes: [UInt8]) {
        loop.preconditionInEventLoop()
        guard state != .closed, !isOutputShutdownRequested else { return }
        writeBuffer.append(bytes)
        if let limit = configuration.maximumPendingOutput, writeBuffer.count > limit {
            close(error: TCPConnectionError.outputLimitExceeded(limit: limit))
            return
        }
        if isDeliveringReads || state == .connecting {
            updateWritability()
        } else {
            flush()
        }
    }

    /// Queues `text` as UTF-8.
    ///
    /// - Parameter text: The text to send.
    public func write(_ text: String) {
        write(Array(text.utf8))
    }

    func flush() {
        let before = writeBuffer.count
        let drained: Bool
        do {
            drained = try writeBuffer.flush { (bytes) throws(SystemCallError) in
                try socket.descriptor.send(bytes)
            }
        } catch {
            close(error: error)  // EPIPE, ECONNRESET: the peer is gone
            return
        }
        if writeBuffer.count != before { lastActivity = loop.now }
        if drained { outputDrained() }
        guard state == .open else { return }
        updateWritability()
        updateInterest()
    }

    private func outputDrained() {
        if isOutputShutdownRequested && !isOutputShutDown {
            isOutputShutDown = true
            try? socket.descriptor.shutdown(shutdownWriteSide)
        }
        if isClosingAfterFlush {
            if isInputClosed {
                close()
            } else if lingerTimer == nil {
                lingerTimer = loop.schedule(after: configuration.lingerTimeout) { [weak self] in
                    self?.close()
                }
            }
        }
    }

    private func updateWritability() {
        guard state != .closed else { return }
        if isWritable && writeBuffer.count > configuration.highWaterMark {
            isWritable = false
            isReadingPausedForBackPressure = true
            updateInterest()
            handler.connectionWritabilityDidChange(self)
        } else if !isWritable && writeBuffer.count <= configuration.lowWaterMark {
            isWritable = true
            isReadingPausedForBackPressure = false
            updateInterest()
            handler.connectionWritabilityDidChange(self)
        }
    }

    // snippet: update-interest
    /// Asks the loop for exactly what the connection can use now: reading unless paused
    /// or ended, writing only while output waits.
    func updateInterest() {
        guard state == .open, let registration else { return }
        var interest: Interest = []
        if !isInputClosed && !isReadingPausedByUser && !isReadingPausedForBackPressure {
            interest.insert(.readable)
        }
        if !writeBuffer.isEmpty { interest.insert(.writable) }
        do {
            try loop.setInterest(interest, for: registration)
        } catch {
            close(error: error)
        }
    }
    // end-snippet

    // MARK: Flow control

    /// Stops reading until ``resumeReading()``: the kernel's buffer fills, and TCP then
    /// tells the peer to stop sending.
    public func pauseReading() {
        loop.preconditionInEventLoop()
        isReadingPausedByUser = true
        updateInterest()
    }

    /// Reads again after ``pauseReading()``.
    public func resumeReading() {
        loop.preconditionInEventLoop()
        isReadingPausedByUser = false
        updateInterest()
    }

    // MARK: Closing

    /// Half-closes: once the queued output is sent, sends a FIN.
    ///
    /// The peer reads end-of-file, and we can still read what it sends.
    public func shutdownOutput() {
        loop.preconditionInEventLoop()
        guard state == .open, !isOutputShutdownRequested else { return }
        isOutputShutdownRequested = true
        if writeBuffer.isEmpty { outputDrained() }
    }

    /// Closes gracefully: stop handling input, send what is queued, half-close, and close
    /// once the peer closes too (or after ``Configuration/lingerTimeout``).
    ///
    /// Closing a socket while unread bytes sit in its receive buffer makes the kernel send
    /// a reset, and the peer may then lose the last reply we sent. Waiting for the peer's
    /// end-of-file first ("lingering") lets the reply arrive.
    public func closeAfterFlushing() {
        loop.preconditionInEventLoop()
        guard state != .closed, !isClosingAfterFlush else { return }
        guard state == .open else { return close() }
        isClosingAfterFlush = true
        isReadingPausedByUser = false
        isReadingPausedForBackPressure = false
        isOutputShutdownRequested = true
        if writeBuffer.isEmpty { outputDrained() }
        updateInterest()
    }

    /// Closes now; queued output is dropped.
    ///
    /// Closing twice does nothing.
    ///
    /// - Parameter error: Why, passed to ``TCPConnectionHandler/connectionDidClose(_:error:)``;
    ///   `nil` for an orderly close.
    public func close(error: (any Error)? = nil) {
        loop.preconditionInEventLoop()
        guard state != .closed else { return }
        state = .closed
        idleTimer?.cancel()
        lingerTimer?.cancel()
        if let registration { loop.deregister(registration) }
        socket.close()
        writeBuffer = WriteBuffer()
        let handler = self.handler
        self.handler = ClosedConnectionHandler.shared  // break the connection ⇄ handler cycle
        handler.connectionDidClose(self, error: error)
        server?.connectionClosed(self)
        server = nil
    }

    // MARK: Idle timeout

    func armIdleTimer(after delay: Duration) {
        idleTimer = loop.schedule(after: delay) { [weak self] in self?.idleTimerFired() }
    }

    /// Rather than re-arming a timer on every read, remember the last activity and, when
    /// the timer fires, check whether the connection really was idle that long.
    private func idleTimerFired() {
        guard state == .open, let timeout = configuration.idleTimeout else { return }
        let idle = loop.now - lastActivity
        if idle >= timeout {
            handler.connectionDidTimeOut(self)
            if state == .open { armIdleTimer(after: timeout) }
        } else {
            armIdleTimer(after: timeout - idle)
        }
    }
}
