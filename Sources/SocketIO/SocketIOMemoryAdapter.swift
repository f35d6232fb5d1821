import EngineIO
import EventLoop
import SystemCalls

/// The default adapter: rooms and broadcasts within one process, sharded per event loop.
///
/// Each loop keeps, for this namespace, its own index of the sockets living on it and the
/// rooms they are in (a ``MemoryAdapterShard``); a socket joins and leaves rooms in its
/// own loop's shard, without a lock. A broadcast is encoded **once**, by the origin, and
/// then handed to each shard on its own loop (one `execute` per loop, never per socket);
/// each shard picks its recipients and writes the same messages to each of them.
///
/// ```
///   io.to("room").emit("news", …)      (any thread)
///        │ encode once: 42["news",…]
///        ├──────────────▶ loop-0 shard: room → {a, c}   write to a, c
///        └── execute ───▶ loop-1 shard: room → {f}      write to f
/// ```
///
/// Operations that gather (``fetchSockets(options:completion:)``) ask every shard the
/// same way and answer when the last has.
public final class SocketIOMemoryAdapter: SocketIOAdapter {
    /// The namespace; the namespace owns its adapter, so this reference is unowned.
    unowned let namespace: SocketIONamespace
    let shards = LoopShards<MemoryAdapterShard>()
    /// Which shard keeps a parked session, by private session id (connection state
    /// recovery only; touched once per disconnection and reconnection).
    let parkedSessions = Locked<[String: MemoryAdapterShard]>([:])

    /// An adapter for `namespace`.
    ///
    /// - Parameter namespace: The namespace it serves.
    public init(namespace: SocketIONamespace) {
        self.namespace = namespace
    }

    var configuration: SocketIOServer.Configuration { namespace.context.configuration }

    /// The shard of the loop the caller runs on; made on first use.
    func shard(for loop: EventLoop) -> MemoryAdapterShard {
        shards.shard(for: loop) { MemoryAdapterShard(loop: loop, adapter: self) }
    }

    // MARK: Membership

    /// Adds `socket` and its rooms to its loop's shard.
    public func addAll(_ socket: SocketIOSocket, rooms: Set<String>) {
        shard(for: socket.loop).add(socket, to: rooms)
    }

    /// Takes `socket` out of `room` in its loop's shard.
    public func remove(_ socket: SocketIOSocket, from room: String) {
        shard(for: socket.loop).remove(socket, from: room)
    }

    /// Takes `socket` out of its loop's shard.
    public func removeAll(_ socket: SocketIOSocket) {
        shard(for: socket.loop).removeAll(socket)
    }

    // MARK: Broadcasting

    // snippet: memory-broadcast
    /// Encodes once, then delivers on every loop: at once on this one, by one `execute`
    /// on each other.
    public func broadcast(_ packet: SocketIOPacket, options: SocketIOBroadcastOptions) {
        var packet = packet
        packet.namespace = namespace.name
        let event = packet.eventName
        let arguments = packet.arguments
        var offset: String?
        if configuration.connectionStateRecovery != nil, packet.type == .event,
            packet.id == nil, !options.flags.volatile
        {
            // Connection state recovery: the event carries its offset as a last argument.
            let next = namespace.nextOffset()
            offset = next
            packet.data = .array((packet.data?.arrayValue ?? []) + [.string(next)])
        }
        let delivery = BroadcastDelivery(
            messages: configuration.parser.encode(packet),
            event: event,
            arguments: arguments,
            options: options,
            offset: offset,
            ack: nil
        )
        for shard in shards.all {
            shard.run { $0.deliver(delivery) }
        }
    }
    // end-snippet

    /// Encodes once with one ack id; each recipient's answer is reported by `ack`.
    public func broadcastWithAck(
        _ packet: SocketIOPacket,
        options: SocketIOBroadcastOptions,
        clientCount: @escaping @Sendable (Int) -> Void,
        ack: @escaping @Sendable (SocketIOAckResult) -> Void
    ) -> Int {
        var packet = packet
        packet.namespace = namespace.name
        packet.id = namespace.nextAckID()
        let delivery = BroadcastDelivery(
            messages: configuration.parser.encode(packet),
            event: packet.eventName,
            arguments: packet.arguments,
            options: options,
            offset: nil,
            ack: BroadcastDelivery.AckRequest(id: packet.id ?? 0, handler: ack)
        )
        let shards = shards.all
        for shard in shards {
            shard.run { clientCount($0.deliver(delivery)) }
        }
        return shards.count
    }

    /// Asks every shard for its sockets, and answers once all have.
    public func fetchSockets(
        options: SocketIOBroadcastOptions,
        completion: @escaping @Sendable ([SocketIORemoteSocket]) -> Void
    ) {
        let shards = shards.all
        guard !shards.isEmpty else { return completion([]) }
        let gathered = Locked((found: [SocketIORemoteSocket](), waiting: shards.count))
        for shard in shards {
            shard.run { shard in
                let found = shard.recipients(options).map(SocketIORemoteSocket.init(socket:))
                let finished = gathered.withLock { state -> [SocketIORemoteSocket]? in
                    state.found += found
                    state.waiting -= 1
                    return state.waiting == 0 ? state.found : nil
                }
                if let finished { completion(finished) }
            }
        }
    }

    /// Makes the sockets `options` names join `rooms`, on each of their loops.
    public func addSockets(options: SocketIOBroadcastOptions, rooms: Set<String>) {
        for shard in shards.all {
            shard.run { shard in
                for socket in shard.recipients(options) { socket.join(Array(rooms)) }
            }
        }
    }

    /// Makes the sockets `options` names leave `rooms`.
    public func removeSockets(options: SocketIOBroadcastOptions, rooms: Set<String>) {
        for shard in shards.all {
            shard.run { shard in
                for socket in shard.recipients(options) {
                    for room in rooms { socket.leave(room) }
                }
            }
        }
    }

    /// Disconnects the sockets `options` names.
    public func disconnectSockets(options: SocketIOBroadcastOptions, close: Bool) {
        for shard in shards.all {
            shard.run { shard in
                for socket in shard.recipients(options) { socket.disconnect(close: close) }
            }
        }
    }

    /// Nothing: one process has no other servers.
    public func serverSideEmit(_ packet: [SocketIOValue]) {}

    // MARK: Connection state recovery

    /// Parks the session in the socket's loop's shard until it is restored or expires.
    public func persistSession(_ session: SocketIOSession, on loop: EventLoop) {
        guard let recovery = configuration.connectionStateRecovery else { return }
        let shard = shard(for: loop)
        parkedSessions.withLock { $0[session.pid] = shard }
        shard.park(session, for: recovery.maximumDisconnectionDuration)
    }

    /// Takes the parked session from the loop that keeps it, and hands it to `loop`.
    public func restoreSession(
        pid: String,
        offset: String,
        on loop: EventLoop,
        completion: @escaping @Sendable (SocketIOSession?) -> Void
    ) {
        let reply: @Sendable (SocketIOSession?) -> Void = { session in
            if loop.inEventLoop {
                completion(session)
            } else {
                loop.execute { completion(session) }
            }
        }
        guard let shard = parkedSessions.withLock({ $0.removeValue(forKey: pid) }) else {
            return reply(nil)
        }
        shard.run { reply($0.unpark(pid: pid, after: offset)) }
    }

    /// Forgets a parked session that expired.
    func forgetParked(pid: String) {
        parkedSessions.withLock { _ = $0.removeValue(forKey: pid) }
    }
}

/// One broadcast, as every shard delivers it: encoded once, by the origin.
struct BroadcastDelivery: Sendable {
    /// An acknowledgement every recipient is asked for.
    struct AckRequest: Sendable {
        let id: Int
        let handler: @Sendable (SocketIOAckResult) -> Void
    }

    let messages: [EngineIOMessage]
    /// For the sockets' outgoing listeners.
    let event: String?
    let arguments: [SocketIOValue]
    let options: SocketIOBroadcastOptions
    /// The recovery offset the packet carries, if any.
    let offset: String?
    let ack: AckRequest?
}
