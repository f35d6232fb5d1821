import E1202
import EngineIO
import EngineIOExerciseSupport
import EventLoop
import HTTP
import Testing
import WebSockets

/// The library's parts, with your packet codec.
func yourParts() throws -> EngineIOParts {
    EngineIOParts(packetCodec: try PacketCodec())
}

@Suite("12.2b Your packet codec inside the library's server, over HTTP and WebSocket")
struct PacketCodecServerTests {
    @Test("the handshake's open packet is yours: 0 and the five keys, then a ping comes")
    func handshake() async throws {
        try await EngineIOTestServer.with(.contract(try yourParts())) { server in
            let response = try await server.get("EIO=4&transport=polling")
            #expect(response.status == .ok)
            #expect(response.text.hasPrefix(#"0{"sid":""#), "the handshake: \(response.text)")
            let timers = #","pingInterval":300,"pingTimeout":200,"maxPayload":1000000}"#
            #expect(response.text.hasSuffix(timers), "the handshake: \(response.text)")
            let sid = try await server.openPollingSession()
            let ping = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(ping.text == "2", "after pingInterval, the held GET gets a ping")
        }
    }

    @Test(
        "a POST's packets come back in the next GET, as the official suite sends them",
        arguments: [
            "4hello",
            "4test1\u{1e}4test2\u{1e}4test3",
            "4hello\u{1e}bAQIDBA==",
            "4héllo 😀 \u{2028} 日本",
            "b\u{1e}4\u{1e}bAQ==",
        ]
    )
    func pollingEcho(payload: String) async throws {
        try await EngineIOTestServer.with(.quiet(try yourParts())) { server in
            let sid = try await server.openPollingSession()
            let post = try await server.post("EIO=4&transport=polling&sid=\(sid)", payload)
            #expect(post.status == .ok && post.text == "ok", "POST \(payload.debugDescription)")
            let poll = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(
                poll.text == payload,
                "sent \(payload.debugDescription), got \(poll.text.debugDescription)"
            )
        }
    }

    @Test("a POST your codec refuses gets 400, and the session is closed")
    func pollingRefusal() async throws {
        try await EngineIOTestServer.with(.quiet(try yourParts())) { server in
            for bad in ["abc", "4ok\u{1e}b!!!!", "7"] {
                let sid = try await server.openPollingSession()
                let post = try await server.post("EIO=4&transport=polling&sid=\(sid)", bad)
                #expect(post.status == .badRequest, "POST \(bad.debugDescription): \(post.status)")
                let next = try await server.get("EIO=4&transport=polling&sid=\(sid)")
                #expect(next.status == .badRequest, "the session is closed: \(next.text)")
            }
        }
    }

    @Test("over a WebSocket: the open packet, text and binary echoes, a ping answered")
    func webSocket() async throws {
        try await EngineIOTestServer.with(.contract(try yourParts())) { server in
            let socket = try await server.webSocket("EIO=4&transport=websocket")
            let open = try await socket.nextText()
            #expect(open.hasPrefix(#"0{"sid":""#) && open.contains(#""upgrades":[]"#), "\(open)")
            try await socket.send(text: "4hello é😀")
            #expect(try await socket.nextText() == "4hello é😀")
            try await socket.send(binary: [1, 2, 3, 4])
            #expect(try await socket.nextMessage() == .binary([1, 2, 3, 4]))
            #expect(try await socket.nextText(within: .seconds(2)) == "2", "the server pings")
            try await socket.send(text: "3")
            try await socket.send(text: "4still here")
            #expect(try await socket.nextText() == "4still here")
            await socket.close()
        }
    }

    @Test("a WebSocket text message your codec refuses closes the session")
    func webSocketRefusal() async throws {
        try await EngineIOTestServer.with(.quiet(try yourParts())) { server in
            let socket = try await server.webSocket("EIO=4&transport=websocket")
            _ = try await socket.nextText()
            try await socket.send(text: "abc")
            _ = try await socket.waitForClose()
            let gone = await eventually { server.engine.sessionCount == 0 }
            #expect(gone)
        }
    }

    @Test(
        "the library's client with your codec talks to the server with your codec",
        arguments: [
            ("polling, then upgrade", [.polling, .websocket]),
            ("websocket only", [.websocket]),
            ("polling only", [.polling]),
        ] as [(String, [EngineIOTransport])]
    )
    func client(mode: String, transports: [EngineIOTransport]) async throws {
        try await EngineIOTestServer.with(.contract(try yourParts())) { server in
            var options = EngineIOClient.Options()
            options.transports = transports
            options.parts = try yourParts()
            let recorder = ClientRecorder()
            let client = try await server.connectClient(options, recorder: recorder)
            client.loop.execute {
                client.value.send(text: "hello é😀")
                client.value.send(binary: [0, 1, 2, 255])
            }
            let echoed = try await recorder.messages(2)
            #expect(echoed == [.text("hello é😀"), .binary([0, 1, 2, 255])], "\(mode)")
            try await Task.sleep(for: .milliseconds(700))  // two pings, answered
            client.loop.execute { client.value.send(text: "later") }
            #expect(try await recorder.messages(3).last == .text("later"), "\(mode)")
            let reason = String(describing: recorder.reason)
            #expect(recorder.reason == nil, "\(mode): closed: \(reason)")
            client.loop.execute { client.value.close() }
        }
    }
}
