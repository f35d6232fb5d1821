import JSON

/// The open packet's content: the session's id, where it may upgrade to, its heartbeat
/// timers and its payload limit, as one JSON object.
///
/// ```
/// 0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}
/// ```
///
/// The keys come in that order and the numbers are integers (milliseconds and bytes);
/// the official test suite checks that the object has exactly these five keys.
public struct EngineIOHandshake: Sendable, Hashable {
    /// The session id, to send back as `sid` in every later request.
    public var sid: String
    /// The transports the client may upgrade to: `["websocket"]` for a polling session.
    public var upgrades: [String]
    /// How often the server pings.
    public var pingInterval: Duration
    /// How long the server waits for a pong; the client waits interval plus timeout for
    /// a ping before it gives the connection up.
    public var pingTimeout: Duration
    /// The most bytes the server accepts in one `POST` or WebSocket message.
    public var maxPayload: Int

    /// A handshake.
    ///
    /// - Parameters:
    ///   - sid: The session id.
    ///   - upgrades: The transports the client may upgrade to.
    ///   - pingInterval: How often the server pings.
    ///   - pingTimeout: How long it waits for a pong.
    ///   - maxPayload: The largest payload it accepts, in bytes.
    public init(
        sid: String,
        upgrades: [String],
        pingInterval: Duration,
        pingTimeout: Duration,
        maxPayload: Int
    ) {
        self.sid = sid
        self.upgrades = upgrades
        self.pingInterval = pingInterval
        self.pingTimeout = pingTimeout
        self.maxPayload = maxPayload
    }

    /// The JSON object, compact, keys in the protocol's order: what follows the `0` of
    /// an open packet.
    public var json: [UInt8] {
        let object: JSONValue = [
            "sid": .string(sid),
            "upgrades": .array(upgrades.map { .string($0) }),
            "pingInterval": .integer(pingInterval.wholeMilliseconds),
            "pingTimeout": .integer(pingTimeout.wholeMilliseconds),
            "maxPayload": .integer(maxPayload),
        ]
        return object.serialized()
    }

    /// Reads the open packet's JSON.
    ///
    /// - Parameter json: The bytes after the `0`.
    /// - Throws: ``EngineIOProtocolError/invalidHandshake(_:)`` for anything but an object
    ///   with a string `sid` and integer timers.
    public init<Bytes: Collection<UInt8>>(json: Bytes) throws(EngineIOProtocolError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: Array(json))
        } catch {
            throw .invalidHandshake("\(error)")
        }
        guard let sid = value["sid"]?.stringValue, !sid.isEmpty else {
            throw .invalidHandshake("no sid")
        }
        guard let interval = value["pingInterval"]?.intValue,
            let timeout = value["pingTimeout"]?.intValue
        else { throw .invalidHandshake("no pingInterval or pingTimeout") }
        self.sid = sid
        self.upgrades = value["upgrades"]?.arrayValue?.compactMap(\.stringValue) ?? []
        self.pingInterval = .milliseconds(interval)
        self.pingTimeout = .milliseconds(timeout)
        self.maxPayload = value["maxPayload"]?.intValue ?? 1_000_000
    }
}

extension Duration {
    /// The duration in whole milliseconds, as the protocol's JSON carries it.
    var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
