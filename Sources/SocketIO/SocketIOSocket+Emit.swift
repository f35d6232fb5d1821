import EngineIO
import EventLoop

/// An acknowledgement the socket waits for.
struct PendingAck {
    let id: Int
    let callback: (SocketIOAckResult) -> Void
    let timer: ScheduledTimer?
}

extension SocketIOSocket {
    /// Emits `event` to this client.
    ///
    /// ```swift
    /// socket.emit("hello", "world", ["n": 1], .binary(bytes))
    /// ```
    ///
    /// - Parameters:
    ///   - event: The event's name (not one of the reserved names, such as `disconnect`).
    ///   - arguments: Its arguments, binary anywhere.
    public func emit(_ event: String, _ arguments: SocketIOValue...) {
        send(event, arguments, flags: SocketIOBroadcastFlags(), ack: nil)
    }

    /// Emits `event` with an array of arguments.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    public func emit(_ event: String, arguments: [SocketIOValue]) {
        send(event, arguments, flags: SocketIOBroadcastFlags(), ack: nil)
    }

    /// Emits `event` and asks the client to answer.
    ///
    /// ```swift
    /// socket.emit("question", "ready?") { answer in print(answer) }
    /// ```
    ///
    /// The callback runs on the socket's loop with the client's answer, if one comes; it
    /// never runs if the socket disconnects first. Use ``timeout(_:)`` for an answer that
    /// may not come.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    ///   - ack: Called with the client's answer.
    public func emit(
        _ event: String,
        _ arguments: SocketIOValue...,
        ack: @escaping ([SocketIOValue]) -> Void
    ) {
        send(event, arguments, flags: SocketIOBroadcastFlags()) { result in
            if case .success(let answer) = result { ack(answer) }
        }
    }

    /// Emits `event` and waits for the client's answer.
    ///
    /// ```swift
    /// let answer = try await socket.emitWithAck("question", "ready?")
    /// ```
    ///
    /// Callable from any task: it reaches the socket's loop itself.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    /// - Returns: The answer.
    /// - Throws: ``SocketIOError/disconnected(responses:)`` if the socket leaves first.
    public func emitWithAck(
        _ event: String,
        _ arguments: SocketIOValue...
    ) async throws(SocketIOError) -> [SocketIOValue] {
        try await SocketIOSocketEmitter(socket: self).emitWithAck(event, arguments: arguments)
    }

    /// Emits `event` to this client as `message`: the JavaScript `socket.send(...)`.
    ///
    /// - Parameter arguments: The message's arguments.
    public func send(_ arguments: SocketIOValue...) {
        send("message", arguments, flags: SocketIOBroadcastFlags(), ack: nil)
    }

    /// Emits whose acknowledgement fails with ``SocketIOError/timeout(responses:)`` when
    /// the client does not answer in time.
    ///
    /// ```swift
    /// socket.timeout(.seconds(5)).emit("question") { result in
    ///     switch result {
    ///     case .success(let answer): print(answer)
    ///     case .failure(let error): print(error)  // operation has timed out
    ///     }
    /// }
    /// ```
    ///
    /// - Parameter timeout: How long to wait for the answer.
    /// - Returns: An emitter.
    public func timeout(_ timeout: Duration) -> SocketIOSocketEmitter {
        SocketIOSocketEmitter(socket: self).timeout(timeout)
    }

    /// Emits that are dropped if the client's connection cannot take them right now.
    public var volatile: SocketIOSocketEmitter { SocketIOSocketEmitter(socket: self).volatile }

    /// Emits with a compression wish.
    ///
    /// - Parameter compress: Whether to compress.
    /// - Returns: An emitter.
    public func compress(_ compress: Bool) -> SocketIOSocketEmitter {
        SocketIOSocketEmitter(socket: self).compress(compress)
    }

    // snippet: socket-send
    /// Sends one event to this client: registers its acknowledgement, tells the outgoing
    /// listeners, encodes, writes; with recovery on, adds an offset and keeps the packet.
    func send(
        _ event: String,
        _ arguments: [SocketIOValue],
        flags: SocketIOBroadcastFlags,
        ack: ((SocketIOAckResult) -> Void)?
    ) {
        loop.preconditionInEventLoop()
        precondition(
            !SocketIOPacket.reservedEventNames.contains(event),
            "\(event.debugDescription) is a reserved event name"
        )
        guard isConnected else {
            ack?(.failure(.disconnected(responses: [])))
            return
        }
        var packet = SocketIOPacket.event(event, arguments, namespace: namespace.name)
        if let ack {
            let id = namespace.nextAckID()
            guard register(id: id, timeout: flags.timeout, ack) else { return }
            packet.id = id
        }
        notifyOutgoing(event, arguments)
        var offset: String?
        if ack == nil, !flags.volatile,
            namespace.context.configuration.connectionStateRecovery != nil
        {
            let next = namespace.nextOffset()
            offset = next
            packet.data = .array([.string(event)] + arguments + [.string(next)])
        }
        let messages = connection.parser.encode(packet)
        if connection.write(messages, volatile: flags.volatile), let offset {
            var options = SocketIOBroadcastOptions()
            options.rooms = [id]
            remember(SocketIORecoveredPacket(offset: offset, messages: messages, options: options))
        }
    }
    // end-snippet

    /// Writes one broadcast to this client (called by its loop's adapter shard).
    func deliver(_ delivery: BroadcastDelivery) {
        guard isConnected else { return }
        if let request = delivery.ack {
            let handler = request.handler
            guard register(id: request.id, timeout: delivery.options.flags.timeout, { handler($0) })
            else { return }
        }
        notifyOutgoing(delivery.event, delivery.arguments)
        if connection.write(delivery.messages, volatile: delivery.options.flags.volatile),
            let offset = delivery.offset
        {
            remember(
                SocketIORecoveredPacket(
                    offset: offset,
                    messages: delivery.messages,
                    options: delivery.options
                )
            )
        }
    }

    // MARK: Acknowledgements

    // snippet: ack-registry
    /// Waits for the answer with `id`; with a timeout, gives up when it passes.
    ///
    /// - Returns: `false` if too many answers are pending already (the callback has been
    ///   told).
    private func register(
        id: Int,
        timeout: Duration?,
        _ callback: @escaping (SocketIOAckResult) -> Void
    ) -> Bool {
        let limit = namespace.context.configuration.maximumPendingAcks
        guard pendingAcks.count < limit else {
            callback(.failure(.tooManyPendingAcks(limit: limit)))
            return false
        }
        let timer = timeout.map { delay in
            loop.schedule(after: delay) { [weak self] in
                guard let entry = self?.pendingAcks.removeValue(forKey: id) else { return }
                entry.callback(.failure(.timeout(responses: [])))
            }
        }
        pendingAcks[id] = PendingAck(id: id, callback: callback, timer: timer)
        return true
    }

    /// The client answered `id`: the waiting callback gets the answer; an answer nobody
    /// waits for (too late, or never asked) is ignored.
    func acknowledgementArrived(id: Int, _ answer: [SocketIOValue]) {
        guard let entry = pendingAcks.removeValue(forKey: id) else { return }
        entry.timer?.cancel()
        entry.callback(.success(answer))
    }
    // end-snippet

    /// Sends the ACK for an event the client asked an answer for.
    func sendAcknowledgement(id: Int, _ answer: [SocketIOValue]) {
        loop.preconditionInEventLoop()
        guard isConnected else { return }
        connection.send(
            SocketIOPacket(type: .ack, namespace: namespace.name, id: id, data: .array(answer))
        )
    }
}

/// A socket's emits with flags: `socket.timeout(.seconds(5)).volatile.emit(…)`.
public struct SocketIOSocketEmitter: Sendable {
    let socket: SocketIOSocket
    var flags = SocketIOBroadcastFlags()

    /// With a timeout for the acknowledgement.
    ///
    /// - Parameter timeout: How long to wait.
    /// - Returns: The emitter.
    public func timeout(_ timeout: Duration) -> SocketIOSocketEmitter {
        var copy = self
        copy.flags.timeout = timeout
        return copy
    }

    /// Dropped if the connection cannot take it now.
    public var volatile: SocketIOSocketEmitter {
        var copy = self
        copy.flags.volatile = true
        return copy
    }

    /// With a compression wish (kept for the API; see ``SocketIOBroadcastFlags/compress``).
    ///
    /// - Parameter compress: Whether to compress.
    /// - Returns: The emitter.
    public func compress(_ compress: Bool) -> SocketIOSocketEmitter {
        var copy = self
        copy.flags.compress = compress
        return copy
    }

    /// Emits `event`.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    public func emit(_ event: String, _ arguments: SocketIOValue...) {
        socket.send(event, arguments, flags: flags, ack: nil)
    }

    /// Emits `event` with an array of arguments.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    public func emit(_ event: String, arguments: [SocketIOValue]) {
        socket.send(event, arguments, flags: flags, ack: nil)
    }

    /// Emits `event` and reports the answer, or the timeout, or the disconnection.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    ///   - ack: Called once, on the socket's loop.
    public func emit(
        _ event: String,
        _ arguments: SocketIOValue...,
        ack: @escaping (SocketIOAckResult) -> Void
    ) {
        socket.send(event, arguments, flags: flags, ack: ack)
    }

    /// Emits `event` with an array of arguments, and reports the answer.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    ///   - ack: Called once, on the socket's loop.
    public func emit(
        _ event: String,
        arguments: [SocketIOValue],
        ack: @escaping (SocketIOAckResult) -> Void
    ) {
        socket.send(event, arguments, flags: flags, ack: ack)
    }

    /// Emits `event` and waits for the answer.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    /// - Returns: The answer.
    /// - Throws: ``SocketIOError`` on timeout or disconnection.
    public func emitWithAck(
        _ event: String,
        _ arguments: SocketIOValue...
    ) async throws(SocketIOError) -> [SocketIOValue] {
        try await emitWithAck(event, arguments: arguments)
    }

    /// Emits `event` with an array of arguments and waits for the answer.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    /// - Returns: The answer.
    /// - Throws: ``SocketIOError`` on timeout or disconnection.
    public func emitWithAck(
        _ event: String,
        arguments: [SocketIOValue]
    ) async throws(SocketIOError) -> [SocketIOValue] {
        let (socket, flags) = (self.socket, self.flags)
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<SocketIOAckResult, Never>) in
            let emit: @Sendable () -> Void = {
                socket.send(event, arguments, flags: flags) { continuation.resume(returning: $0) }
            }
            if socket.loop.inEventLoop { emit() } else { socket.loop.execute(emit) }
        }
        return try result.get()
    }
}
