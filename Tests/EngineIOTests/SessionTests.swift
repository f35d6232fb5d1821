import EngineIO
import EventLoop
import HTTP
import SystemCalls
import TestSupport
import Testing
import WebSockets

@Suite("Engine.IO sessions: home loop, upgrade, server close, buffers", .ownThread)
struct SessionTests {
    @Test("a session's requests, arriving on both loops, are all handled on its home loop")
    func homeLoop() async throws {
        let offLoop = Counter()
        try await EngineIOHarness.with { socket in
            socket.handler = LoopCheckingEcho(offLoop: offLoop)
        } _: { server in
            let sid = try await server.openPollingSession().sid
            // Fresh connections, so the acceptor spreads them over both loops.
            for index in 0..<8 {
                let client = HTTPClient(group: server.group)
                _ = try await client.post(
                    "\(server.base)/engine.io/?EIO=4&transport=polling&sid=\(sid)",
                    body: Array("4m\(index)".utf8)
                )
                let poll = try await client.get(
                    "\(server.base)/engine.io/?EIO=4&transport=polling&sid=\(sid)"
                )
                #expect(poll.text == "4m\(index)")
                await client.shutdown()
            }
            #expect(offLoop.value == 0)
        }
    }

    @Test("packets the server sends during the upgrade arrive once each, in order")
    func noPacketLost() async throws {
        let sessions = SessionBox()
        var configuration = EngineIOHarness.contractConfiguration
        configuration.pingInterval = .seconds(30)  // no ping among the messages
        try await EngineIOHarness.with(configuration: configuration) { socket in
            sessions.set(LoopBound(socket, on: socket.loop))
        } _: { server in
            let sid = try await server.openPollingSession().sid
            let session = try #require(sessions.value)
            let socket = try await server.webSocket("EIO=4&transport=websocket&sid=\(sid)")
            session.loop.execute { session.value.send(text: "before probe") }
            try await socket.send(text: "2probe")
            #expect(try await socket.nextText() == "3probe")
            session.loop.execute { session.value.send(text: "after probe") }
            // The poll that the noop ends carries what was queued before it.
            let poll = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            var received = try EngineIOParts().decodePayload(poll.body)
            #expect(received.last == .noop)
            received.removeLast()
            session.loop.execute { session.value.send(text: "before five") }
            try await socket.send(text: "5")
            session.loop.execute { session.value.send(text: "after five") }
            var overWebSocket: [String] = []
            while overWebSocket.last != "4after five" {
                overWebSocket.append(try await socket.nextText())
            }
            let texts =
                received.compactMap { packet -> String? in
                    if case .message(.text(let text)) = packet { return "4" + text }
                    return nil
                } + overWebSocket
            #expect(texts == ["4before probe", "4after probe", "4before five", "4after five"])
            #expect(!overWebSocket.contains("6"))
            await socket.close()
        }
    }

    @Test("an upgrade that never sends 5 is given up: the WebSocket closes, polling goes on")
    func upgradeTimeout() async throws {
        var configuration = EngineIOHarness.contractConfiguration
        configuration.upgradeTimeout = .milliseconds(300)
        configuration.pingInterval = .seconds(30)
        try await EngineIOHarness.with(configuration: configuration) { server in
            let sid = try await server.openPollingSession().sid
            let socket = try await server.webSocket("EIO=4&transport=websocket&sid=\(sid)")
            _ = try await socket.waitForClose(within: .seconds(3))
            _ = try await server.post("EIO=4&transport=polling&sid=\(sid)", "4still here")
            let poll = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(poll.text == "4still here")
        }
    }

    @Test("the server closes a polling session: the next GET gets what was queued and 1")
    func serverClosesPolling() async throws {
        let sessions = SessionBox()
        try await EngineIOHarness.with { socket in
            sessions.set(LoopBound(socket, on: socket.loop))
        } _: { server in
            let sid = try await server.openPollingSession().sid
            let session = try #require(sessions.value)
            session.loop.execute {
                session.value.send(text: "bye")
                session.value.close()
            }
            let poll = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(poll.text == "4bye\u{1e}1")
            #expect(
                try await server.get("EIO=4&transport=polling&sid=\(sid)").status == .badRequest
            )
        }
    }

    @Test("a client that never polls while the server sends is closed past the buffer limit")
    func bufferLimit() async throws {
        var configuration = EngineIOHarness.contractConfiguration
        configuration.maximumBufferedBytes = 64 * 1024
        configuration.pingInterval = .seconds(30)
        let sessions = SessionBox()
        let reasons = ReasonBox()
        try await EngineIOHarness.with(configuration: configuration) { socket in
            sessions.set(LoopBound(socket, on: socket.loop))
            socket.handler = ReasonRecorder(reasons)
        } _: { server in
            _ = try await server.openPollingSession()
            let session = try #require(sessions.value)
            session.loop.execute {
                for _ in 0..<100 { session.value.send(text: String(repeating: "x", count: 1000)) }
            }
            let closed = await eventually { server.engine.sessionCount == 0 }
            #expect(closed)
            #expect(reasons.value == .bufferLimitExceeded(64 * 1024))
            // Another session is unaffected.
            let other = try await server.openPollingSession().sid
            _ = try await server.post("EIO=4&transport=polling&sid=\(other)", "4ok")
            #expect(try await server.get("EIO=4&transport=polling&sid=\(other)").text == "4ok")
        }
    }
}

/// Echoes, and counts every call that does not run on the session's loop.
final class LoopCheckingEcho: EngineIOSocketHandler {
    let offLoop: Counter
    init(offLoop: Counter) { self.offLoop = offLoop }
    func socket(_ socket: EngineIOSocket, didReceive message: EngineIOMessage) {
        if !socket.loop.inEventLoop { offLoop.increment() }
        socket.send(message)
    }
}

/// Holds the last session a test's server opened.
final class SessionBox: Sendable {
    private let session = Locked<LoopBound<EngineIOSocket>?>(nil)
    var value: LoopBound<EngineIOSocket>? { session.withLock { $0 } }
    func set(_ value: LoopBound<EngineIOSocket>) { session.withLock { $0 = value } }
}

/// Holds why the last session closed.
final class ReasonBox: Sendable {
    private let reason = Locked<EngineIOCloseReason?>(nil)
    var value: EngineIOCloseReason? { reason.withLock { $0 } }
    func set(_ value: EngineIOCloseReason) { reason.withLock { $0 = value } }
}

/// Echoes, and records why its session closed.
final class ReasonRecorder: EngineIOSocketHandler {
    let box: ReasonBox
    init(_ box: ReasonBox) { self.box = box }
    func socket(_ socket: EngineIOSocket, didReceive message: EngineIOMessage) {
        socket.send(message)
    }
    func socketDidClose(_ socket: EngineIOSocket, reason: EngineIOCloseReason) {
        box.set(reason)
    }
}
