import EventLoop

/// The four pieces of Engine.IO that the layer runs without hard-wiring them: the packet
/// codec, the payload codec, the heartbeat and the upgrade dance.
///
/// Everything else in the layer (HTTP requests, the session table, timers, moving a
/// WebSocket to its session's loop) is plumbing; these four are the protocol's own rules,
/// each small enough to write in an afternoon and to test without a socket. They exist as
/// seams for the course: exercise 12.2 swaps in the learner's packet codec, 12.3 the
/// payload codec, 12.4 the heartbeat and 12.5 the upgrade dance, each run by the real
/// server and client over real sockets; a later `grade capstone` swaps in all four at
/// once. As chapter 6's `EventLoop(selector:)` runs a learner's `Selector`.
///
/// ```swift
/// var configuration = EngineIOServer.Configuration()
/// configuration.parts = EngineIOParts(packetCodec: MyPacketCodec())  // the rest: ours
/// ```
///
/// The library's own pieces are not public, and neither are the properties that hold
/// them: a part can be given, not taken out, so an exercise cannot hand its work to the
/// library's counterpart. The codecs are called once per packet and the heartbeat once
/// per timer or pong, through an existential: nothing is done per byte.
public struct EngineIOParts: Sendable {
    /// Makes a session's heartbeat: the ping interval, the pong timeout, and when the
    /// session opened.
    public typealias HeartbeatFactory =
        @Sendable (_ interval: Duration, _ timeout: Duration, _ openedAt: LoopInstant) ->
        any EngineIOHeartbeat

    /// Makes the upgrade dance for a WebSocket that asks to take over a polling session.
    public typealias UpgradeDanceFactory = @Sendable () -> any EngineIOUpgradeDance

    /// Turns one packet into a WebSocket message or its polling form, and back.
    package let packetCodec: any EngineIOPacketCoding
    /// Joins packets into a polling body, splits one, and cuts a client's batches.
    package let payloadCodec: any EngineIOPayloadCoding
    /// Makes the heartbeat of each new session (server only).
    package let makeHeartbeat: HeartbeatFactory
    /// Makes the dance of each upgrade (server only).
    package let makeUpgradeDance: UpgradeDanceFactory

    // snippet: eio-parts
    /// The given pieces, and the library's own for each one left `nil`: `EngineIOParts()`
    /// is the library's own four.
    ///
    /// - Parameters:
    ///   - packetCodec: The packet codec (exercise 12.2).
    ///   - payloadCodec: The payload codec (exercise 12.3); it is handed the packet codec
    ///     for each packet.
    ///   - heartbeat: Makes each session's heartbeat (exercise 12.4). The client does not
    ///     use it: it only checks that pings keep coming.
    ///   - upgradeDance: Makes each upgrade's dance (exercise 12.5). The client does not
    ///     use it: its side of the upgrade is its own.
    public init(
        packetCodec: (any EngineIOPacketCoding)? = nil,
        payloadCodec: (any EngineIOPayloadCoding)? = nil,
        heartbeat: HeartbeatFactory? = nil,
        upgradeDance: UpgradeDanceFactory? = nil
    ) {
        self.packetCodec = packetCodec ?? EngineIOPacketCodec()
        self.payloadCodec = payloadCodec ?? EngineIOPayloadCodec()
        self.makeHeartbeat =
            heartbeat ?? { Heartbeat(interval: $0, timeout: $1, openedAt: $2) }
        self.makeUpgradeDance = upgradeDance ?? { UpgradeDance() }
    }
    // end-snippet

    /// Joins packets into one polling body with these parts' codecs.
    package func encodePayload(_ packets: [EngineIOPacket]) -> [UInt8] {
        payloadCodec.encode(packets, using: packetCodec)
    }

    /// Splits a polling body into packets with these parts' codecs.
    package func decodePayload(_ body: [UInt8]) throws(EngineIOProtocolError) -> [EngineIOPacket] {
        try payloadCodec.decode(body, using: packetCodec)
    }
}
