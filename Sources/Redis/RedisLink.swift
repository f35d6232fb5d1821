import EventLoop
import Sockets
import SystemCalls

/// What a ``RedisLink`` tells the code that uses it, on the link's loop.
protocol RedisLinkDelegate: AnyObject {
    /// The connection is open and its handshake succeeded: requests may be written.
    func linkDidBecomeReady(_ link: RedisLink)
    /// A value arrived after the handshake.
    func link(_ link: RedisLink, didReceive value: RESPValue)
    /// The connection is gone, or an attempt to make one failed; `wasReady` says whether
    /// it had become ready. The link reconnects afterwards, unless it was closed or
    /// ``RedisLink/reconnectsAutomatically`` is `false`.
    func link(_ link: RedisLink, didDisconnect error: RedisError, wasReady: Bool)
}

/// One connection to Redis that comes back when it drops.
///
/// It connects, sends the handshake, parses what arrives, and reconnects with backoff.
/// Touched only on its loop.
///
/// Both faces of the client stand on it: ``RedisConnection`` matches the values it
/// delivers to requests, ``RedisSubscriber`` turns them into messages. The link knows
/// nothing of either; it only keeps a connection open and says what arrives.
///
/// ```
///   connect ──▶ handshake (HELLO/AUTH/SELECT) ──▶ ready ──▶ values to the delegate
///      ▲                                            │ drop, timeout, bad bytes
///      └────── wait: backoff with jitter ◀──────────┘
/// ```
final class RedisLink: TCPConnectionHandler {
    let address: SocketAddress
    let loop: EventLoop
    let configuration: RedisConfiguration
    /// Who hears what happens; it owns the link.
    weak var delegate: (any RedisLinkDelegate)?
    /// Whether a drop is followed by a new attempt; the faces set it once the first
    /// connection succeeded (a first failure is reported to the caller instead).
    var reconnectsAutomatically = false

    private let handshake: [RedisCommand]
    private var connection: TCPConnection?
    private var parser: RESPParser
    private var handshakeRemaining: [String] = []
    /// Whether the current connection's TCP handshake succeeded.
    private var isOpen = false
    /// Why the current connection is being closed, when we close it.
    private var closingReason: RedisError?
    private var attempt = 0
    private var readyTimer: ScheduledTimer?
    private var reconnectTimer: ScheduledTimer?
    private var isDeliveryScheduled = false

    /// Whether the handshake succeeded and the connection is still open.
    private(set) var isReady = false
    /// Whether ``close()`` was called.
    private(set) var isClosed = false
    /// How many times a connection became ready.
    private(set) var connectionCount = 0

    init(
        address: SocketAddress,
        loop: EventLoop,
        configuration: RedisConfiguration,
        handshake: [RedisCommand]
    ) {
        self.address = address
        self.loop = loop
        self.configuration = configuration
        self.handshake = handshake
        self.parser = RESPParser(limits: configuration.parserLimits)
    }

    // MARK: Used by the faces

    /// Starts one attempt to connect.
    func connect() {
        loop.preconditionInEventLoop()
        guard !isClosed, connection == nil else { return }
        reconnectTimer = nil
        parser = RESPParser(limits: configuration.parserLimits)
        closingReason = nil
        isOpen = false
        handshakeRemaining = []
        do {
            connection = try TCPConnection.connect(
                to: address,
                on: loop,
                configuration: configuration.tcp,
                timeout: configuration.connectTimeout,
                handler: self
            )
        } catch {
            disconnected(.cannotConnect(address: "\(address)", reason: "\(error)"), wasReady: false)
            return
        }
        // One deadline covers the TCP handshake and Redis's.
        readyTimer = loop.schedule(after: configuration.connectTimeout) { [weak self] in
            guard let self, !self.isReady, self.connection != nil else { return }
            self.fail(
                .cannotConnect(
                    address: "\(self.address)",
                    reason: "not ready within \(self.configuration.connectTimeout)"
                )
            )
        }
    }

    /// Sends bytes on the ready connection.
    func write(_ bytes: [UInt8]) {
        precondition(isReady, "write only once the link is ready")
        connection?.write(bytes)
    }

    /// Closes the current connection because of `error`; a reconnect follows.
    func fail(_ error: RedisError) {
        guard let connection else { return }
        closingReason = error
        connection.close()
    }

    /// Closes for good: no more attempts.
    func close() {
        loop.preconditionInEventLoop()
        guard !isClosed else { return }
        isClosed = true
        reconnectTimer?.cancel()
        reconnectTimer = nil
        if let connection {
            closingReason = .closed
            connection.close()
        }
    }

    // MARK: TCP events

    func connectionDidOpen(_ connection: TCPConnection) {
        guard connection === self.connection else { return }
        isOpen = true
        handshakeRemaining = handshake.map(\.name)
        guard !handshake.isEmpty else { return becomeReady() }
        var bytes: [UInt8] = []
        for command in handshake { command.encode(into: &bytes) }
        connection.write(bytes)
    }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        guard connection === self.connection else { return }
        parser.append(bytes)
        if !isDeliveryScheduled { deliver(on: connection) }
    }

    func connectionDidReachEndOfInput(_ connection: TCPConnection) {
        guard connection === self.connection else { return }
        fail(connectionLost("the server closed the connection"))
    }

    func connectionDidClose(_ connection: TCPConnection, error: (any Error)?) {
        guard connection === self.connection else { return }
        self.connection = nil
        readyTimer?.cancel()
        readyTimer = nil
        isDeliveryScheduled = false
        let wasReady = isReady
        isReady = false
        let reason: RedisError
        if let closingReason {
            reason = closingReason
        } else if error as? TCPConnectionError == .loopStopped {
            isClosed = true  // nothing can run on a stopped loop, reconnects included
            reason = .closed
        } else if !isOpen {
            reason = .cannotConnect(
                address: "\(address)",
                reason: error.map { "\($0)" } ?? "closed"
            )
        } else {
            reason = connectionLost(error.map { "\($0)" } ?? "the connection closed")
        }
        disconnected(reason, wasReady: wasReady)
    }

    // MARK: Replies

    // snippet: link-deliver
    /// Parses and hands on what arrived, at most ``RedisConfiguration/maximumRepliesPerTurn``
    /// values per turn of the loop.
    ///
    /// Past the budget the link stops reading and continues on a later turn, after the
    /// loop's other queued work, so that one busy connection cannot starve the rest.
    private func deliver(on connection: TCPConnection) {
        var delivered = 0
        while connection === self.connection {
            if delivered == configuration.maximumRepliesPerTurn {
                connection.pauseReading()
                isDeliveryScheduled = true
                let link = LoopBound(self, on: loop)
                loop.execute { link.value.continueDelivery() }
                return
            }
            let value: RESPValue
            do {
                guard case .value(let parsed) = try parser.next() else { break }
                value = parsed
            } catch {
                return fail(.protocolError(error))
            }
            delivered += 1
            if isReady {
                delegate?.link(self, didReceive: value)
            } else {
                handshakeReplied(value)
            }
        }
    }
    // end-snippet

    private func continueDelivery() {
        // A close on the way resets the flag: a later connection is not this one.
        guard isDeliveryScheduled, let connection else { return }
        isDeliveryScheduled = false
        connection.resumeReading()
        deliver(on: connection)
    }

    private func handshakeReplied(_ value: RESPValue) {
        guard !handshakeRemaining.isEmpty else {
            return fail(.unexpectedReply("\(value) before any request"))
        }
        let command = handshakeRemaining.removeFirst()
        if let error = value.error {
            return fail(.handshakeFailed(command: command, error))
        }
        if handshakeRemaining.isEmpty { becomeReady() }
    }

    private func becomeReady() {
        readyTimer?.cancel()
        readyTimer = nil
        isReady = true
        attempt = 0
        connectionCount += 1
        delegate?.linkDidBecomeReady(self)
    }

    // MARK: Reconnecting

    private func disconnected(_ error: RedisError, wasReady: Bool) {
        delegate?.link(self, didDisconnect: error, wasReady: wasReady)
        guard !isClosed, reconnectsAutomatically, reconnectTimer == nil else { return }
        attempt += 1
        let delay = configuration.reconnectBackoff.delay(
            forAttempt: attempt,
            random: Double.random(in: 0..<1)
        )
        reconnectTimer = loop.schedule(after: delay) { [weak self] in self?.connect() }
    }

    /// A drop, not yet tied to a request: the faces name the command
    /// (``RedisError/forRequest(_:)``).
    private func connectionLost(_ reason: String) -> RedisError {
        .connectionLost(command: "", reason: reason)
    }
}
