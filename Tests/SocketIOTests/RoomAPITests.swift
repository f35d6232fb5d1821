import EventLoop
import SocketIO
import TestSupport
import Testing

@Suite("Server API: rooms and broadcasts", .ownThread, .timeLimit(.minutes(2)))
struct RoomAPITests {
    /// Connects `count` clients, alternating loops, each joining the rooms its auth lists.
    private func clients(_ count: Int, _ server: SocketIOHarness, rooms: (Int) -> [String])
        async throws -> [(client: RawClient, id: String)]
    {
        var all: [(RawClient, String)] = []
        for index in 0..<count {
            let list = rooms(index).map { "\"\($0)\"" }.joined(separator: ",")
            all.append(
                try await server.connectedClient(auth: #"{"rooms":[\#(list)]}"#, loop: index)
            )
            _ = try await all[index].0.nextText()  // "ready", after the joins
        }
        return all
    }

    private static func joinFromAuth(_ io: SocketIOServer) {
        io.on(.connection) { socket in
            for room in socket.handshake.auth["rooms"]?.arrayValue ?? [] {
                if let name = room.stringValue { socket.join(name) }
            }
            socket.on("rooms") { _, ack in ack?(.array(socket.rooms.sorted().map { .string($0) })) }
            socket.on("leave") { args, ack in
                socket.leave(args.first?.stringValue ?? "")
                ack?()
            }
            socket.on("to-room") { args, _ in
                socket.to(args.first?.stringValue ?? "").emit("from-peer", .string(socket.id))
            }
            socket.on("to-all-others") { _, _ in
                socket.broadcast.emit("from-peer", .string(socket.id))
            }
            socket.emit("ready")
        }
    }

    @Test(
        "join, leave, rooms (with the socket's own id); io.to and io.in reach the members on both loops"
    )
    func joinAndTo() async throws {
        try await SocketIOHarness.with(setUp: Self.joinFromAuth) { server in
            let all = try await clients(4, server) {
                $0 % 2 == 0 ? ["even", "all"] : ["odd", "all"]
            }
            try await all[0].client.send(#"421["rooms"]"#)
            let rooms = [all[0].id, "all", "even"].sorted().map { SocketIOValue.string($0) }
            let report = try await all[0].client.nextText()
            #expect(report == "431[" + SocketIOValue.array(rooms).description + "]")
            server.io.to("even").emit("news", "e")
            server.io.in("odd").emit("news", "o")
            for (index, member) in all.enumerated() {
                #expect(
                    try await member.client.nextText()
                        == (index % 2 == 0 ? #"42["news","e"]"# : #"42["news","o"]"#)
                )
            }
            // to(a).to(b) is a union, each socket once; except removes a room's members.
            server.io.to("even").to("all").except("odd").emit("once")
            for (index, member) in all.enumerated() where index % 2 == 0 {
                #expect(try await member.client.nextText() == #"42["once"]"#)
            }
            for member in all where await !member.client.staysQuiet(for: .milliseconds(100)) {
                Issue.record("a socket got the broadcast twice, or an excluded one got it")
            }
            // A socket id is a room: a private message.
            server.io.to(all[3].id).emit("private")
            #expect(try await all[3].client.nextText() == #"42["private"]"#)
            // After leave, the room's broadcasts miss it.
            try await all[1].client.send(#"422["leave","all"]"#)
            #expect(try await all[1].client.nextText() == "432[]")
            server.io.to("all").emit("last")
            for (index, member) in all.enumerated() where index != 1 {
                #expect(try await member.client.nextText() == #"42["last"]"#)
            }
            #expect(await all[1].client.staysQuiet(for: .milliseconds(200)))
            for member in all { await member.client.close() }
        }
    }

    @Test("socket.to(room) and socket.broadcast leave the sender out; namespaces are apart")
    func fromSocket() async throws {
        try await SocketIOHarness.with { io in
            Self.joinFromAuth(io)
            io.of("/elsewhere").on(.connection) { socket in socket.join("r") }
        } _: { server in
            let all = try await clients(3, server) { _ in ["r"] }
            let outsider = try await server.connect()
            try await outsider.connect("/elsewhere")
            try await all[0].client.send(#"42["to-room","r"]"#)
            for member in all.dropFirst() {
                #expect(try await member.client.nextText() == #"42["from-peer","\#(all[0].id)"]"#)
            }
            try await all[1].client.send(#"42["to-all-others"]"#)
            for (index, member) in all.enumerated() where index != 1 {
                #expect(try await member.client.nextText() == #"42["from-peer","\#(all[1].id)"]"#)
            }
            #expect(await all[0].client.staysQuiet(for: .milliseconds(100)))
            #expect(await all[1].client.staysQuiet(for: .milliseconds(100)))
            #expect(await outsider.staysQuiet(for: .milliseconds(100)))
            for member in all { await member.client.close() }
            await outsider.close()
        }
    }

    @Test("fetchSockets across loops, socketsJoin, socketsLeave, disconnectSockets, remote sockets")
    func serverSideOperations() async throws {
        try await SocketIOHarness.with { io in
            Self.joinFromAuth(io)
            io.use { socket, next in
                socket.data = ["name": socket.handshake.auth["name"] ?? .null]
                next(nil)
            }
        } _: { server in
            var all: [(client: RawClient, id: String)] = []
            for index in 0..<4 {
                let (client, id) = try await server.connectedClient(
                    auth: #"{"name":"n\#(index)","rooms":[]}"#,
                    loop: index
                )
                _ = try await client.nextText()
                all.append((client, id))
            }
            let io = server.io
            let fetched = await io.fetchSockets()
            #expect(Set(fetched.map(\.id)) == Set(all.map(\.id)))
            #expect(
                Set(fetched.compactMap { $0.data["name"]?.stringValue }) == [
                    "n0", "n1", "n2", "n3",
                ]
            )
            #expect(fetched.allSatisfy { $0.rooms == [$0.id] && $0.namespace == "/" })

            io.except(all[0].id).socketsJoin("club")
            #expect(
                await eventually {
                    Set(await io.in("club").fetchSockets().map(\.id))
                        == Set(all.dropFirst().map(\.id))
                }
            )
            io.to("club").emit("members")
            for member in all.dropFirst() {
                #expect(try await member.client.nextText() == #"42["members"]"#)
            }
            io.in(all[1].id).socketsLeave("club")
            #expect(await eventually { await io.in("club").fetchSockets().count == 2 })

            let remote = try #require(fetched.first { $0.id == all[2].id })
            remote.emit("hello", "remote")
            #expect(try await all[2].client.nextText() == #"42["hello","remote"]"#)

            io.in("club").disconnectSockets()
            for member in all[2...] { #expect(try await member.client.nextText() == "41") }
            #expect(await eventually { await io.fetchSockets().count == 2 })
            io.disconnectSockets(close: true)
            for member in all[0...1] {
                #expect(try await member.client.nextText() == "41")
                try await member.client.waitForClose()
            }
        }
    }

    @Test(
        "volatile, local and compress broadcasts reach writable clients; a broadcast from any thread arrives once"
    )
    func flags() async throws {
        try await SocketIOHarness.with(setUp: Self.joinFromAuth) { server in
            let all = try await clients(2, server) { _ in ["r"] }
            server.io.volatile.emit("v", 1)
            server.io.local.to("r").emit("l", 2)
            server.io.compress(false).emit("c", 3)
            for member in all {
                #expect(try await member.client.nextText() == #"42["v",1]"#)
                #expect(try await member.client.nextText() == #"42["l",2]"#)
                #expect(try await member.client.nextText() == #"42["c",3]"#)
            }
            for member in all { await member.client.close() }
        }
    }

    @Test("server-side emits: a no-op with one process; handlers hear what an adapter delivers")
    func serverSideEmit() async throws {
        let heard = Signals<[SocketIOValue]>()
        try await SocketIOHarness.with { io in
            io.sockets.onServerSideEmit("sync") { args in heard.send(args) }
        } _: { server async throws in
            server.io.serverSideEmit("sync", 1)
            #expect(await heard.staysQuiet(for: .milliseconds(200)))
            server.io.sockets.receiveServerSideEmit(["sync", 2, "x"])
            #expect(try await heard.next() == [2, "x"])
        }
    }
}
