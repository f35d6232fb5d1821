/// One Socket.IO packet: what a client and a server say to each other, inside an Engine.IO
/// message.
///
/// ```
///   type           sent by   data                              example (JSON parser)
///   ─────────────  ────────  ────────────────────────────────  ─────────────────────────────
///   0 CONNECT      both      client: auth object (optional)    0/admin,{"token":"123"}
///                            server: {"sid": …}                0{"sid":"wZX3oN0bSVIhsaknAAAI"}
///   1 DISCONNECT   both      –                                 1/admin,
///   2 EVENT        both      [name, args…]                     2["hello","Jude"]
///   3 ACK          both      [answers…] with the event's id    312[]
///   4 CONNECT_ERROR server   {"message": …, "data": …}         4{"message":"Not authorized"}
///   5 BINARY_EVENT both      an EVENT with attachments         51-["baz",{"_placeholder":…}]
///   6 BINARY_ACK   both      an ACK with attachments           61-15["bar",{"_placeholder":…}]
/// ```
///
/// Every packet names its namespace (`/` by default; one Engine.IO connection can carry
/// several) and an event may ask for an answer by carrying an id, which the ACK repeats.
/// How a packet becomes bytes is the parser's business (``SocketIOParser``); this type is
/// the same for every parser.
public struct SocketIOPacket: Sendable, Hashable {
    /// The packet's type.
    public var type: SocketIOPacketType
    /// The namespace, such as `/` or `/admin`; `/` when the wire leaves it out.
    public var namespace: String
    /// The acknowledgement id: on an event, "answer me"; on an ack, which event it answers.
    public var id: Int?
    /// The payload: CONNECT's auth or reply, EVENT's and ACK's arguments (an array),
    /// CONNECT_ERROR's object; `nil` when the packet has none.
    public var data: SocketIOValue?

    /// A packet.
    ///
    /// - Parameters:
    ///   - type: Its type.
    ///   - namespace: Its namespace; `/` by default.
    ///   - id: The ack id, if any.
    ///   - data: The payload, if any.
    public init(
        type: SocketIOPacketType,
        namespace: String = "/",
        id: Int? = nil,
        data: SocketIOValue? = nil
    ) {
        self.type = type
        self.namespace = namespace
        self.id = id
        self.data = data
    }

    /// An EVENT: the name first, then the arguments; `BINARY_EVENT` is chosen when written.
    ///
    /// - Parameters:
    ///   - name: The event's name.
    ///   - arguments: Its arguments.
    ///   - namespace: The namespace.
    ///   - id: An ack id, if the sender wants an answer.
    /// - Returns: The packet.
    public static func event(
        _ name: String,
        _ arguments: [SocketIOValue],
        namespace: String = "/",
        id: Int? = nil
    ) -> SocketIOPacket {
        SocketIOPacket(
            type: .event,
            namespace: namespace,
            id: id,
            data: .array([.string(name)] + arguments)
        )
    }

    /// The event's name, if this is an EVENT or BINARY_EVENT whose data starts with one.
    public var eventName: String? {
        guard type == .event || type == .binaryEvent else { return nil }
        return data?[0]?.stringValue
    }

    /// The arguments: an event's after its name, an ack's all of them; empty otherwise.
    public var arguments: [SocketIOValue] {
        guard let elements = data?.arrayValue else { return [] }
        switch type {
        case .event, .binaryEvent: return Array(elements.dropFirst())
        case .ack, .binaryAck: return elements
        case .connect, .disconnect, .connectError: return []
        }
    }
}

/// The seven packet types, by the digit that starts each packet in the JSON format.
public enum SocketIOPacketType: UInt8, Sendable, CaseIterable {
    /// `0`: a client asks to join a namespace; the server says yes with the socket's id.
    case connect = 0
    /// `1`: either side leaves a namespace.
    case disconnect
    /// `2`: an event with its arguments.
    case event
    /// `3`: the answer to an event that asked for one.
    case ack
    /// `4`: the server refuses a CONNECT (called `ERROR` before protocol version 5).
    case connectError
    /// `5`: an event whose arguments hold binary.
    case binaryEvent
    /// `6`: an answer that holds binary.
    case binaryAck

    /// Whether packets of this type are followed by attachments.
    public var isBinary: Bool { self == .binaryEvent || self == .binaryAck }
}
