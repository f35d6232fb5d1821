import E1205
import EngineIO
import EngineIOExerciseSupport
import EventLoop
import ExerciseSupport
import HTTP
import Testing
import WebSockets

/// The library's parts, with a new dance of yours for every upgrade.
func yourParts() throws -> EngineIOParts {
    _ = try UpgradeDance()  // the starter throws here, before any server starts
    return EngineIOParts(upgradeDance: {
        do {
            return try UpgradeDance()
        } catch {
            return Unmade()  // checked just above: once written, your init does not throw
        }
    })
}

/// Stands in for a dance your `init` refused to make: it abandons every upgrade.
struct Unmade: EngineIOUpgradeDance {
    var phase: EngineIOUpgradePhase { .abandoned }
    var endsPollsAtOnce: Bool { false }
    mutating func received(_ packet: EngineIOPacket) -> EngineIOUpgradeAction { .abandon }
}

@Suite("12.5b Your upgrade dance moves the library's sessions (CONTRACT D.5)")
struct UpgradeDanceServerTests {
    @Test("the official upgrade: 2probe, 3probe, a noop for the poll, 5, then messages")
    func officialUpgrade() async throws {
        try await EngineIOTestServer.with(.quiet(try yourParts())) { server in
            let sid = try await server.openPollingSession()
            let socket = try await server.webSocket("EIO=4&transport=websocket&sid=\(sid)")
            try await socket.send(text: "2probe")
            #expect(try await socket.nextText() == "3probe")
            let poll = try await within(.seconds(2), "the GET after the probe") {
                try await server.get("EIO=4&transport=polling&sid=\(sid)")
            }
            #expect(poll.text == "6", "after the probe, a poll ends at once with a noop")
            try await socket.send(text: "5")
            try await socket.send(text: "4hello")
            #expect(try await socket.nextText() == "4hello", "never a noop over the WebSocket")
            let after = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(after.status == .badRequest, "the session has moved: \(after.text)")
            await socket.close()
        }
    }

    @Test("a poll already waiting when the probe arrives is ended with a noop")
    func heldPollEnds() async throws {
        try await EngineIOTestServer.with(.quiet(try yourParts())) { server in
            let sid = try await server.openPollingSession()
            let held = Task { try await server.get("EIO=4&transport=polling&sid=\(sid)") }
            // Time for the GET to be held; if it is not yet, it is answered at once
            // instead, with the same noop.
            try await Task.sleep(for: .milliseconds(100))
            let socket = try await server.webSocket("EIO=4&transport=websocket&sid=\(sid)")
            try await socket.send(text: "2probe")
            #expect(try await socket.nextText() == "3probe")
            let poll = try await within(.seconds(2), "the held GET") { try await held.value }
            #expect(poll.text == "6")
            try await socket.send(text: "5")
            try await socket.send(text: "4moved")
            #expect(try await socket.nextText() == "4moved")
            await socket.close()
        }
    }

    @Test("packets the server sends during the upgrade arrive once each, in order")
    func noPacketLost() async throws {
        let sessions = Locked<LoopBound<EngineIOSocket>?>(nil)
        try await EngineIOTestServer.with(.quiet(try yourParts())) { socket in
            sessions.withLock { $0 = LoopBound(socket, on: socket.loop) }
        } _: { server in
            let sid = try await server.openPollingSession()
            let session = try #require(sessions.value)
            let socket = try await server.webSocket("EIO=4&transport=websocket&sid=\(sid)")
            session.loop.execute { session.value.send(text: "before probe") }
            try await socket.send(text: "2probe")
            #expect(try await socket.nextText() == "3probe")
            session.loop.execute { session.value.send(text: "after probe") }
            let poll = try await within(.seconds(2), "the GET after the probe") {
                try await server.get("EIO=4&transport=polling&sid=\(sid)")
            }
            #expect(poll.text.hasSuffix("\u{1e}6"), "the noop ends what was queued")
            session.loop.execute { session.value.send(text: "before five") }
            try await socket.send(text: "5")
            session.loop.execute { session.value.send(text: "after five") }
            var overWebSocket: [String] = []
            while overWebSocket.last != "4after five" {
                overWebSocket.append(try await socket.nextText())
            }
            let byPolling = poll.text.split(separator: "\u{1e}").map(String.init).dropLast()
            #expect(
                Array(byPolling) + overWebSocket
                    == ["4before probe", "4after probe", "4before five", "4after five"]
            )
            await socket.close()
        }
    }

    @Test("a WebSocket that does not dance is closed, and the session goes on polling")
    func abandoned() async throws {
        try await EngineIOTestServer.with(.quiet(try yourParts())) { server in
            let sid = try await server.openPollingSession()
            let socket = try await server.webSocket("EIO=4&transport=websocket&sid=\(sid)")
            try await socket.send(text: "4not a probe")
            _ = try await socket.waitForClose()
            let post = try await server.post("EIO=4&transport=polling&sid=\(sid)", "4polling")
            #expect(post.text == "ok")
            let poll = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(poll.text == "4polling", "the session still polls")
        }
    }

    @Test("the library's client upgrades through your dance and keeps talking")
    func clientUpgrades() async throws {
        try await EngineIOTestServer.with(.contract(try yourParts())) { server in
            let recorder = ClientRecorder()
            let client = try await server.connectClient(recorder: recorder)
            let upgraded = await eventually { recorder.upgraded }
            #expect(upgraded, "the client never moved to its WebSocket")
            #expect(await client.loop.run { client.value.transport } == .websocket)
            client.loop.execute {
                client.value.send(text: "over the WebSocket")
                client.value.send(binary: [9, 8, 7])
            }
            let echoed = try await recorder.messages(2)
            #expect(echoed == [.text("over the WebSocket"), .binary([9, 8, 7])])
            client.loop.execute { client.value.close() }
        }
    }
}
