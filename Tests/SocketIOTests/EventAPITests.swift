import EventLoop
import SocketIO
import SystemCalls
import TestSupport
import Testing

/// A tiny error for middlewares to refuse with.
struct Refused: Error, Equatable, CustomStringConvertible {
    let description: String
}

@Suite(
    "Server API: listeners, packet middlewares, disconnect reasons",
    .ownThread,
    .timeLimit(.minutes(2))
)
struct EventAPITests {
    @Test("on, once, off(listener), off(event), removeAllListeners")
    func listeners() async throws {
        try await SocketIOHarness.with { io in
            io.on(.connection) { socket in
                var heard: [String] = []
                socket.on("a") { args, _ in heard.append("a\(args)") }
                let second = socket.on("a") { _, _ in heard.append("a-second") }
                socket.once("b") { _, _ in heard.append("b-once") }
                socket.on("off-second") { _, _ in socket.off(second) }
                socket.on("off-a") { _, _ in socket.off("a") }
                socket.on("report") { _, ack in
                    ack?(.array(heard.map { .string($0) }))
                    heard.removeAll()
                }
            }
        } _: { server in
            let (client, _) = try await server.connectedClient()
            for packet in [
                #"42["a",1]"#, #"42["b"]"#, #"42["b"]"#, #"42["off-second"]"#, #"42["a",2]"#,
                #"42["off-a"]"#, #"42["a",3]"#, #"421["report"]"#,
            ] {
                try await client.send(packet)
            }
            #expect(try await client.nextText() == #"431[["a[1]","a-second","b-once","a[2]"]]"#)
            await client.close()
        }
    }

    @Test(
        "onAny runs before the handlers (prependAny first), offAny stops it; onAnyOutgoing sees emits and broadcasts"
    )
    func catchAll() async throws {
        try await SocketIOHarness.with { io in
            io.on(.connection) { socket in
                var log: [String] = []
                let any = socket.onAny { event, args in log.append("any \(event) \(args.count)") }
                socket.prependAny { event, _ in log.append("prepended \(event)") }
                socket.on("ping-me") { _, _ in log.append("handler") }
                socket.on("stop-any") { _, _ in socket.offAny(any) }
                socket.onAnyOutgoing { event, args in log.append("out \(event) \(args)") }
                socket.on("report") { _, ack in
                    socket.emit("direct", 1)
                    socket.nsp.emit("everyone", "x")  // a broadcast reaches this socket too
                    ack?(.array(log.map { .string($0) }))
                }
            }
        } _: { server in
            let (client, _) = try await server.connectedClient()
            try await client.send(#"42["ping-me",1,2]"#)
            try await client.send(#"42["stop-any"]"#)
            try await client.send(#"42["ping-me"]"#)
            try await client.send(#"425["report"]"#)
            #expect(try await client.nextText() == #"42["direct",1]"#)
            #expect(try await client.nextText() == #"42["everyone","x"]"#)
            let expected = [
                "prepended ping-me", "any ping-me 2", "handler", "prepended stop-any",
                "any stop-any 0",
                "prepended ping-me", "handler", "prepended report", "out direct [1]",
                "out everyone [\"x\"]",
            ]
            let report = try await client.nextText()
            #expect(
                report == "435[" + SocketIOValue.array(expected.map { .string($0) }).description
                    + "]"
            )
            await client.close()
        }
    }

    @Test(
        "socket.use: a refusal goes to the error handlers, not to the event's; next may come later"
    )
    func packetMiddleware() async throws {
        try await SocketIOHarness.with { io in
            io.on(.connection) { socket in
                socket.use { event, args, next in
                    if event == "secret" { return next(Refused(description: "no secrets")) }
                    if event == "slow" {
                        return Task {
                            try? await Task.sleep(for: .milliseconds(20))
                            next(nil)
                        }.ignored()
                    }
                    next(nil)
                }
                socket.on(.error) { error in socket.emit("refused", .string("\(error)")) }
                socket.on("secret") { _, _ in socket.emit("leaked") }
                socket.on("slow") { args, ack in ack?.send(args) }
                socket.on("fast") { args, ack in ack?.send(args) }
            }
        } _: { server in
            let (client, _) = try await server.connectedClient()
            try await client.send(#"42["secret"]"#)
            #expect(try await client.nextText() == #"42["refused","no secrets"]"#)
            try await client.send(#"421["slow","s"]"#)
            #expect(try await client.nextText() == #"431["s"]"#)
            try await client.send(#"422["fast","f"]"#)
            #expect(try await client.nextText() == #"432["f"]"#)
            await client.close()
        }
    }

    @Test(
        "disconnect reasons, named as JavaScript names them; rooms are still there while disconnecting"
    )
    func reasons() async throws {
        let reasons = Signals<String>()
        var configuration = SocketIOHarness.quietConfiguration
        configuration.engine.pingInterval = .milliseconds(200)
        configuration.engine.pingTimeout = .milliseconds(100)
        try await SocketIOHarness.with(configuration: configuration) { io in
            io.on(.connection) { socket in
                socket.join("lobby")
                socket.on(.disconnecting) { _ in
                    reasons.send("rooms \(socket.rooms.sorted().count)")
                }
                socket.on(.disconnect) { reason in
                    reasons.send("\(reason) rooms \(socket.rooms.count)")
                }
                socket.on("kick") { _, _ in socket.disconnect() }
                socket.on("kick-all") { _, _ in socket.disconnect(close: true) }
            }
        } _: { server in
            // The client leaves the namespace.
            var (client, _) = try await server.connectedClient()
            try await client.send("41")
            #expect(try await reasons.next() == "rooms 2")
            #expect(try await reasons.next() == "client namespace disconnect rooms 0")
            // The server asks it to leave.
            try await client.connect("/")
            try await client.send(#"42["kick"]"#)
            #expect(try await client.nextText() == "41")
            _ = try await reasons.next()
            #expect(try await reasons.next() == "server namespace disconnect rooms 0")
            // ... and to close the connection: DISCONNECT first, then the close.
            try await client.connect("/")
            try await client.send(#"42["kick-all"]"#)
            #expect(try await client.nextText() == "41")
            try await client.waitForClose()
            _ = try await reasons.next()
            #expect(try await reasons.next() == "server namespace disconnect rooms 0")
            // The client closes its WebSocket.
            (client, _) = try await server.connectedClient()
            await client.close()
            _ = try await reasons.next()
            #expect(try await reasons.next() == "transport close rooms 0")
            // It sends something invalid.
            (client, _) = try await server.connectedClient()
            try await client.send("42{}")
            _ = try await reasons.next()
            #expect(try await reasons.next() == "parse error rooms 0")
            // It stops answering pings.
            let silent = try await server.connect(answersPings: false)
            try await silent.connect("/")
            _ = try await reasons.next()
            #expect(try await reasons.next(within: .seconds(3)) == "ping timeout rooms 0")
            // The server shuts down.
            (client, _) = try await server.connectedClient()
            server.io.close()
            _ = try await reasons.next()
            #expect(try await reasons.next() == "server shutting down rooms 0")
        }
    }
}

extension Task {
    /// Lets a task run on without its handle (a middleware's background work).
    func ignored() {}
}

@Suite("Server API: a departed socket is freed", .ownThread, .timeLimit(.minutes(1)))
struct SocketLifetimeTests {
    /// A weak reference the server side fills.
    final class WeakSocket: Sendable {
        private let socket = Locked<[Weak]>([])
        struct Weak { weak var value: SocketIOSocket? }
        func add(_ socket: SocketIOSocket) {
            self.socket.withLock { $0.append(Weak(value: socket)) }
        }
        var alive: Int { socket.withLock { $0.filter { $0.value != nil }.count } }
        var count: Int { socket.withLock { $0.count } }
    }

    @Test("handlers that capture their socket do not keep it alive once it has left")
    func freed() async throws {
        let sockets = WeakSocket()
        try await SocketIOHarness.with { io in
            io.on(.connection) { socket in
                sockets.add(socket)
                socket.on("echo") { args, _ in socket.emit("echo", arguments: args) }
                socket.onAny { _, _ in _ = socket.id }
                socket.on(.disconnect) { _ in _ = socket.rooms }
                socket.use { _, _, next in
                    _ = socket.id
                    next(nil)
                }
            }
        } _: { server in
            for index in 0..<4 {
                let (client, _) = try await server.connectedClient(loop: index)
                try await client.send(#"42["echo",1]"#)
                #expect(try await client.nextText() == #"42["echo",1]"#)
                if index % 2 == 0 { try await client.send("41") }
                await client.close()
            }
            #expect(sockets.count == 4)
            #expect(await eventually { sockets.alive == 0 }, "\(sockets.alive) sockets still alive")
        }
    }
}
