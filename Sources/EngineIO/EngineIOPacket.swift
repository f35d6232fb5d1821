import WebSockets

/// One Engine.IO packet: a type, and for some types a payload.
///
/// Engine.IO is small enough to list whole. The type is one digit; what follows it, if
/// anything, is the packet's data:
///
/// ```
///   digit  type      sent by   data                  example
///   ─────  ────────  ────────  ────────────────────  ─────────────────────────────────
///     0    open      server    the handshake (JSON)  0{"sid":"lv_VI97HAXpY6yYWAAAC",…}
///     1    close     both      –                     1
///     2    ping      server*   "probe" or nothing    2        2probe  (*client: probe)
///     3    pong      client*   echoes the ping's     3        3probe  (*server: probe)
///     4    message   both      text or binary        4hello
///     5    upgrade   client    –                     5
///     6    noop      server    –                     6
/// ```
///
/// In protocol version 4 the server pings and the client answers (version 3 had it the
/// other way round); the only ping a client sends is `2probe`, which tests a new
/// WebSocket during an upgrade. Only a message may carry binary data: how that travels
/// depends on the transport (see ``EngineIOPacketCoding`` and ``EngineIOPayloadCoding``).
public enum EngineIOPacket: Sendable, Hashable {
    /// The server's first packet on a new session: its id, timers and limits.
    case open(EngineIOHandshake)
    /// Either side ends the session.
    case close
    /// A heartbeat from the server, or `probe` from a client testing a WebSocket.
    case ping(String)
    /// The answer to a ping, with the ping's data.
    case pong(String)
    /// Application data: what Engine.IO exists to carry.
    case message(EngineIOMessage)
    /// The client switches to the WebSocket it probed.
    case upgrade
    /// Nothing: ends a held long-polling request so the client can upgrade.
    case noop

    /// The packet's type.
    public var type: EngineIOPacketType {
        switch self {
        case .open: .open
        case .close: .close
        case .ping: .ping
        case .pong: .pong
        case .message: .message
        case .upgrade: .upgrade
        case .noop: .noop
        }
    }
}

/// The seven packet types, by the digit that starts each packet on the wire.
public enum EngineIOPacketType: UInt8, Sendable, CaseIterable {
    /// `0`
    case open = 0
    /// `1`
    case close
    /// `2`
    case ping
    /// `3`
    case pong
    /// `4`
    case message
    /// `5`
    case upgrade
    /// `6`
    case noop

    /// The type whose digit is `character`, if any.
    ///
    /// - Parameter character: An ASCII byte, `0` to `6`.
    public init?(digit character: UInt8) {
        guard character >= UInt8(ascii: "0") else { return nil }
        self.init(rawValue: character - UInt8(ascii: "0"))
    }

    /// The ASCII digit that names the type on the wire.
    public var digit: UInt8 { UInt8(ascii: "0") + rawValue }
}

/// What a message packet carries: text (UTF-8) or bytes.
public enum EngineIOMessage: Sendable, Hashable {
    /// A text message.
    case text(String)
    /// A binary message.
    case binary([UInt8])

    /// The payload's size in bytes.
    public var byteCount: Int {
        switch self {
        case .text(let text): text.utf8.count
        case .binary(let bytes): bytes.count
        }
    }
}

extension EngineIOPacket {
    /// The packet's size in its polling form, in bytes: what it adds to a payload, not
    /// counting the separator before it.
    ///
    /// Computed from the packet, without encoding it: a client checks what fits its next
    /// `POST`, and a session what waits in its outbox, for every packet.
    public var pollingByteCount: Int {
        switch self {
        case .message(.binary(let bytes)): 1 + (bytes.count + 2) / 3 * 4  // b + base64
        case .message(.text(let text)): 1 + text.utf8.count
        case .ping(let data), .pong(let data): 1 + data.utf8.count
        case .open(let handshake): 1 + handshake.json.count
        case .close, .upgrade, .noop: 1
        }
    }
}
