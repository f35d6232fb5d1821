/// A packet middleware: it sees each event the client sends (its name and arguments)
/// before the handlers do, and lets it through with `next(nil)` or stops it with
/// `next(error)`, which the socket's ``SocketIOSocket/ErrorEvent/error`` handlers hear.
public typealias SocketIOPacketMiddleware = (
    _ event: String, _ arguments: [SocketIOValue],
    _ next: @escaping @Sendable ((any Error)?) -> Void
) -> Void

/// A packet middleware, as the socket keeps it.
typealias PacketMiddleware = SocketIOPacketMiddleware

/// The error a packet middleware stops a packet with, as the chain carries it.
struct PacketRefusal: Error, Sendable {
    /// What the middleware said.
    ///
    /// Why `@unchecked Sendable` is safe: the box carries the error from the middleware's
    /// `next` to the socket's loop and is read there once; nothing else holds it.
    final class Box: @unchecked Sendable {
        let error: any Error
        init(_ error: any Error) { self.error = error }
    }

    let box: Box
}

extension SocketIOSocket {
    /// Adds a packet middleware: every event the client sends passes each, in order.
    ///
    /// ```swift
    /// socket.use { event, args, next in
    ///     event == "admin-only" && !isAdmin ? next(Unauthorized()) : next(nil)
    /// }
    /// socket.on(.error) { error in socket.disconnect() }
    /// ```
    ///
    /// - Parameter middleware: Called on the socket's loop.
    public func use(_ middleware: @escaping SocketIOPacketMiddleware) {
        loop.preconditionInEventLoop()
        packetMiddlewares.append(middleware)
    }

    // snippet: socket-receive
    /// A packet for this socket's namespace arrived (the connection checked it is valid).
    func receive(_ packet: SocketIOPacket) {
        switch packet.type {
        case .event, .binaryEvent:
            guard let event = packet.eventName else { return }
            let arguments = packet.arguments
            let ack = packet.id.map { SocketIOAck(socket: self, id: $0) }
            for entry in listeners.any { entry.handler(event, arguments) }
            runPacketMiddlewares(event, arguments) { [self] refusal in
                if let refusal {
                    for handler in listeners.error { handler(refusal.box.error) }
                } else if isConnected {
                    for entry in listeners.take(event) { entry.handler(arguments, ack) }
                }
            }
        case .ack, .binaryAck:
            if let id = packet.id { acknowledgementArrived(id: id, packet.arguments) }
        case .disconnect:
            handleClose(.clientNamespaceDisconnect)
        case .connect, .connectError:
            break  // the connection handles CONNECT; a client's CONNECT_ERROR is refused there
        }
    }
    // end-snippet

    private func runPacketMiddlewares(
        _ event: String,
        _ arguments: [SocketIOValue],
        completion: @escaping (PacketRefusal?) -> Void
    ) {
        guard !packetMiddlewares.isEmpty else { return completion(nil) }
        let steps: [MiddlewareChain<PacketRefusal>.Step] = packetMiddlewares.map { middleware in
            { next in
                middleware(event, arguments) { error in
                    next(error.map { PacketRefusal(box: .init($0)) })
                }
            }
        }
        MiddlewareChain.run(steps, on: loop, completion: completion)
    }
}
