import EventLoop
import HTTP
import Sockets
import SystemCalls
import TestSupport
import Testing

@testable import EngineIO

@Suite("EngineIOClient against our server, in the three transport modes", .ownThread)
struct ClientTests {
    static let modes: [(String, [EngineIOTransport], EngineIOTransport)] = [
        ("default: polling, then upgrade", [.polling, .websocket], .websocket),
        ("websocket only", [.websocket], .websocket),
        ("polling only", [.polling], .polling),
    ]

    @Test(
        "messages go both ways, text and binary, and the session ends up where it should",
        arguments: modes
    )
    func echo(mode: String, transports: [EngineIOTransport], final: EngineIOTransport) async throws
    {
        try await EngineIOHarness.with(configuration: EngineIOHarness.quietConfiguration) {
            server in
            let recorder = ClientRecorder()
            var options = EngineIOClient.Options()
            options.transports = transports
            let client = try await EngineIOClient.connect(
                to: server.base,
                on: server.group.loops[1],
                options: options
            ) { $0.handler = recorder }
            client.loop.execute {
                client.value.send(text: "hello é😀")
                client.value.send(binary: [0, 1, 2, 255])
            }
            let echoed = try await recorder.messages(2)
            #expect(echoed == [.text("hello é😀"), .binary([0, 1, 2, 255])])
            if final == .websocket {
                let upgraded = await eventually {
                    await client.loop.run { client.value.transport } == .websocket
                }
                #expect(upgraded)
            }
            client.loop.execute { client.value.send(text: "after") }
            #expect(try await recorder.messages(3).last == .text("after"))
            #expect(await client.loop.run { client.value.transport } == final)
            client.loop.execute { client.value.close() }
            #expect(try await recorder.closeReason() == .forcedClose)
            let gone = await eventually { server.engine.sessionCount == 0 }
            #expect(gone)
        }
    }

    @Test("a polling client splits what it queued into POSTs no larger than maxPayload")
    func batching() async throws {
        var configuration = EngineIOHarness.quietConfiguration
        configuration.maximumPayload = 2000
        try await EngineIOHarness.with(configuration: configuration) { server in
            let recorder = ClientRecorder()
            var options = EngineIOClient.Options()
            options.transports = [.polling]
            let client = try await EngineIOClient.connect(
                to: server.base,
                on: server.group.loops[0],
                options: options
            ) { $0.handler = recorder }
            let texts = (0..<20).map { "\($0)" + String(repeating: "x", count: 500) }
            client.loop.execute { for text in texts { client.value.send(text: text) } }
            let echoed = try await recorder.messages(20)
            #expect(echoed == texts.map { .text($0) })
            client.loop.execute { client.value.close() }
        }
    }

    @Test("the client answers pings: the server counts its pongs, and the session stays open")
    func staysOpen() async throws {
        // The library's own heartbeat, with a count of the pongs it is told of.
        let pongs = Counter()
        var configuration = EngineIOHarness.heartbeatConfiguration
        configuration.parts = EngineIOParts(heartbeat: { interval, timeout, now in
            PongCountingHeartbeat(
                Heartbeat(interval: interval, timeout: timeout, openedAt: now),
                pongs: pongs
            )
        })
        try await EngineIOHarness.with(configuration: configuration) { server in
            let recorder = ClientRecorder()
            let client = try await EngineIOClient.connect(
                to: server.base,
                on: server.group.loops[0]
            ) { $0.handler = recorder }
            // Pings every 300 ms: three pongs come back within a few seconds even on a busy
            // machine, and each one is what keeps the session alive.
            let answered = await eventually(within: .seconds(20)) { pongs.value >= 3 }
            #expect(answered, "\(pongs.value) pongs")
            #expect(await client.loop.run { client.value.isOpen })
            #expect(server.engine.sessionCount == 1)
            client.loop.execute { client.value.close() }
        }
    }

    @Test("a server that stops pinging is noticed: ping timeout after interval plus timeout")
    func deadServer() async throws {
        // A server that opens a session with 300 + 200 ms timers, then never speaks again.
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let server = try HTTPServer(
            address: SocketAddress(numericHost: "127.0.0.1", port: 0),
            group: group,
            logger: Logger(label: "silent", level: .error)
        ) { request, response in
            guard request.query["sid"] == nil else { return }  // polls are never answered
            let handshake = EngineIOHandshake(
                sid: "silent",
                upgrades: [],
                pingInterval: .milliseconds(300),
                pingTimeout: .milliseconds(200),
                maxPayload: 1000
            )
            response.respond(status: .ok, body: EngineIOParts().encodePayload([.open(handshake)]))
        }
        let recorder = ClientRecorder()
        let started = ContinuousClock.now
        _ = try await EngineIOClient.connect(
            to: "http://127.0.0.1:\(server.localAddress.port)",
            on: group.loops[0]
        ) { $0.handler = recorder }
        #expect(try await recorder.closeReason() == .pingTimeout)
        let elapsed = ContinuousClock.now - started
        // Not before interval plus timeout; the upper bound only says it came at all, on
        // a machine that may be busy.
        #expect(elapsed >= .milliseconds(500) && elapsed < .seconds(10))
        await server.shutdown(gracePeriod: .milliseconds(100))
    }

    @Test("nothing listening: connect fails with a transport error")
    func refused() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let port = try ClosedPort(host: "127.0.0.1")
        await #expect(throws: EngineIOCloseReason.self) {
            try await EngineIOClient.connect(
                to: "http://127.0.0.1:\(port.port)",
                on: group.loops[0]
            )
        }
    }

    @Test("the server closing the session reaches the client as a transport close")
    func serverCloses() async throws {
        let sessions = SessionBox()
        try await EngineIOHarness.with(configuration: EngineIOHarness.quietConfiguration) {
            socket in
            sessions.set(LoopBound(socket, on: socket.loop))
        } _: { server in
            let recorder = ClientRecorder()
            var options = EngineIOClient.Options()
            options.transports = [.polling]
            _ = try await EngineIOClient.connect(
                to: server.base,
                on: server.group.loops[0],
                options: options
            ) { $0.handler = recorder }
            let session = try #require(sessions.value)
            session.loop.execute { session.value.close() }
            #expect(try await recorder.closeReason() == .transportClose)
        }
    }
}

/// Records what a client hears, for a test to await.
final class ClientRecorder: EngineIOClientHandler, @unchecked Sendable {
    // Why `@unchecked Sendable` is safe: `state` is only touched under its lock; the
    // handler methods run on the client's loop, the awaiting accessors on the test's task.
    private let state = Locked(State())

    private struct State {
        var messages: [EngineIOMessage] = []
        var reason: EngineIOCloseReason?
    }

    func client(_ client: EngineIOClient, didReceive message: EngineIOMessage) {
        state.withLock { $0.messages.append(message) }
    }

    func clientDidClose(_ client: EngineIOClient, reason: EngineIOCloseReason) {
        state.withLock { $0.reason = reason }
    }

    /// The first `count` messages, once that many have arrived.
    func messages(_ count: Int, within limit: Duration = .seconds(10)) async throws
        -> [EngineIOMessage]
    {
        let arrived = await eventually(within: limit) {
            self.state.withLock { $0.messages.count >= count }
        }
        let messages = state.withLock { $0.messages }
        guard arrived else { throw TestFailure("\(messages.count) of \(count) messages arrived") }
        return Array(messages.prefix(count))
    }

    /// Why the client closed, once it has.
    func closeReason(within limit: Duration = .seconds(10)) async throws -> EngineIOCloseReason {
        _ = await eventually(within: limit) { self.state.withLock { $0.reason != nil } }
        guard let reason = state.withLock({ $0.reason }) else {
            throw TestFailure("the client did not close")
        }
        return reason
    }
}

extension EventLoop {
    /// Runs `body` on the loop and returns its result.
    func run<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            execute { continuation.resume(returning: body()) }
        }
    }
}

/// A heartbeat that counts the pongs it is told of, and otherwise is the one it wraps.
struct PongCountingHeartbeat: EngineIOHeartbeat {
    var wrapped: any EngineIOHeartbeat
    let pongs: Counter

    init(_ wrapped: any EngineIOHeartbeat, pongs: Counter) {
        self.wrapped = wrapped
        self.pongs = pongs
    }

    var nextDeadline: LoopInstant { wrapped.nextDeadline }

    mutating func timerFired(at now: LoopInstant) -> EngineIOHeartbeatAction? {
        wrapped.timerFired(at: now)
    }

    mutating func pongReceived(at now: LoopInstant) {
        pongs.increment()
        wrapped.pongReceived(at: now)
    }
}
