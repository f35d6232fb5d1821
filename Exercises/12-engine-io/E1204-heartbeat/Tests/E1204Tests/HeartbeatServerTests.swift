import E1204
import EngineIO
import EngineIOExerciseSupport
import EventLoop
import HTTP
import Testing
import WebSockets

/// The library's parts, with a new heartbeat of yours for every session.
func yourParts() throws -> EngineIOParts {
    _ = try contractHeartbeat()  // the starter throws here, before any server starts
    return EngineIOParts(heartbeat: { interval, timeout, now in
        do {
            return try Heartbeat(interval: interval, timeout: timeout, openedAt: now)
        } catch {
            return Unmade()  // checked just above: once written, your init does not throw
        }
    })
}

/// Stands in for a heartbeat your `init` refused to make: it ends the session at once.
struct Unmade: EngineIOHeartbeat {
    var nextDeadline: LoopInstant { LoopInstant(nanoseconds: 0) }
    mutating func timerFired(at now: LoopInstant) -> EngineIOHeartbeatAction? { .timedOut }
    mutating func pongReceived(at now: LoopInstant) {}
}

@Suite("12.4b Your heartbeat runs the library's sessions (CONTRACT D.3)")
struct HeartbeatServerTests {
    @Test("polling: the first ping comes about pingInterval after the open packet")
    func firstPingWhenPolling() async throws {
        try await EngineIOTestServer.with(.contract(try yourParts())) { server in
            let clock = ContinuousClock()
            let start = clock.now
            let sid = try await server.openPollingSession()
            let ping = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            let elapsed = clock.now - start
            #expect(ping.text == "2", "the held GET: \(ping.text.debugDescription)")
            #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(1), "after \(elapsed)")
        }
    }

    @Test("polling: the server pings, the client pongs, three times; the session lives on")
    func pingPongWhenPolling() async throws {
        try await EngineIOTestServer.with(.contract(try yourParts())) { server in
            let sid = try await server.openPollingSession()
            for round in 1...3 {
                let ping = try await server.get("EIO=4&transport=polling&sid=\(sid)")
                #expect(ping.text == "2", "round \(round): \(ping.text.debugDescription)")
                let pong = try await server.post("EIO=4&transport=polling&sid=\(sid)", "3")
                #expect(pong.status == .ok, "round \(round)")
            }
            #expect(server.engine.sessionCount == 1)
        }
    }

    @Test("polling: no pong within pingTimeout closes the session, and not much sooner")
    func timeoutWhenPolling() async throws {
        try await EngineIOTestServer.with(.contract(try yourParts())) { server in
            let sid = try await server.openPollingSession()
            let ping = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(ping.text == "2")
            let clock = ContinuousClock()
            let pinged = clock.now
            let closed = await eventually(within: .seconds(3)) { server.engine.sessionCount == 0 }
            let elapsed = clock.now - pinged
            #expect(closed, "the session outlived its pong by 3 s")
            #expect(elapsed >= .milliseconds(120), "closed \(elapsed) after the ping")
            let next = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(next.status == .badRequest)
        }
    }

    @Test("WebSocket: pings answered three times keep it open; an unanswered one closes it")
    func webSocket() async throws {
        try await EngineIOTestServer.with(.contract(try yourParts())) { server in
            let socket = try await server.webSocket("EIO=4&transport=websocket")
            _ = try await socket.nextText()  // the open packet
            for round in 1...3 {
                #expect(try await socket.nextText(within: .seconds(2)) == "2", "round \(round)")
                try await socket.send(text: "3")
            }
            #expect(try await socket.nextText(within: .seconds(2)) == "2")
            _ = try await socket.waitForClose(within: .seconds(2))
        }
    }

    @Test("pongs nobody asked for do not move the pings, earlier or later")
    func unsolicitedPongs() async throws {
        try await EngineIOTestServer.with(.contract(try yourParts())) { server in
            let socket = try await server.webSocket("EIO=4&transport=websocket")
            _ = try await socket.nextText()
            let pinger = Task {
                for _ in 0..<40 {
                    try await socket.send(text: "3")
                    try await Task.sleep(for: .milliseconds(25))
                }
            }
            var pings = 0
            let clock = ContinuousClock()
            let end = clock.now + .milliseconds(1000)
            while clock.now < end {
                guard let text = try? await socket.nextText(within: end - clock.now) else { break }
                if text == "2" { pings += 1 }
            }
            try await pinger.value
            #expect(pings >= 2 && pings <= 4, "\(pings) pings in one second at 300 ms")
            await socket.close()
        }
    }

    @Test("the library's client stays open for five ping intervals with your heartbeat")
    func clientStaysOpen() async throws {
        try await EngineIOTestServer.with(.contract(try yourParts())) { server in
            let recorder = ClientRecorder()
            let client = try await server.connectClient(recorder: recorder)
            try await Task.sleep(for: .milliseconds(1500))
            #expect(recorder.reason == nil, "closed: \(String(describing: recorder.reason))")
            client.loop.execute { client.value.send(text: "still here") }
            #expect(try await recorder.messages(1) == [.text("still here")])
            client.loop.execute { client.value.close() }
        }
    }
}
