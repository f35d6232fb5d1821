import JSON
import SocketIO
import TestSupport
import Testing

@Suite("Connection state recovery", .ownThread, .timeLimit(.minutes(2)))
struct RecoveryTests {
    static func configuration(window: Duration = .seconds(30)) -> SocketIOServer.Configuration {
        var configuration = SocketIOHarness.quietConfiguration
        var recovery = SocketIOServer.ConnectionStateRecovery()
        recovery.maximumDisconnectionDuration = window
        configuration.connectionStateRecovery = recovery
        return configuration
    }

    /// Sets up a server whose sockets join `news` and keep data, and report their ends.
    static func setUp(_ io: SocketIOServer, middlewareRuns: Signals<String>, ends: Signals<String>)
    {
        io.use { socket, next in
            middlewareRuns.send(socket.id)
            next(nil)
        }
        io.on(.connection) { socket in
            if !socket.recovered {
                socket.join("news")
                socket.data = ["visits": 1]
            }
            socket.emit(
                "hello",
                .bool(socket.recovered),
                .array(socket.rooms.sorted().map { .string($0) }),
                socket.data
            )
            socket.on(.disconnect) { reason in ends.send("\(reason)") }
        }
    }

    /// Reads a CONNECT reply with recovery on: `{"sid":…,"pid":…}`.
    static func reply(_ client: RawClient, auth: String = "") async throws -> (
        sid: String, pid: String
    ) {
        try await client.send("40" + auth)
        let text = try await client.nextText()
        let object = try JSONValue(parsing: String(text.dropFirst(2)))
        guard object.objectValue?.keys == ["sid", "pid"], let sid = object["sid"]?.stringValue,
            let pid = object["pid"]?.stringValue
        else { throw TestFailure("not a recovery CONNECT reply: \(text)") }
        return (sid, pid)
    }

    /// An event's arguments, and its offset (the last one).
    static func event(_ text: String) throws -> (arguments: [JSONValue], offset: String) {
        guard text.hasPrefix("42"),
            let array = try JSONValue(parsing: String(text.dropFirst(2))).arrayValue,
            let offset = array.last?.stringValue
        else { throw TestFailure("not an event with an offset: \(text)") }
        return (Array(array.dropLast()), offset)
    }

    @Test(
        "a client that drops and comes back with its pid and offset gets the missed events, its id, rooms and data"
    )
    func recovers() async throws {
        let runs = Signals<String>()
        let ends = Signals<String>()
        try await SocketIOHarness.with(configuration: Self.configuration()) { io in
            Self.setUp(io, middlewareRuns: runs, ends: ends)
        } _: { server in
            let first = try await server.connect(loop: 0)
            let (sid, pid) = try await Self.reply(first)
            _ = try await runs.next()
            let hello = try Self.event(try await first.nextText())
            #expect(
                hello.arguments == [
                    "hello", false, .array(["news", .string(sid)].sorted { "\($0)" < "\($1)" }),
                    ["visits": 1],
                ]
            )
            server.io.to("news").emit("seen", 1)
            let seen = try Self.event(try await first.nextText())
            #expect(seen.arguments == ["seen", 1])

            await first.close()  // the transport is gone
            #expect(try await ends.next() == "transport close")
            server.io.to("news").emit("missed", 1)
            server.io.to("elsewhere").emit("not-for-it")
            server.io.emit("missed", 2)
            server.io.volatile.emit("volatile")  // volatile packets are never kept

            // On the other loop, another Engine.IO session.
            let second = try await server.connect(loop: 1)
            let again = try await Self.reply(
                second,
                auth: #"{"pid":"\#(pid)","offset":"\#(seen.offset)"}"#
            )
            #expect(again.sid == sid && again.pid == pid)
            #expect(try Self.event(try await second.nextText()).arguments == ["missed", 1])
            #expect(try Self.event(try await second.nextText()).arguments == ["missed", 2])
            let rejoined = try Self.event(try await second.nextText())
            #expect(rejoined.arguments[0...1] == ["hello", true])
            #expect(rejoined.arguments[3] == ["visits": 1])
            #expect(await runs.staysQuiet(for: .milliseconds(100)))  // middlewares skipped
            // Its rooms are back: the next broadcast to news reaches it.
            server.io.to("news").emit("after")
            #expect(try Self.event(try await second.nextText()).arguments == ["after"])
            await second.close()
        }
    }

    @Test("not recovered: an unknown offset, a client that left on purpose, or an expired window")
    func notRecovered() async throws {
        let runs = Signals<String>()
        let ends = Signals<String>()
        try await SocketIOHarness.with(
            configuration: Self.configuration(window: .milliseconds(300))
        ) { io in
            Self.setUp(io, middlewareRuns: runs, ends: ends)
        } _: { server in
            // An offset the server never sent.
            var client = try await server.connect()
            var (sid, pid) = try await Self.reply(client)
            var hello = try Self.event(try await client.nextText())
            await client.close()
            _ = try await ends.next()
            client = try await server.connect()
            var next = try await Self.reply(client, auth: #"{"pid":"\#(pid)","offset":"nonsense"}"#)
            #expect(next.sid != sid)
            hello = try Self.event(try await client.nextText())
            #expect(hello.arguments[1] == false)

            // A client namespace disconnect is not recoverable.
            (sid, pid) = next
            try await client.send("41")
            _ = try await ends.next()
            next = try await Self.reply(
                client,
                auth: #"{"pid":"\#(pid)","offset":"\#(hello.offset)"}"#
            )
            #expect(next.sid != sid)
            hello = try Self.event(try await client.nextText())
            #expect(hello.arguments[1] == false)

            // The window passes.
            (sid, pid) = next
            await client.close()
            _ = try await ends.next()
            try await Task.sleep(for: .milliseconds(600))  // the window is what is tested
            client = try await server.connect()
            next = try await Self.reply(
                client,
                auth: #"{"pid":"\#(pid)","offset":"\#(hello.offset)"}"#
            )
            #expect(next.sid != sid)
            await client.close()
        }
    }

    @Test(
        "a client that missed more packets than the limit starts afresh; within the limit it recovers"
    )
    func missedPacketLimit() async throws {
        let runs = Signals<String>()
        let ends = Signals<String>()
        var configuration = Self.configuration()
        configuration.connectionStateRecovery?.maximumMissedPackets = 3
        try await SocketIOHarness.with(configuration: configuration) { io in
            Self.setUp(io, middlewareRuns: runs, ends: ends)
        } _: { server in
            for (missed, recovers) in [(3, true), (4, false)] {
                let client = try await server.connect()
                let (sid, pid) = try await Self.reply(client)
                let hello = try Self.event(try await client.nextText())
                await client.close()
                _ = try await ends.next()
                for index in 0..<missed { server.io.emit("missed", .integer(index)) }
                let again = try await server.connect()
                let reply = try await Self.reply(
                    again,
                    auth: #"{"pid":"\#(pid)","offset":"\#(hello.offset)"}"#
                )
                #expect((reply.sid == sid) == recovers, "\(missed) missed")
                if recovers {
                    for index in 0..<missed {
                        #expect(
                            try Self.event(try await again.nextText()).arguments == [
                                "missed", .integer(index),
                            ]
                        )
                    }
                }
                #expect(try Self.event(try await again.nextText()).arguments[1] == .bool(recovers))
                await again.close()
                _ = try await ends.next()
            }
        }
    }

    @Test("with recovery on, an emit with an ack or a volatile one carries no offset")
    func offsets() async throws {
        try await SocketIOHarness.with(configuration: Self.configuration()) { io in
            io.on(.connection) { socket in
                socket.volatile.emit("v")
                socket.emit("q") { _ in }
                socket.emit("plain")
            }
        } _: { server in
            let client = try await server.connect()
            _ = try await Self.reply(client)
            #expect(try await client.nextText() == #"42["v"]"#)
            let question = try await client.nextText()
            #expect(question.hasSuffix(#"["q"]"#))
            #expect(try Self.event(try await client.nextText()).arguments == ["plain"])
            await client.close()
        }
    }
}
