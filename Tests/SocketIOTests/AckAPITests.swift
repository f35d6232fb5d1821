import EventLoop
import SocketIO
import TestSupport
import Testing

/// The ack id of a server's event, `42<id>[…]`.
func ackID(of text: String, namespace: String = "") -> Int? {
    Int(text.dropFirst(2 + namespace.count).prefix { $0.isNumber })
}

@Suite("Server API: acknowledgements", .ownThread, .timeLimit(.minutes(2)))
struct AckAPITests {
    @Test(
        "emit with a trailing callback: the client's answer, on the socket's loop; binary answers too"
    )
    func callbackAck() async throws {
        let answers = Signals<[SocketIOValue]>()
        try await SocketIOHarness.with { io in
            io.on(.connection) { socket in
                socket.emit("question", "ready?") { answer in
                    socket.loop.preconditionInEventLoop()
                    answers.send(answer)
                }
            }
        } _: { server in
            let (client, _) = try await server.connectedClient()
            let question = try await client.nextText()
            let id = try #require(ackID(of: question))
            #expect(question == #"42\#(id)["question","ready?"]"#)
            try await client.send(#"461-\#(id)["yes",\#(placeholder(0))]"#)
            try await client.send(binary: [1, 2])
            #expect(try await answers.next() == ["yes", .binary([1, 2])])
            // A second answer to the same id, or one nobody asked for, is ignored.
            try await client.send(#"43\#(id)["again"]"#)
            try await client.send(#"43999999["unasked"]"#)
            #expect(await answers.staysQuiet(for: .milliseconds(200)))
            await client.close()
        }
    }

    @Test("emitWithAck from any task; timeout(…) fails with a timeout and ignores a late answer")
    func awaitAndTimeout() async throws {
        let sockets = Signals<SocketIOSocket>()
        try await SocketIOHarness.with { io in
            io.on(.connection) { socket in sockets.send(socket) }
        } _: { server in
            let (client, _) = try await server.connectedClient()
            let socket = try await sockets.next()
            async let answer = socket.emitWithAck("sum", 1, 2)  // from the test's task
            let question = try await client.nextText()
            let id = try #require(ackID(of: question))
            try await client.send("43\(id)[3]")
            #expect(try await answer == [3])

            let start = ContinuousClock.now
            let late = Task { try await socket.timeout(.milliseconds(200)).emitWithAck("slow") }
            let slowID = try #require(ackID(of: try await client.nextText()))
            await #expect(throws: SocketIOError.timeout(responses: [])) { try await late.value }
            #expect(ContinuousClock.now - start >= .milliseconds(200))
            try await client.send("43\(slowID)[\"too late\"]")  // nobody waits: ignored

            let results = Signals<SocketIOAckResult>()
            socket.loop.execute {
                socket.timeout(.seconds(5)).emit("quick", 1) { results.send($0) }
            }
            let quickID = try #require(ackID(of: try await client.nextText()))
            try await client.send("43\(quickID)[\"fast\"]")
            #expect(try await results.next() == .success(["fast"]))
            await client.close()
        }
    }

    @Test(
        "pending acknowledgements fail when the socket leaves; past the limit an emit fails at once"
    )
    func disconnectedAndLimit() async throws {
        let sockets = Signals<SocketIOSocket>()
        var configuration = SocketIOHarness.quietConfiguration
        configuration.maximumPendingAcks = 2
        try await SocketIOHarness.with(configuration: configuration) { io in
            io.on(.connection) { socket in sockets.send(socket) }
        } _: { server in
            let (client, _) = try await server.connectedClient()
            let socket = try await sockets.next()
            let results = Signals<SocketIOAckResult>()
            socket.loop.execute {
                for number in 1...3 {
                    socket.timeout(.seconds(30)).emit("q", .integer(number)) { results.send($0) }
                }
            }
            #expect(try await results.next() == .failure(.tooManyPendingAcks(limit: 2)))
            _ = try await client.nextText()
            _ = try await client.nextText()
            try await client.send("41")
            #expect(try await results.next() == .failure(.disconnected(responses: [])))
            #expect(try await results.next() == .failure(.disconnected(responses: [])))
            await client.close()
        }
    }

    @Test("an ack answers once, even called twice, and may be called from another task")
    func ackOnce() async throws {
        try await SocketIOHarness.with { io in
            io.on(.connection) { socket in
                socket.on("twice") { args, ack in
                    ack?(1)
                    ack?(2)
                }
                socket.on("later") { args, ack in
                    Task {
                        try? await Task.sleep(for: .milliseconds(10))
                        ack?.send(args)
                    }.ignored()
                }
            }
        } _: { server in
            let (client, _) = try await server.connectedClient()
            try await client.send(#"427["twice"]"#)
            #expect(try await client.nextText() == "437[1]")
            try await client.send(#"428["later",{"a":1}]"#)
            #expect(try await client.nextText() == #"438[{"a":1}]"#)
            #expect(await client.staysQuiet(for: .milliseconds(200)))
            await client.close()
        }
    }

    @Test(
        "io.timeout(…).emit collects every client's answer across loops, or the timeout with what came"
    )
    func broadcastAcks() async throws {
        try await SocketIOHarness.with { io in
            io.on(.connection) { socket in
                socket.join(socket.handshake.auth["room"]?.stringValue ?? "none")
            }
        } _: { server in
            var clients: [RawClient] = []
            for index in 0..<4 {
                let (client, _) = try await server.connectedClient(
                    auth: index < 3 ? #"{"room":"answering"}"# : #"{"room":"silent"}"#,
                    loop: index
                )
                clients.append(client)
            }
            let io = server.io

            // Every member of "answering" answers with its number.
            async let all = io.to("answering").timeout(.seconds(5)).emitWithAck("poll", "q")
            for (index, client) in clients.prefix(3).enumerated() {
                let text = try await client.nextText()
                let id = try #require(ackID(of: text))
                #expect(text == #"42\#(id)["poll","q"]"#)
                try await client.send("43\(id)[\(index)]")
            }
            #expect(try await Set(all) == [0, 1, 2])

            // One of everyone stays silent: the timeout, with the three answers that came.
            let results = Signals<SocketIOAckResult>()
            io.timeout(.milliseconds(300)).emit("poll", "again") { results.send($0) }
            for (index, client) in clients.enumerated() {
                let id = try #require(ackID(of: try await client.nextText()))
                if index < 3 { try await client.send("43\(id)[\(index * 10)]") }
            }
            guard case .failure(.timeout(let responses)) = try await results.next() else {
                throw TestFailure("expected a timeout")
            }
            #expect(Set(responses) == [0, 10, 20])

            // Nobody in the room: done at once, with no answers.
            #expect(try await io.to("nobody").timeout(.seconds(5)).emitWithAck("poll") == [])
            for client in clients { await client.close() }
        }
    }
}
