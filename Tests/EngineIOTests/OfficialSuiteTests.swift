import EngineIO
import HTTP
import JSON
import Sockets
import TestSupport
import Testing
import WebSockets

// Every case of the official engine.io-protocol v4 test suite (test-suite/test-suite.js),
// re-created over real loopback sockets against our server with the contract's timers
// (CONTRACT H maps each case to its clause).

@Suite("Official suite: handshake", .ownThread)
struct OfficialHandshakeTests {
    @Test("HTTP long-polling: opens a session with exactly the five handshake keys")
    func pollingOpensSession() async throws {
        try await EngineIOHarness.with(configuration: EngineIOHarness.contractConfiguration) {
            server in
            let response = try await server.get("EIO=4&transport=polling")
            #expect(response.status == .ok)
            let text = response.text
            #expect(text.hasPrefix("0"))
            let value = try JSONValue(parsing: Array(text.utf8.dropFirst()))
            guard case .object(let object) = value else {
                throw TestFailure("the handshake is not an object: \(text)")
            }
            #expect(
                object.keys == ["sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"]
            )
            #expect(value["sid"]?.stringValue?.isEmpty == false)
            #expect(value["upgrades"] == ["websocket"])
            #expect(value["pingInterval"] == 300)
            #expect(value["pingTimeout"] == 200)
            #expect(value["maxPayload"] == 1_000_000)
            #expect(response.headers["Access-Control-Allow-Origin"] == "*")
        }
    }

    @Test("HTTP long-polling: fails with an invalid EIO query parameter")
    func pollingInvalidEIO() async throws {
        try await EngineIOHarness.with { server in
            #expect(try await server.get("transport=polling").status == .badRequest)
            #expect(try await server.get("EIO=abc&transport=polling").status == .badRequest)
            let v3 = try await server.get("EIO=3&transport=polling")
            #expect(v3.status == .badRequest)
            #expect(v3.text == #"{"code":5,"message":"Unsupported protocol version"}"#)
        }
    }

    @Test("HTTP long-polling: fails with an invalid transport query parameter")
    func pollingInvalidTransport() async throws {
        try await EngineIOHarness.with { server in
            let missing = try await server.get("EIO=4")
            #expect(missing.status == .badRequest)
            #expect(missing.text == #"{"code":0,"message":"Transport unknown"}"#)
            #expect(try await server.get("EIO=4&transport=abc").status == .badRequest)
        }
    }

    @Test("HTTP long-polling: fails with an invalid request method (400, not 405)")
    func pollingInvalidMethod() async throws {
        try await EngineIOHarness.with { server in
            let post = try await server.request(.post, "EIO=4&transport=polling")
            #expect(post.status == .badRequest)
            #expect(post.text == #"{"code":2,"message":"Bad handshake method"}"#)
            #expect(try await server.request(.put, "EIO=4&transport=polling").status == .badRequest)
        }
    }

    @Test("WebSocket: opens a session whose handshake offers no upgrades")
    func webSocketOpensSession() async throws {
        try await EngineIOHarness.with(configuration: EngineIOHarness.contractConfiguration) {
            server in
            let socket = try await server.webSocket("EIO=4&transport=websocket")
            let text = try await socket.nextText()
            #expect(text.hasPrefix("0"))
            let value = try JSONValue(parsing: Array(text.utf8.dropFirst()))
            #expect(value["upgrades"] == [])
            #expect(value["pingInterval"] == 300)
            #expect(value["pingTimeout"] == 200)
            #expect(value["maxPayload"] == 1_000_000)
            await socket.close()
        }
    }

    @Test(
        "WebSocket: an invalid EIO or transport is refused before any open packet",
        arguments: [
            "transport=websocket", "EIO=abc&transport=websocket", "EIO=4", "EIO=4&transport=abc",
        ]
    )
    func webSocketInvalidQuery(query: String) async throws {
        try await EngineIOHarness.with { server in
            await #expect(throws: (any Error).self) { try await server.webSocket(query) }
            #expect(server.engine.sessionCount == 0)
        }
    }
}

@Suite("Official suite: messages", .ownThread)
struct OfficialMessageTests {
    @Test(
        "HTTP long-polling: a POSTed payload comes back whole from the next GET",
        arguments: ["4hello", "4test1\u{1e}4test2\u{1e}4test3", "4hello\u{1e}bAQIDBA=="]
    )
    func pollingEcho(payload: String) async throws {
        try await EngineIOHarness.with { server in
            let sid = try await server.openPollingSession().sid
            let push = try await server.post("EIO=4&transport=polling&sid=\(sid)", payload)
            #expect(push.status == .ok)
            #expect(push.text == "ok")
            let poll = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(poll.status == .ok)
            #expect(poll.text == payload)
            #expect(poll.headers["Content-Type"] == "text/plain; charset=UTF-8")
        }
    }

    @Test("HTTP long-polling: an invalid packet closes the session")
    func pollingInvalidPacket() async throws {
        try await EngineIOHarness.with { server in
            let sid = try await server.openPollingSession().sid
            let push = try await server.post("EIO=4&transport=polling&sid=\(sid)", "abc")
            #expect(push.status == .badRequest)
            let poll = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(poll.status == .badRequest)
            #expect(poll.text == #"{"code":1,"message":"Session ID unknown"}"#)
        }
    }

    @Test("HTTP long-polling: a second GET while one waits closes the session")
    func duplicatePolls() async throws {
        try await EngineIOHarness.with { server in
            let sid = try await server.openPollingSession().sid
            async let first = server.get("EIO=4&transport=polling&sid=\(sid)")
            try await Task.sleep(for: .milliseconds(50))
            let second = try await server.get("EIO=4&transport=polling&sid=\(sid)&t=burst")
            let held = try await first
            #expect(held.status == .ok)
            #expect(held.text == "1")
            #expect(second.status == .badRequest)
            #expect(
                try await server.get("EIO=4&transport=polling&sid=\(sid)").status == .badRequest
            )
        }
    }

    @Test("HTTP long-polling: a GET whose client goes away closes the session")
    func cancelledPoll() async throws {
        var configuration = EngineIOHarness.contractConfiguration
        configuration.pingInterval = .seconds(30)  // only the cancelled poll can close it
        try await EngineIOHarness.with(configuration: configuration) { server in
            let sid = try await server.openPollingSession().sid
            let connectionsBefore = server.server.connectionCount
            let connection = try Connection.connect(to: server.server.localAddress)
            try connection.writeAll(
                "GET /engine.io/?EIO=4&transport=polling&sid=\(sid) HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            try await Task.sleep(for: .milliseconds(50))
            connection.close()
            let closed = await eventually {
                server.engine.sessionCount == 0
            }
            #expect(closed)
            // The held GET is answered all the same, so its connection, which owed that
            // answer, closes too instead of waiting for the server to shut down.
            let released = await eventually(within: .seconds(3)) {
                server.server.connectionCount == connectionsBefore
            }
            #expect(
                released,
                "\(server.server.connectionCount) connections, \(connectionsBefore) before"
            )
            #expect(
                try await server.get("EIO=4&transport=polling&sid=\(sid)").status == .badRequest
            )
        }
    }

    @Test("WebSocket: a text packet comes back")
    func webSocketText() async throws {
        try await EngineIOHarness.with { server in
            let socket = try await server.webSocket("EIO=4&transport=websocket")
            _ = try await socket.nextText()  // the handshake
            try await socket.send(text: "4hello")
            #expect(try await socket.nextText() == "4hello")
            await socket.close()
        }
    }

    @Test("WebSocket: a binary packet comes back as a bare binary frame")
    func webSocketBinary() async throws {
        try await EngineIOHarness.with { server in
            let socket = try await server.webSocket("EIO=4&transport=websocket")
            _ = try await socket.nextText()
            try await socket.send(binary: [1, 2, 3, 4])
            let message = try await within(.seconds(5), "the echo") { await socket.receive() }
            #expect(message == .binary([1, 2, 3, 4]))
            await socket.close()
        }
    }

    @Test("WebSocket: an invalid packet closes the session")
    func webSocketInvalidPacket() async throws {
        try await EngineIOHarness.with(configuration: EngineIOHarness.quietConfiguration) {
            server in
            let socket = try await server.webSocket("EIO=4&transport=websocket")
            _ = try await socket.nextText()
            try await socket.send(text: "abc")
            _ = try await socket.waitForClose()
            #expect(server.engine.sessionCount == 0)
        }
    }
}

@Suite("Official suite: heartbeat", .ownThread)
struct OfficialHeartbeatTests {
    @Test("HTTP long-polling: the server pings, the client pongs, three times")
    func pollingPingPong() async throws {
        try await EngineIOHarness.with(configuration: EngineIOHarness.heartbeatConfiguration) {
            server in
            let sid = try await server.openPollingSession().sid
            for _ in 0..<3 {
                let poll = try await server.get("EIO=4&transport=polling&sid=\(sid)")
                #expect(poll.status == .ok)
                #expect(poll.text == "2")
                let push = try await server.post("EIO=4&transport=polling&sid=\(sid)", "3")
                #expect(push.status == .ok)
            }
        }
    }

    @Test("HTTP long-polling: no pong within the timeout closes the session")
    func pollingTimeout() async throws {
        try await EngineIOHarness.with(configuration: EngineIOHarness.contractConfiguration) {
            server in
            let sid = try await server.openPollingSession().sid
            try await Task.sleep(for: .milliseconds(300 + 200 + 10))
            // The harness allows 300 ms of slack on polling (CONTRACT D.3).
            try await Task.sleep(for: .milliseconds(300))
            #expect(
                try await server.get("EIO=4&transport=polling&sid=\(sid)").status == .badRequest
            )
        }
    }

    @Test("WebSocket: the server pings, the client pongs, three times")
    func webSocketPingPong() async throws {
        try await EngineIOHarness.with(configuration: EngineIOHarness.heartbeatConfiguration) {
            server in
            let socket = try await server.webSocket("EIO=4&transport=websocket")
            _ = try await socket.nextText()
            for _ in 0..<3 {
                #expect(try await socket.nextText(within: .seconds(2)) == "2")
                try await socket.send(text: "3")
            }
            await socket.close()
        }
    }

    @Test("WebSocket: no pong within the timeout closes the WebSocket")
    func webSocketTimeout() async throws {
        try await EngineIOHarness.with(configuration: EngineIOHarness.contractConfiguration) {
            server in
            let socket = try await server.webSocket("EIO=4&transport=websocket")
            _ = try await socket.nextText()
            #expect(try await socket.nextText(within: .seconds(2)) == "2")
            _ = try await socket.waitForClose(within: .seconds(2))
        }
    }
}

@Suite("Official suite: close", .ownThread)
struct OfficialCloseTests {
    @Test("HTTP long-polling: a close packet ends the waiting GET with a noop, then the session")
    func pollingClose() async throws {
        try await EngineIOHarness.with { server in
            let sid = try await server.openPollingSession().sid
            async let poll = server.get("EIO=4&transport=polling&sid=\(sid)")
            try await Task.sleep(for: .milliseconds(50))
            let push = try await server.post("EIO=4&transport=polling&sid=\(sid)", "1")
            #expect(push.status == .ok)
            let held = try await poll
            #expect(held.status == .ok)
            #expect(held.text == "6")
            #expect(
                try await server.get("EIO=4&transport=polling&sid=\(sid)").status == .badRequest
            )
        }
    }

    @Test("WebSocket: a close packet makes the server close the WebSocket")
    func webSocketClose() async throws {
        try await EngineIOHarness.with(configuration: EngineIOHarness.quietConfiguration) {
            server in
            let socket = try await server.webSocket("EIO=4&transport=websocket")
            _ = try await socket.nextText()
            try await socket.send(text: "1")
            _ = try await socket.waitForClose()
        }
    }
}

@Suite("Official suite: upgrade", .ownThread)
struct OfficialUpgradeTests {
    @Test("a polling session upgrades: probe, noop on the poll, 5, then messages by WebSocket")
    func upgrade() async throws {
        try await EngineIOHarness.with { server in
            let sid = try await server.openPollingSession().sid
            let socket = try await server.webSocket("EIO=4&transport=websocket&sid=\(sid)")
            try await socket.send(text: "2probe")
            #expect(try await socket.nextText() == "3probe")
            let poll = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(poll.status == .ok)
            #expect(poll.text == "6")
            try await socket.send(text: "5")
            try await socket.send(text: "4hello")
            #expect(try await socket.nextText() == "4hello")
            await socket.close()
        }
    }

    @Test("after the upgrade, polling requests for the session get 400")
    func pollingAfterUpgrade() async throws {
        try await EngineIOHarness.with { server in
            let sid = try await server.openPollingSession().sid
            let socket = try await server.webSocket("EIO=4&transport=websocket&sid=\(sid)")
            try await socket.send(text: "2probe")
            #expect(try await socket.nextText() == "3probe")
            try await socket.send(text: "5")
            // The 5 and the GET race on two connections: wait until the session moved.
            let moved = try await eventually {
                let poll = try await server.get("EIO=4&transport=polling&sid=\(sid)")
                return poll.status == .badRequest
            }
            #expect(moved)
            try await socket.send(text: "4hello")
            #expect(try await socket.nextText() == "4hello")  // never a noop over WebSocket
            await socket.close()
        }
    }

    @Test("after the upgrade, a second WebSocket with the same sid is refused")
    func secondWebSocket() async throws {
        try await EngineIOHarness.with { server in
            let sid = try await server.openPollingSession().sid
            let socket = try await server.webSocket("EIO=4&transport=websocket&sid=\(sid)")
            try await socket.send(text: "2probe")
            #expect(try await socket.nextText() == "3probe")
            try await socket.send(text: "5")
            try await socket.send(text: "4first")
            #expect(try await socket.nextText() == "4first")
            await #expect(throws: (any Error).self) {
                try await server.webSocket("EIO=4&transport=websocket&sid=\(sid)")
            }
            try await socket.send(text: "4hello")
            #expect(try await socket.nextText() == "4hello")
            await socket.close()
        }
    }
}
