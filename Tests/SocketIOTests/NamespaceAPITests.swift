import EventLoop
import JSON
import SocketIO
import TestSupport
import Testing

@Suite("Server API: namespaces, middlewares, handshake", .ownThread, .timeLimit(.minutes(2)))
struct NamespaceAPITests {
    @Test("io.use refuses with a CONNECT_ERROR {message, data}; it guards / only")
    func serverMiddleware() async throws {
        try await SocketIOHarness.with { io in
            io.use { socket, next in
                socket.handshake.auth["key"] == "open"
                    ? next(nil)
                    : next(SocketIOConnectError("Forbidden", data: ["code": 403, "retry": false]))
            }
            io.on(.connection) { socket in socket.emit("hi") }
            io.of("/other").on(.connection) { socket in socket.emit("hi") }
        } _: { server in
            let client = try await server.connect()
            try await client.send(#"40{"key":"shut"}"#)
            #expect(
                try await client.nextText()
                    == #"44{"message":"Forbidden","data":{"code":403,"retry":false}}"#
            )
            try await client.connect("/", auth: #"{"key":"open"}"#)
            #expect(try await client.nextText() == #"42["hi"]"#)
            try await client.connect("/other")  // no middleware there
            #expect(try await client.nextText() == #"42/other,["hi"]"#)
            await client.close()
        }
    }

    @Test(
        "nsp.use middlewares run in order; one may call next later, from another thread; no data means no data key"
    )
    func namespaceMiddlewares() async throws {
        let order = Signals<String>()
        try await SocketIOHarness.with { io in
            let admin = io.of("admin")  // a missing / is added
            admin.use { socket, next in
                order.send("first \(socket.nsp.name)")
                Task {
                    try? await Task.sleep(for: .milliseconds(20))
                    next(nil)  // from another thread: the chain carries on on the socket's loop
                }
            }
            admin.use { socket, next in
                order.send("second")
                socket.loop.preconditionInEventLoop()
                next(
                    socket.handshake.auth["role"] == "admin"
                        ? nil : SocketIOConnectError("not an admin")
                )
            }
            admin.on(.connection) { socket in socket.emit("welcome", .string(socket.nsp.name)) }
        } _: { server in
            let client = try await server.connect()
            try await client.send("40/admin,")
            #expect(try await client.nextText() == #"44/admin,{"message":"not an admin"}"#)
            #expect(try await order.next() == "first /admin")
            #expect(try await order.next() == "second")
            try await client.connect("/admin", auth: #"{"role":"admin"}"#)
            #expect(try await client.nextText() == #"42/admin,["welcome","/admin"]"#)
            await client.close()
        }
    }

    @Test(
        "dynamic namespaces: by pattern and by closure; the parent's middlewares and handlers apply, its emit reaches every child"
    )
    func dynamicNamespaces() async throws {
        let parents = Signals<SocketIONamespace>()
        try await SocketIOHarness.with { io in
            let games = io.of(/\/game-[a-z]+/)
            games.use { socket, next in
                socket.data = ["game": .string(socket.nsp.name)]
                next(nil)
            }
            games.on(.connection) { socket in socket.emit("joined", socket.data) }
            let rooms = io.of(matching: { name, auth in
                name.hasPrefix("/room-") && auth["ok"] == true
            })
            rooms.on(.connection) { socket in socket.emit("in", .string(socket.nsp.name)) }
            parents.send(games)
        } _: { server in
            let games = try await parents.next()
            let client = try await server.connect()
            try await client.connect("/game-chess")
            #expect(
                try await client.nextText() == #"42/game-chess,["joined",{"game":"/game-chess"}]"#
            )
            try await client.connect("/game-go")
            #expect(try await client.nextText() == #"42/game-go,["joined",{"game":"/game-go"}]"#)
            try await client.send("40/game-42,")
            #expect(try await client.nextText() == #"44/game-42,{"message":"Invalid namespace"}"#)
            try await client.send(#"40/room-1,{"ok":false}"#)
            #expect(try await client.nextText() == #"44/room-1,{"message":"Invalid namespace"}"#)
            try await client.connect("/room-1", auth: #"{"ok":true}"#)
            #expect(try await client.nextText() == #"42/room-1,["in","/room-1"]"#)
            games.emit("news", 1)
            let news = Set([try await client.nextText(), try await client.nextText()])
            #expect(news == [#"42/game-chess,["news",1]"#, #"42/game-go,["news",1]"#])
            #expect(server.io.of("/game-chess").parent === games)
            await client.close()
        }
    }

    @Test("the connection handler runs after the CONNECT reply, on the socket's loop")
    func connectionAfterReply() async throws {
        try await SocketIOHarness.with { io in
            io.on(.connection) { socket in
                socket.loop.preconditionInEventLoop()
                socket.emit("first", .bool(socket.connected), .integer(socket.rooms.count))
            }
        } _: { server in
            let (client, id) = try await server.connectedClient()
            #expect(!id.isEmpty)
            #expect(try await client.nextText() == #"42["first",true,1]"#)
            await client.close()
        }
    }

    @Test("socket.handshake: auth, query, headers, address, time, issued, url")
    func handshake() async throws {
        let seen = Signals<SocketIOHandshake>()
        try await SocketIOHarness.with { io in
            io.on(.connection) { socket in seen.send(socket.handshake) }
        } _: { server in
            let client = try await RawClient.connect(
                port: server.port,
                on: server.group.loops[0],
                query: "EIO=4&transport=websocket&room=lobby&t=N8hyd6w"
            )
            try await client.connect("/", auth: #"{"token":"abc","n":[1]}"#)
            let handshake = try await seen.next()
            #expect(handshake.auth == ["token": "abc", "n": [1]])
            #expect(handshake.query["room"] == "lobby")
            #expect(handshake.headers["Upgrade"]?.lowercased() == "websocket")
            #expect(handshake.address == "127.0.0.1")
            #expect(handshake.url.hasPrefix("/socket.io/?EIO=4&transport=websocket&room=lobby"))
            #expect(handshake.time.hasSuffix(" GMT"))
            #expect(handshake.issued > 1_700_000_000_000)
            #expect(!handshake.xdomain && !handshake.secure)
            await client.close()
        }
    }
}
