import JSON
import TestSupport
import Testing
import WebSockets

// Every case of the official socket.io-protocol test suite (test-suite/test-suite.js, the
// version for Engine.IO 4), re-created over real loopback sockets against the sio-contract
// demo with the contract's timers (pings every 300 ms, 200 ms to answer), as the suite
// expects them. CONTRACT H maps each case to its clause. The Engine.IO cases run here on
// the /socket.io/ path, where the official suite runs them.

@Suite(
    "Official socket.io-protocol suite: Engine.IO handshake",
    .ownThread,
    .timeLimit(.minutes(2))
)
struct OfficialEngineIOHandshakeTests {
    @Test("HTTP long-polling: should successfully open a session")
    func pollingOpens() async throws {
        try await ContractServer.with { server async throws in
            let response = try await server.get("EIO=4&transport=polling")
            #expect(response.status == .ok)
            let text = response.text
            #expect(text.hasPrefix("0"))
            let value = try JSONValue(parsing: String(text.dropFirst()))
            #expect(
                value.objectValue?.keys == [
                    "sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload",
                ]
            )
            #expect(value["sid"]?.stringValue?.isEmpty == false)
            #expect(value["upgrades"] == ["websocket"])
            #expect(value["pingInterval"] == 300)
            #expect(value["pingTimeout"] == 200)
            #expect(value["maxPayload"] == 1_000_000)
        }
    }

    @Test("HTTP long-polling: should fail with an invalid 'EIO' query parameter")
    func pollingInvalidEIO() async throws {
        try await ContractServer.with { server async throws in
            #expect(try await server.get("transport=polling").status == .badRequest)
            #expect(try await server.get("EIO=abc&transport=polling").status == .badRequest)
        }
    }

    @Test("HTTP long-polling: should fail with an invalid 'transport' query parameter")
    func pollingInvalidTransport() async throws {
        try await ContractServer.with { server async throws in
            #expect(try await server.get("EIO=4").status == .badRequest)
            #expect(try await server.get("EIO=4&transport=abc").status == .badRequest)
        }
    }

    @Test("HTTP long-polling: should fail with an invalid request method")
    func pollingInvalidMethod() async throws {
        try await ContractServer.with { server async throws in
            #expect(
                try await server.request(.post, "EIO=4&transport=polling").status == .badRequest
            )
            #expect(try await server.request(.put, "EIO=4&transport=polling").status == .badRequest)
        }
    }

    @Test("WebSocket: should successfully open a session")
    func webSocketOpens() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            #expect(
                client.handshake.objectValue?.keys == [
                    "sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload",
                ]
            )
            #expect(client.handshake["upgrades"] == [])
            #expect(client.handshake["pingInterval"] == 300)
            #expect(client.handshake["pingTimeout"] == 200)
            #expect(client.handshake["maxPayload"] == 1_000_000)
            await client.close()
        }
    }

    @Test(
        "WebSocket: should fail with an invalid 'EIO' or 'transport' query parameter",
        arguments: [
            "transport=websocket", "EIO=abc&transport=websocket", "EIO=4", "EIO=4&transport=abc",
        ]
    )
    func webSocketInvalidQuery(query: String) async throws {
        try await ContractServer.with { server async throws in
            await #expect(throws: (any Error).self) { try await server.connect(query: query) }
        }
    }
}

@Suite(
    "Official socket.io-protocol suite: Engine.IO heartbeat, close, upgrade",
    .ownThread,
    .timeLimit(.minutes(2))
)
struct OfficialEngineIOSessionTests {
    @Test("heartbeat, HTTP long-polling: should send ping/pong packets")
    func pollingPingPong() async throws {
        // A pong timeout a loaded machine meets: this case is about the exchange itself.
        try await ContractServer.with(["--ping-timeout", "10000"]) { server async throws in
            let sid = try await server.openPollingSession()
            for _ in 0..<3 {
                let poll = try await server.get("EIO=4&transport=polling&sid=\(sid)")
                #expect(poll.status == .ok)
                #expect(poll.text == "2")
                let push = try await server.post("EIO=4&transport=polling&sid=\(sid)", "3")
                #expect(push.status == .ok)
            }
        }
    }

    @Test("heartbeat, HTTP long-polling: should close the session upon ping timeout")
    func pollingPingTimeout() async throws {
        try await ContractServer.with { server async throws in
            let sid = try await server.openPollingSession()
            // The official case sleeps pingInterval + pingTimeout: the time is what is
            // tested. Nothing answers the ping, so the session must be gone by then, with
            // the 300 ms of slack the contract allows on polling (CONTRACT D.3).
            try await Task.sleep(for: .milliseconds(300 + 200 + 300))
            #expect(
                try await server.get("EIO=4&transport=polling&sid=\(sid)").status == .badRequest
            )
        }
    }

    @Test("heartbeat, WebSocket: should send ping/pong packets")
    func webSocketPingPong() async throws {
        // A pong timeout a loaded machine meets: this case is about the exchange itself.
        try await ContractServer.with(["--ping-timeout", "10000"]) { server async throws in
            let client = try await server.connect(answersPings: false)
            for _ in 0..<3 {
                #expect(try await client.nextText() == "2")
                try await client.send("3")
            }
            await client.close()
        }
    }

    @Test("heartbeat, WebSocket: should close the session upon ping timeout")
    func webSocketPingTimeout() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect(answersPings: false)
            try await client.waitForClose(within: .seconds(3))
        }
    }

    @Test("close, HTTP long-polling: should forcefully close the session")
    func pollingClose() async throws {
        // No ping to end the held GET first on a busy machine.
        try await ContractServer.with(["--ping-interval", "30000"]) { server async throws in
            let sid = try await server.openPollingSession()
            let (client, base) = (server.client, server.base)
            async let poll = client.get(base + "?EIO=4&transport=polling&sid=\(sid)")
            // The GET must be held before the close packet arrives; nothing tells the
            // client when it is, so give it a moment (as the engine.io tests do).
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

    @Test("close, WebSocket: should forcefully close the session")
    func webSocketClose() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.send("1")
            try await client.waitForClose()
        }
    }

    @Test("upgrade: should successfully upgrade from HTTP long-polling to WebSocket")
    func upgrade() async throws {
        try await ContractServer.with { server async throws in
            let sid = try await server.openPollingSession()
            let client = try await server.connect(query: "EIO=4&transport=websocket&sid=\(sid)")
            try await client.send("2probe")
            #expect(try await client.nextText() == "3probe")
            try await client.send("5")
            await client.close()
        }
    }

    @Test("upgrade: should ignore HTTP requests with same sid after upgrade")
    func httpAfterUpgrade() async throws {
        try await ContractServer.with { server async throws in
            let sid = try await server.openPollingSession()
            let client = try await server.connect(query: "EIO=4&transport=websocket&sid=\(sid)")
            try await client.send("2probe")
            #expect(try await client.nextText() == "3probe")
            try await client.send("5")
            #expect(
                await eventually {
                    (try? await server.get("EIO=4&transport=polling&sid=\(sid)").status)
                        == .badRequest
                }
            )
            await client.close()
        }
    }

    @Test("upgrade: should ignore WebSocket connection with same sid after upgrade")
    func secondWebSocketAfterUpgrade() async throws {
        try await ContractServer.with { server async throws in
            let sid = try await server.openPollingSession()
            let client = try await server.connect(query: "EIO=4&transport=websocket&sid=\(sid)")
            try await client.send("2probe")
            #expect(try await client.nextText() == "3probe")
            try await client.send("5")
            // The second one is refused (no 101) or closed before saying anything.
            do {
                let second = try await server.connect(query: "EIO=4&transport=websocket&sid=\(sid)")
                try await second.waitForClose()
            } catch {}
            // The first one still works: the server echoes the upgraded session's packets.
            try await client.send("40")
            #expect(try await client.nextText().hasPrefix("40{"))
            await client.close()
        }
    }
}

@Suite(
    "Official socket.io-protocol suite: Socket.IO connect and disconnect",
    .ownThread,
    .timeLimit(.minutes(2))
)
struct OfficialConnectTests {
    /// The CONNECT reply's object, which must have `sid` as its only key.
    private func expectHandshake(_ data: String, prefix: String) throws {
        #expect(data.hasPrefix(prefix))
        let handshake = try JSONValue(parsing: String(data.dropFirst(prefix.count)))
        #expect(handshake.objectValue?.keys == ["sid"])
        #expect(handshake["sid"]?.stringValue?.isEmpty == false)
    }

    @Test("should allow connection to the main namespace")
    func mainNamespace() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.send("40")
            try expectHandshake(try await client.nextText(), prefix: "40")
            #expect(try await client.nextText() == #"42["auth",{}]"#)
            await client.close()
        }
    }

    @Test("should allow connection to the main namespace with a payload")
    func mainNamespaceWithPayload() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.send(#"40{"token":"123"}"#)
            try expectHandshake(try await client.nextText(), prefix: "40")
            #expect(try await client.nextText() == #"42["auth",{"token":"123"}]"#)
            await client.close()
        }
    }

    @Test("should allow connection to a custom namespace")
    func customNamespace() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.send("40/custom,")
            try expectHandshake(try await client.nextText(), prefix: "40/custom,")
            #expect(try await client.nextText() == #"42/custom,["auth",{}]"#)
            await client.close()
        }
    }

    @Test("should allow connection to a custom namespace with a payload")
    func customNamespaceWithPayload() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.send(#"40/custom,{"token":"abc"}"#)
            try expectHandshake(try await client.nextText(), prefix: "40/custom,")
            #expect(try await client.nextText() == #"42/custom,["auth",{"token":"abc"}]"#)
            await client.close()
        }
    }

    @Test("should disallow connection to an unknown namespace")
    func unknownNamespace() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.send("40/random")
            #expect(try await client.nextText() == #"44/random,{"message":"Invalid namespace"}"#)
            await client.close()
        }
    }

    @Test("should disallow connection with an invalid handshake")
    func invalidHandshake() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.send("4abc")
            try await client.waitForClose()
        }
    }

    @Test("should close the connection if no handshake is received")
    func noHandshake() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connect()
            try await client.waitForClose(within: .seconds(5))
        }
    }

    @Test("should disconnect from the main namespace (the next frame is a ping)")
    func disconnectMain() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient(answersPings: false)
            try await client.send("41")
            #expect(try await client.nextText() == "2")
            await client.close()
        }
    }

    @Test("should connect then disconnect from a custom namespace")
    func connectThenDisconnectCustom() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            try await client.send("40/custom")
            _ = try await client.nextText()  // Socket.IO handshake
            _ = try await client.nextText()  // auth packet
            try await client.send("41/custom")
            try await client.send(#"42["message","message to main namespace"]"#)
            #expect(
                try await client.nextText() == #"42["message-back","message to main namespace"]"#
            )
            await client.close()
        }
    }
}

@Suite("Official socket.io-protocol suite: Socket.IO messages", .ownThread, .timeLimit(.minutes(2)))
struct OfficialMessageTests {
    @Test("should send a plain-text packet")
    func plainText() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            try await client.send(#"42["message",1,"2",{"3":[true]}]"#)
            #expect(try await client.nextText() == #"42["message-back",1,"2",{"3":[true]}]"#)
            await client.close()
        }
    }

    @Test("should send a packet with binary attachments")
    func binaryAttachments() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            try await client.send(#"452-["message",\#(placeholder(0)),\#(placeholder(1))]"#)
            try await client.send(binary: [1, 2, 3])
            try await client.send(binary: [4, 5, 6])
            #expect(
                try await client.nextText()
                    == #"452-["message-back",\#(placeholder(0)),\#(placeholder(1))]"#
            )
            #expect(try await client.nextBinary() == [1, 2, 3])
            #expect(try await client.nextBinary() == [4, 5, 6])
            await client.close()
        }
    }

    @Test("should send a plain-text packet with an ack")
    func plainTextWithAck() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            try await client.send(#"42456["message-with-ack",1,"2",{"3":[false]}]"#)
            #expect(try await client.nextText() == #"43456[1,"2",{"3":[false]}]"#)
            await client.close()
        }
    }

    @Test("should send a packet with binary attachments and an ack")
    func binaryWithAck() async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            try await client.send(
                #"452-789["message-with-ack",\#(placeholder(0)),\#(placeholder(1))]"#
            )
            try await client.send(binary: [1, 2, 3])
            try await client.send(binary: [4, 5, 6])
            #expect(
                try await client.nextText() == #"462-789[\#(placeholder(0)),\#(placeholder(1))]"#
            )
            #expect(try await client.nextBinary() == [1, 2, 3])
            #expect(try await client.nextBinary() == [4, 5, 6])
            await client.close()
        }
    }

    @Test(
        "should close the connection upon invalid format (unknown packet type, invalid payload format, invalid ack id)",
        arguments: ["4abc", "42{}", #"42abc["message-with-ack",1,"2",{"3":[false]}]"#]
    )
    func invalidFormat(packet: String) async throws {
        try await ContractServer.with { server async throws in
            let client = try await server.connectedClient()
            try await client.send(packet)
            try await client.waitForClose()
        }
    }
}
