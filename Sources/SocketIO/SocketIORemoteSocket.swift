/// A socket seen from elsewhere: what ``SocketIOServer/fetchSockets()`` returns.
///
/// A snapshot of the socket's id, handshake, rooms and data when it was fetched, with
/// methods that reach the socket on its own loop (they do nothing if it has left since).
/// An adapter that spans servers would return the other servers' sockets the same way.
public struct SocketIORemoteSocket: Sendable {
    /// The socket's id.
    public let id: String
    /// Its namespace's name.
    public let namespace: String
    /// Its handshake.
    public let handshake: SocketIOHandshake
    /// Its rooms when fetched.
    public let rooms: Set<String>
    /// Its data when fetched.
    public let data: SocketIOValue
    let socket: SocketIOSocket

    /// A snapshot of `socket`, taken on its loop.
    init(socket: SocketIOSocket) {
        self.socket = socket
        id = socket.id
        namespace = socket.namespace.name
        handshake = socket.handshake
        rooms = socket.rooms
        data = socket.data
    }

    /// Emits `event` to the socket.
    ///
    /// - Parameters:
    ///   - event: The event's name.
    ///   - arguments: Its arguments.
    public func emit(_ event: String, _ arguments: SocketIOValue...) {
        onLoop { $0.emit(event, arguments: arguments) }
    }

    /// Makes the socket join `rooms`.
    ///
    /// - Parameter rooms: Room names.
    public func join(_ rooms: String...) {
        onLoop { $0.join(rooms) }
    }

    /// Makes the socket leave `room`.
    ///
    /// - Parameter room: A room name.
    public func leave(_ room: String) {
        onLoop { $0.leave(room) }
    }

    /// Disconnects the socket.
    ///
    /// - Parameter close: Whether to close its Engine.IO connection too.
    public func disconnect(close: Bool = false) {
        onLoop { $0.disconnect(close: close) }
    }

    private func onLoop(_ body: @escaping @Sendable (SocketIOSocket) -> Void) {
        let socket = self.socket
        let guarded: @Sendable () -> Void = { if socket.isConnected { body(socket) } }
        if socket.loop.inEventLoop { guarded() } else { socket.loop.execute(guarded) }
    }
}
