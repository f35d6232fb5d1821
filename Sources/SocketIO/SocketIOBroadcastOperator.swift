import SystemCalls

/// A broadcast being aimed: which namespace, which rooms, which flags; then `emit`.
///
/// ```swift
/// io.to("lobby").except("muted").emit("news", "hello")
/// socket.broadcast.volatile.emit("position", x, y)
/// io.timeout(.seconds(5)).emit("poll") { result in … }   // every client's answer
/// ```
///
/// It is a value: each call returns a new one, so an operator can be kept and reused.
/// It may be used from any thread; the adapter carries the work to each loop.
public struct SocketIOBroadcastOperator: Sendable {
    let namespace: SocketIONamespace
    /// The rooms, exclusions and flags so far.
    public private(set) var options = SocketIOBroadcastOptions()

    init(namespace: SocketIONamespace) {
        self.namespace = namespace
    }

    /// Also the sockets in `rooms`.
    ///
    /// - Parameter rooms: Room names.
    /// - Returns: The operator.
    public func to(_ rooms: String...) -> SocketIOBroadcastOperator { to(rooms) }

    /// Also the sockets in `rooms`.
    ///
    /// - Parameter rooms: Room names.
    /// - Returns: The operator.
    public func to(_ rooms: [String]) -> SocketIOBroadcastOperator {
        var copy = self
        copy.options.rooms.formUnion(rooms)
        return copy
    }

    /// The same as ``to(_:)-(String...)``.
    ///
    /// - Parameter rooms: Room names.
    /// - Returns: The operator.
    public func `in`(_ rooms: String...) -> SocketIOBroadcastOperator { to(rooms) }

    /// Not the sockets in `rooms`.
    ///
    /// - Parameter rooms: Room names.
    /// - Returns: The operator.
    public func except(_ rooms: String...) -> SocketIOBroadcastOperator { except(rooms) }

    /// Not the sockets in `rooms`.
    ///
    /// - Parameter rooms: Room names.
    /// - Returns: The operator.
    public func except(_ rooms: [String]) -> SocketIOBroadcastOperator {
        var copy = self
        copy.options.except.formUnion(rooms)
        return copy
    }

    /// Dropped for clients whose connection cannot take it right now.
    public var volatile: SocketIOBroadcastOperator {
        var copy = self
        copy.options.flags.volatile = true
        return copy
    }

    /// This server's sockets only.
    public var local: SocketIOBroadcastOperator {
        var copy = self
        copy.options.flags.local = true
        return copy
    }

    /// With a compression wish (see ``SocketIOBroadcastFlags/compress``).
    ///
    /// - Parameter compress: Whether to compress.
    /// - Returns: The operator.
    public func compress(_ compress: Bool) -> SocketIOBroadcastOperator {
        var copy = self
        copy.options.flags.compress = compress
        return copy
    }

    /// With a time limit for the clients' acknowledgements.
    ///
    /// - Parameter timeout: How long to wait.
    /// - Returns: The operator.
    public func timeout(_ timeout: Duration) -> SocketIOBroadcastOperator {
        var copy = self
        copy.options.flags.timeout = timeout
        return copy
    }

    /// The namespaces the operation reaches: this one, or a parent's children.
    private var targets: [SocketIONamespace] {
        namespace.isParent ? namespace.children : [namespace]
    }

    // MARK: Emitting

    /// Emits to the chosen sockets.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    public func emit(_ event: String, _ arguments: SocketIOValue...) {
        emit(event, arguments: arguments)
    }

    /// Emits to the chosen sockets, with an array of arguments.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    public func emit(_ event: String, arguments: [SocketIOValue]) {
        precondition(
            !SocketIOPacket.reservedEventNames.contains(event),
            "\(event.debugDescription) is a reserved event name"
        )
        for target in targets {
            target.adapter.broadcast(
                .event(event, arguments, namespace: target.name),
                options: options
            )
        }
    }

    /// Emits to the chosen sockets and collects every one's answer.
    ///
    /// `ack` gets the answers (each client's first value, as in JavaScript) once every
    /// client has answered; or ``SocketIOError/timeout(responses:)`` with the answers that
    /// came, if one did not answer within ``timeout(_:)``; or
    /// ``SocketIOError/disconnected(responses:)`` if one left first. It is called once,
    /// on one of the loops.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    ///   - ack: Called with the answers.
    public func emit(
        _ event: String,
        _ arguments: SocketIOValue...,
        ack: @escaping @Sendable (SocketIOAckResult) -> Void
    ) {
        emit(event, arguments: arguments, ack: ack)
    }

    /// Emits with an array of arguments and collects every answer; see
    /// ``emit(_:_:ack:)``.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    ///   - ack: Called with the answers.
    public func emit(
        _ event: String,
        arguments: [SocketIOValue],
        ack: @escaping @Sendable (SocketIOAckResult) -> Void
    ) {
        let collector = BroadcastAckCollector(completion: ack)
        var parts = 0
        for target in targets {
            parts += target.adapter.broadcastWithAck(
                .event(event, arguments, namespace: target.name),
                options: options,
                clientCount: collector.clientCount,
                ack: collector.answer
            )
        }
        collector.expect(parts: parts)
    }

    /// Emits to the chosen sockets and waits for every answer.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    /// - Returns: Each client's first value.
    /// - Throws: ``SocketIOError`` on timeout or disconnection.
    public func emitWithAck(
        _ event: String,
        _ arguments: SocketIOValue...
    ) async throws(SocketIOError) -> [SocketIOValue] {
        let result = await withCheckedContinuation { continuation in
            emit(event, arguments: arguments) { continuation.resume(returning: $0) }
        }
        return try result.get()
    }

    // MARK: Managing the chosen sockets

    /// Snapshots of the chosen sockets, wherever they live.
    ///
    /// - Returns: The sockets.
    public func fetchSockets() async -> [SocketIORemoteSocket] {
        var all: [SocketIORemoteSocket] = []
        for target in targets {
            let options = options
            all += await withCheckedContinuation { continuation in
                target.adapter.fetchSockets(options: options) { continuation.resume(returning: $0) }
            }
        }
        return all
    }

    /// Makes the chosen sockets join `rooms`.
    ///
    /// - Parameter rooms: Room names.
    public func socketsJoin(_ rooms: String...) { socketsJoin(rooms) }

    /// Makes the chosen sockets join `rooms`.
    ///
    /// - Parameter rooms: Room names.
    public func socketsJoin(_ rooms: [String]) {
        for target in targets { target.adapter.addSockets(options: options, rooms: Set(rooms)) }
    }

    /// Makes the chosen sockets leave `rooms`.
    ///
    /// - Parameter rooms: Room names.
    public func socketsLeave(_ rooms: String...) { socketsLeave(rooms) }

    /// Makes the chosen sockets leave `rooms`.
    ///
    /// - Parameter rooms: Room names.
    public func socketsLeave(_ rooms: [String]) {
        for target in targets { target.adapter.removeSockets(options: options, rooms: Set(rooms)) }
    }

    /// Disconnects the chosen sockets.
    ///
    /// - Parameter close: Whether to close their Engine.IO connections too.
    public func disconnectSockets(close: Bool = false) {
        for target in targets { target.adapter.disconnectSockets(options: options, close: close) }
    }
}

/// Gathers a broadcast's answers: done when every part of the work has said how many
/// clients it reached and every one of them has answered (or failed).
///
/// The answers come from many loops, one at a time, so a lock keeps the count; it is
/// taken once per answer, which is only on a broadcast that asked for answers.
final class BroadcastAckCollector: Sendable {
    private struct State {
        var expectedParts: Int?
        var reportedParts = 0
        var expectedClients = 0
        var responses: [SocketIOValue] = []
        var timedOut = 0
        var disconnected = 0
        var isDone = false
    }

    private let state = Locked(State())
    private let completion: @Sendable (SocketIOAckResult) -> Void

    init(completion: @escaping @Sendable (SocketIOAckResult) -> Void) {
        self.completion = completion
    }

    /// The adapters said how many parts will report.
    func expect(parts: Int) {
        finishIfComplete { $0.expectedParts = parts }
    }

    /// A part sent the packet to `count` clients.
    var clientCount: @Sendable (Int) -> Void {
        { [self] count in
            finishIfComplete { state in
                state.reportedParts += 1
                state.expectedClients += count
            }
        }
    }

    /// One client answered, or will not.
    var answer: @Sendable (SocketIOAckResult) -> Void {
        { [self] result in
            finishIfComplete { state in
                switch result {
                case .success(let values): state.responses.append(values.first ?? .null)
                case .failure(.timeout): state.timedOut += 1
                case .failure: state.disconnected += 1
                }
            }
        }
    }

    private func finishIfComplete(_ update: (inout State) -> Void) {
        let result = state.withLock { state -> SocketIOAckResult? in
            update(&state)
            let accounted = state.responses.count + state.timedOut + state.disconnected
            guard !state.isDone, let parts = state.expectedParts, state.reportedParts == parts,
                accounted == state.expectedClients
            else { return nil }
            state.isDone = true
            if state.timedOut > 0 { return .failure(.timeout(responses: state.responses)) }
            if state.disconnected > 0 { return .failure(.disconnected(responses: state.responses)) }
            return .success(state.responses)
        }
        if let result { completion(result) }
    }
}
