import EngineIO
import EventLoop
import SystemCalls
import TestSupport
import Testing
import WebSockets

@Suite("The layer runs the parts it is given (the course's seams)", .ownThread)
struct PartsTests {
    @Test(
        "server and client encode, decode and batch every packet with the given codecs",
        arguments: ClientTests.modes
    )
    func codecs(mode: String, transports: [EngineIOTransport], final: EngineIOTransport)
        async throws
    {
        let server = CallCounts()
        let client = CallCounts()
        var configuration = EngineIOHarness.quietConfiguration
        configuration.parts = EngineIOParts(
            packetCodec: CountingPacketCodec(server),
            payloadCodec: CountingPayloadCodec(server)
        )
        try await EngineIOHarness.with(configuration: configuration) { harness in
            let recorder = ClientRecorder()
            var options = EngineIOClient.Options()
            options.transports = transports
            options.parts = EngineIOParts(
                packetCodec: CountingPacketCodec(client),
                payloadCodec: CountingPayloadCodec(client)
            )
            let connection = try await EngineIOClient.connect(
                to: harness.base,
                on: harness.group.loops[0],
                options: options
            ) { $0.handler = recorder }
            connection.loop.execute { connection.value.send(text: "one") }
            #expect(try await recorder.messages(1) == [.text("one")])
            let moved = await eventually {
                await connection.loop.run { connection.value.transport } == final
            }
            #expect(moved)
            connection.loop.execute { connection.value.send(binary: [1, 2, 3]) }
            #expect(try await recorder.messages(2).last == .binary([1, 2, 3]))
            connection.loop.execute { connection.value.close() }
            _ = try await recorder.closeReason()
        }
        for side in [server, client] {
            if transports.first == .polling {
                #expect(side["appendPollingForm"] > 0 && side["packetFromPollingForm"] > 0)
                #expect(side["encode"] > 0 && side["decode"] > 0)
            }
            if transports.contains(.websocket) {
                #expect(side["webSocketMessage"] > 0 && side["packetFromWebSocket"] > 0)
            }
        }
        if transports.first == .polling { #expect(client["countFitting"] > 0) }
    }

    @Test("the server's sessions run the given heartbeat, made with the configured timers")
    func heartbeat() async throws {
        let made = Locked<[Duration]>([])
        var configuration = EngineIOHarness.quietConfiguration  // pings 30 s apart
        configuration.parts = EngineIOParts(heartbeat: { interval, timeout, now in
            made.withLock { $0 += [interval, timeout] }
            return ImpatientHeartbeat(openedAt: now)
        })
        try await EngineIOHarness.with(configuration: configuration) { server in
            let sid = try await server.openPollingSession().sid
            // The impatient heartbeat pings at once and times out 100 ms later.
            let ping = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(ping.text == "2")
            let closed = await eventually { server.engine.sessionCount == 0 }
            #expect(closed)
        }
        #expect(made.withLock { $0 } == [.seconds(30), .milliseconds(200)])
    }

    @Test("the server's upgrades run the given dance: one that refuses keeps the client polling")
    func upgradeDance() async throws {
        let dances = Counter()
        var configuration = EngineIOHarness.quietConfiguration
        configuration.parts = EngineIOParts(upgradeDance: {
            dances.increment()
            return RefusingDance()
        })
        try await EngineIOHarness.with(configuration: configuration) { server in
            let recorder = ClientRecorder()
            let client = try await EngineIOClient.connect(
                to: server.base,
                on: server.group.loops[0]
            ) { $0.handler = recorder }
            let probed = await eventually { dances.value == 1 }
            #expect(probed)
            client.loop.execute { client.value.send(text: "still here") }
            #expect(try await recorder.messages(1) == [.text("still here")])
            #expect(await client.loop.run { client.value.transport } == .polling)
            client.loop.execute { client.value.close() }
        }
    }
}

/// How many times each method of the counting codecs was called.
final class CallCounts: Sendable {
    private let counts = Locked<[String: Int]>([:])

    subscript(name: String) -> Int { counts.withLock { $0[name, default: 0] } }

    func count(_ name: String) { counts.withLock { $0[name, default: 0] += 1 } }
}

/// The library's packet codec, counting its calls.
struct CountingPacketCodec: EngineIOPacketCoding {
    let calls: CallCounts
    let library = EngineIOPacketCodec()

    init(_ calls: CallCounts) { self.calls = calls }

    func webSocketMessage(for packet: EngineIOPacket) -> WebSocketMessage {
        calls.count("webSocketMessage")
        return library.webSocketMessage(for: packet)
    }

    func packet(from message: WebSocketMessage) throws(EngineIOProtocolError) -> EngineIOPacket {
        calls.count("packetFromWebSocket")
        return try library.packet(from: message)
    }

    func appendPollingForm(of packet: EngineIOPacket, to payload: inout [UInt8]) {
        calls.count("appendPollingForm")
        library.appendPollingForm(of: packet, to: &payload)
    }

    func packet(fromPollingForm bytes: ArraySlice<UInt8>) throws(EngineIOProtocolError)
        -> EngineIOPacket
    {
        calls.count("packetFromPollingForm")
        return try library.packet(fromPollingForm: bytes)
    }
}

/// The library's payload codec, counting its calls.
struct CountingPayloadCodec: EngineIOPayloadCoding {
    let calls: CallCounts
    let library = EngineIOPayloadCodec()

    init(_ calls: CallCounts) { self.calls = calls }

    func encode(_ packets: [EngineIOPacket], using packetCodec: any EngineIOPacketCoding)
        -> [UInt8]
    {
        calls.count("encode")
        return library.encode(packets, using: packetCodec)
    }

    func decode(_ body: [UInt8], using packetCodec: any EngineIOPacketCoding)
        throws(EngineIOProtocolError) -> [EngineIOPacket]
    {
        calls.count("decode")
        return try library.decode(body, using: packetCodec)
    }

    func countFitting(_ packets: [EngineIOPacket], limit: Int, maximumCount: Int) -> Int {
        calls.count("countFitting")
        return library.countFitting(packets, limit: limit, maximumCount: maximumCount)
    }
}

/// Pings as soon as the session opens, and gives the pong 100 ms.
struct ImpatientHeartbeat: EngineIOHeartbeat {
    var nextDeadline: LoopInstant
    var pinged = false

    init(openedAt now: LoopInstant) { nextDeadline = now }

    mutating func timerFired(at now: LoopInstant) -> EngineIOHeartbeatAction? {
        guard now >= nextDeadline else { return nil }
        if pinged { return .timedOut }
        pinged = true
        nextDeadline = now + .milliseconds(100)
        return .sendPing
    }

    mutating func pongReceived(at now: LoopInstant) {}
}

/// Abandons every upgrade at its first packet.
struct RefusingDance: EngineIOUpgradeDance {
    var phase = EngineIOUpgradePhase.probing
    var endsPollsAtOnce: Bool { false }

    mutating func received(_ packet: EngineIOPacket) -> EngineIOUpgradeAction {
        phase = .abandoned
        return .abandon
    }
}
