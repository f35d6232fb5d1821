import EventLoop

/// One loop's part of a namespace's rooms: the sockets living on that loop, and which
/// rooms they are in.
///
/// Why `@unchecked Sendable` is safe: the shard is handed to other loops only to be run
/// on its own (``LoopShard/run(_:)``); its state is read and written on `loop`'s thread
/// alone, which every method checks.
final class MemoryAdapterShard: LoopShard, @unchecked Sendable {
    /// A disconnected socket's state, waiting for the client to come back.
    private struct Parked {
        var session: SocketIOSession
        var expiry: ScheduledTimer
    }

    let loop: EventLoop
    unowned let adapter: SocketIOMemoryAdapter
    /// Connected sockets by id.
    private var sockets: [String: SocketIOSocket] = [:]
    /// Room → ids of its sockets on this loop.
    private var rooms: [String: Set<String>] = [:]
    /// Sessions kept for recovery, by private session id.
    private var parked: [String: Parked] = [:]

    init(loop: EventLoop, adapter: SocketIOMemoryAdapter) {
        self.loop = loop
        self.adapter = adapter
    }

    // MARK: Membership

    func add(_ socket: SocketIOSocket, to newRooms: Set<String>) {
        loop.preconditionInEventLoop()
        sockets[socket.id] = socket
        for room in newRooms { rooms[room, default: []].insert(socket.id) }
    }

    func remove(_ socket: SocketIOSocket, from room: String) {
        loop.preconditionInEventLoop()
        rooms[room]?.remove(socket.id)
        if rooms[room]?.isEmpty == true { rooms[room] = nil }
    }

    func removeAll(_ socket: SocketIOSocket) {
        loop.preconditionInEventLoop()
        for room in socket.rooms { remove(socket, from: room) }
        remove(socket, from: socket.id)
        sockets[socket.id] = nil
    }

    // snippet: shard-recipients
    /// The sockets on this loop that `options` names: those in any of its rooms (all, if
    /// it names none), minus those in any room it excepts, each once.
    func recipients(_ options: SocketIOBroadcastOptions) -> [SocketIOSocket] {
        loop.preconditionInEventLoop()
        var excluded: Set<String> = []
        for room in options.except {
            if let members = rooms[room] { excluded.formUnion(members) }
        }
        if options.rooms.isEmpty {
            if excluded.isEmpty { return Array(sockets.values) }
            return sockets.values.filter { !excluded.contains($0.id) }
        }
        var seen: Set<String> = []
        var found: [SocketIOSocket] = []
        for room in options.rooms {
            for id in rooms[room] ?? [] where !excluded.contains(id) && seen.insert(id).inserted {
                if let socket = sockets[id] { found.append(socket) }
            }
        }
        return found
    }
    // end-snippet

    /// Writes a broadcast to this loop's recipients; returns how many there were.
    @discardableResult
    func deliver(_ delivery: BroadcastDelivery) -> Int {
        let recipients = recipients(delivery.options)
        for socket in recipients { socket.deliver(delivery) }
        if let offset = delivery.offset, !parked.isEmpty {
            keepForParkedSessions(delivery, offset: offset)
        }
        return recipients.count
    }

    // MARK: Connection state recovery

    /// Keeps `session` until `duration` has passed.
    func park(_ session: SocketIOSession, for duration: Duration) {
        loop.preconditionInEventLoop()
        let pid = session.pid
        let expiry = loop.schedule(after: duration) { [weak self] in
            guard let self, self.parked.removeValue(forKey: pid) != nil else { return }
            self.adapter.forgetParked(pid: pid)
        }
        parked[pid] = Parked(session: session, expiry: expiry)
    }

    /// Takes a parked session out, with the packets after `offset`; `nil` if it is gone or
    /// `offset` is not among its packets.
    func unpark(pid: String, after offset: String) -> SocketIOSession? {
        loop.preconditionInEventLoop()
        guard let kept = parked.removeValue(forKey: pid) else { return nil }
        kept.expiry.cancel()
        var session = kept.session
        guard let index = session.packets.lastIndex(where: { $0.offset == offset }) else {
            return nil
        }
        session.packets = Array(session.packets[(index + 1)...])
        return session
    }

    /// A recoverable broadcast reaches the parked sessions that would have received it.
    private func keepForParkedSessions(_ delivery: BroadcastDelivery, offset: String) {
        // The missed packets, plus the last one the client saw: its offset must be found.
        let limit = (adapter.configuration.connectionStateRecovery?.maximumMissedPackets ?? 0) + 1
        let packet = SocketIORecoveredPacket(
            offset: offset,
            messages: delivery.messages,
            options: delivery.options
        )
        for pid in parked.keys {
            guard let rooms = parked[pid]?.session.rooms, packet.isAddressed(toRooms: rooms) else {
                continue
            }
            parked[pid]?.session.packets.append(packet)
            if let count = parked[pid]?.session.packets.count, count > limit {
                parked[pid]?.session.packets.removeFirst(count - limit)
            }
        }
    }
}
