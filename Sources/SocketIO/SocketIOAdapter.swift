import EngineIO
import EventLoop

/// Which sockets an operation reaches, and how: `io.to("a").except("b").volatile`.
public struct SocketIOBroadcastOptions: Sendable, Equatable {
    /// Sockets in any of these rooms; every socket when empty.
    public var rooms: Set<String> = []
    /// Minus the sockets in any of these rooms (a socket's id is its own room).
    public var except: Set<String> = []
    /// How to send.
    public var flags = SocketIOBroadcastFlags()

    /// Every socket, default flags.
    public init() {}
}

/// How a packet is sent: the JavaScript `BroadcastFlags`.
public struct SocketIOBroadcastFlags: Sendable, Equatable {
    /// Drop the packet for a client whose connection cannot take it right now.
    public var volatile = false
    /// Only this server's sockets (with an adapter that spans servers).
    public var local = false
    /// Whether the packet may be compressed.
    ///
    /// Our Engine.IO layer does not compress
    /// (browsers' permessage-deflate offers are declined), so this is kept for the API's
    /// sake and for adapters that forward it.
    public var compress = true
    /// How long to wait for each client's acknowledgement.
    public var timeout: Duration?

    /// No flags.
    public init() {}
}

/// What a client said back to an event, or why it did not.
public typealias SocketIOAckResult = Result<[SocketIOValue], SocketIOError>

/// Where a namespace's rooms live and what carries its broadcasts (the JavaScript
/// `Adapter`).
///
/// The in-memory adapter (``SocketIOMemoryAdapter``) serves one process; an adapter over
/// Redis or another bus would let several servers share rooms, by implementing the same
/// operations: what is local goes to the local sockets, the rest to the other servers.
///
/// Membership calls come from a socket's own loop, while it is connected, and are cheap;
/// everything else may be called from any thread and reports through a completion, not
/// a return value: an operation that spans loops (or servers) finishes when they have
/// all done their part.
public protocol SocketIOAdapter: AnyObject, Sendable {
    /// `socket` joins `rooms` (on connection it joins its own id's room).
    ///
    /// Called on `socket`'s loop.
    func addAll(_ socket: SocketIOSocket, rooms: Set<String>)

    /// `socket` leaves `room`.
    ///
    /// Called on `socket`'s loop.
    func remove(_ socket: SocketIOSocket, from room: String)

    /// `socket` leaves every room: it disconnected.
    ///
    /// Called on `socket`'s loop.
    func removeAll(_ socket: SocketIOSocket)

    /// Sends `packet` to every socket `options` names.
    ///
    /// The packet is encoded once and the same messages are written to every recipient.
    func broadcast(_ packet: SocketIOPacket, options: SocketIOBroadcastOptions)

    /// Sends `packet` with an ack id to every socket `options` names, and reports each
    /// answer.
    ///
    /// - Parameters:
    ///   - packet: The event (its id is set here).
    ///   - options: Rooms and flags; `flags.timeout` bounds each client's answer.
    ///   - clientCount: Called once per part of the work (per loop, per server) with how
    ///     many sockets that part sent to.
    ///   - ack: Called once per socket with its answer, or why there is none.
    /// - Returns: How many times `clientCount` will be called.
    func broadcastWithAck(
        _ packet: SocketIOPacket,
        options: SocketIOBroadcastOptions,
        clientCount: @escaping @Sendable (Int) -> Void,
        ack: @escaping @Sendable (SocketIOAckResult) -> Void
    ) -> Int

    /// Snapshots of the sockets `options` names.
    func fetchSockets(
        options: SocketIOBroadcastOptions,
        completion: @escaping @Sendable ([SocketIORemoteSocket]) -> Void
    )

    /// Makes the sockets `options` names join `rooms`.
    func addSockets(options: SocketIOBroadcastOptions, rooms: Set<String>)

    /// Makes the sockets `options` names leave `rooms`.
    func removeSockets(options: SocketIOBroadcastOptions, rooms: Set<String>)

    /// Disconnects the sockets `options` names.
    func disconnectSockets(options: SocketIOBroadcastOptions, close: Bool)

    /// Sends an event (name first) to this namespace on the other servers.
    func serverSideEmit(_ packet: [SocketIOValue])

    /// Keeps a disconnected socket's state for connection state recovery.
    ///
    /// Called on `loop`, the socket's, as it disconnects.
    func persistSession(_ session: SocketIOSession, on loop: EventLoop)

    /// Finds the state kept for `pid`, with the packets sent after `offset`.
    ///
    /// - Parameters:
    ///   - pid: The private session id the client sent back.
    ///   - offset: The last offset it received.
    ///   - loop: Where `completion` must run (the new socket's loop).
    ///   - completion: The session, or `nil` if there is none, it expired, or `offset` is
    ///     not among its packets (too old to replay completely).
    func restoreSession(
        pid: String,
        offset: String,
        on loop: EventLoop,
        completion: @escaping @Sendable (SocketIOSession?) -> Void
    )
}

/// A socket's state kept across a disconnection, for connection state recovery.
public struct SocketIOSession: Sendable {
    /// The socket's id, which the recovered socket takes again.
    public var id: String
    /// The private session id the client shows to recover it.
    public var pid: String
    /// Its rooms (its own id's included).
    public var rooms: Set<String>
    /// Its `data`.
    public var data: SocketIOValue
    /// Packets sent to it, oldest first: when persisted, the recent ones; when restored,
    /// the ones after the client's offset, to send again.
    public var packets: [SocketIORecoveredPacket]

    /// A session.
    ///
    /// - Parameters:
    ///   - id: The socket id.
    ///   - pid: The private session id.
    ///   - rooms: Its rooms.
    ///   - data: Its data.
    ///   - packets: Packets sent to it.
    public init(
        id: String,
        pid: String,
        rooms: Set<String>,
        data: SocketIOValue,
        packets: [SocketIORecoveredPacket]
    ) {
        self.id = id
        self.pid = pid
        self.rooms = rooms
        self.data = data
        self.packets = packets
    }
}

/// One event as sent, with its offset: what a recovered socket is sent again.
public struct SocketIORecoveredPacket: Sendable {
    /// The offset, the event's last argument.
    public var offset: String
    /// The messages that carried it, as encoded.
    public var messages: [EngineIOMessage]
    /// The rooms and exclusions it was sent to (to tell whether a parked session would
    /// have received it).
    public var options: SocketIOBroadcastOptions

    /// A packet.
    ///
    /// - Parameters:
    ///   - offset: Its offset.
    ///   - messages: Its messages.
    ///   - options: Whom it was for.
    public init(offset: String, messages: [EngineIOMessage], options: SocketIOBroadcastOptions) {
        self.offset = offset
        self.messages = messages
        self.options = options
    }

    /// Whether a socket in `rooms` is among those the packet was sent to.
    public func isAddressed(toRooms rooms: Set<String>) -> Bool {
        let included = options.rooms.isEmpty || !options.rooms.isDisjoint(with: rooms)
        return included && options.except.isDisjoint(with: rooms)
    }
}
