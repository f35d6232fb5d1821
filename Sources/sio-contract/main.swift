// sio-contract: the server of ../shared/socketio/CONTRACT.md sections A–E on one port: the
// Engine.IO echo application on /engine.io/ and the Socket.IO demo application on
// /socket.io/ (namespaces /, /custom, /private, /dyn-<digits>, and the events of E.3).
// Try it:   swift run sio-contract                     (listens on 127.0.0.1:3000)
//           curl -s 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling'
//           (then POST 40 with that sid, and GET the CONNECT reply and the auth event)
// HOST and PORT come from the environment (default 127.0.0.1:3000); --host and --port
// override them. Timers are the contract's: pings every 300 ms, 200 ms to answer,
// 1,000,000-byte payloads, 1 s to CONNECT.
// Chapter:  Tutorials/13-socket-io/README.md

import DemoSupport
import EngineIO
import EventLoop
import HTTP
import SocketIO
import Sockets

let command = DemoCommand(
    name: "sio-contract",
    summary:
        "the Socket.IO and Engine.IO servers of the contract (HOST and PORT from the environment)",
    defaultPort: 3000,
    options: [
        .init("--ping-interval", "MS", "milliseconds between pings (default 300)"),
        .init("--ping-timeout", "MS", "milliseconds a pong may take (default 200)"),
        .init("--max-payload", "BYTES", "the largest POST body or message (default 1000000)"),
        .init("--connect-timeout", "MS", "milliseconds a session has to CONNECT (default 1000)"),
        .init("--loops", "N", "event loops to run (default: one per core)"),
    ],
    examples: [
        "sio-contract --port 3000",
        "curl -s 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling'",
    ]
)
let options = command.parseWithEnvironmentDefaults()  // CONTRACT A: HOST, PORT
let logger = Logger(label: "sio-contract")

// CONTRACT B: both paths share the Engine.IO parameters.
var engineConfiguration = EngineIOServer.Configuration()
engineConfiguration.pingInterval = .milliseconds(options.integer("--ping-interval", default: 300))
engineConfiguration.pingTimeout = .milliseconds(options.integer("--ping-timeout", default: 200))
engineConfiguration.maximumPayload = options.integer("--max-payload", default: 1_000_000)

// CONTRACT C: the Engine.IO echo application.
/// Whatever a session sends comes straight back.
final class Echo: EngineIOSocketHandler {
    func socket(_ socket: EngineIOSocket, didReceive message: EngineIOMessage) {
        socket.send(message)
    }
}
let echo = EngineIOServer(configuration: engineConfiguration, logger: logger) { socket in
    socket.handler = Echo()
}

// snippet: contract-app
// CONTRACT E: the Socket.IO application.
var configuration = SocketIOServer.Configuration()
configuration.engine = engineConfiguration
configuration.connectTimeout = .milliseconds(options.integer("--connect-timeout", default: 1000))
let io = SocketIOServer(configuration: configuration, logger: logger)

/// The events of CONTRACT E.3, the same in every namespace.
@Sendable func serve(_ socket: SocketIOSocket) {
    // E.2: the first packet after the CONNECT reply echoes the auth payload.
    socket.emit("auth", .object(socket.handshake.auth))
    socket.on("message") { args, _ in socket.emit("message-back", arguments: args) }
    socket.on("message-with-ack") { args, ack in ack?.send(args) }
    socket.on("join") { args, ack in
        guard let room = args.first?.stringValue else { return }
        socket.join(room)
        ack?(.string(room))
    }
    socket.on("leave") { args, ack in
        guard let room = args.first?.stringValue else { return }
        socket.leave(room)
        ack?(.string(room))
    }
    socket.on("room-emit") { args, ack in
        guard let room = args.first?.stringValue else { return }
        let payload = args.count > 1 ? args[1] : .null
        socket.nsp.to(room).emit("room-message", .string(room), payload)  // the sender too
        ack?()
    }
    socket.on("broadcast") { args, ack in
        socket.broadcast.emit("broadcast-back", args.first ?? .null)
        ack?()
    }
    socket.on("burst") { args, ack in
        let count = min(max(args.first?.intValue ?? 0, 0), 1000)
        for index in 0..<count { socket.emit("burst-item", .integer(index)) }
        ack?(.integer(count))
    }
    socket.on("whoami") { _, ack in
        ack?(["sid": .string(socket.id), "nsp": .string(socket.nsp.name)])
    }
    socket.on("ask") { args, ack in
        socket.emit("question", args.first ?? .null) { answer in
            socket.emit("answer", arguments: answer)
        }
        ack?()
    }
    socket.on("disconnect-me") { _, _ in socket.disconnect() }
    socket.on("drop-transport") { _, _ in socket.conn.drop() }  // as if the network failed
    // `no-ack` and any other event: nothing, and never an ACK.
}

io.on(.connection, serve)
io.of("/custom").on(.connection, serve)
let privateNamespace = io.of("/private")
privateNamespace.use { socket, next in
    guard socket.handshake.auth["token"] == "s3cr3t" else {
        return next(SocketIOConnectError("Not authorized", data: ["reason": "invalid token"]))
    }
    next(nil)
}
privateNamespace.on(.connection, serve)
io.of(/^\/dyn-[0-9]+$/).on(.connection, serve)
// end-snippet

var router = HTTPRouter()
router.engineIO("/engine.io/", echo)
router.socketIO(io)

var httpConfiguration = HTTPServer.Configuration()
// A POST of maxPayload bytes must fit the body limit of the HTTP layer.
httpConfiguration.limits.maximumBodySize = max(
    httpConfiguration.limits.maximumBodySize,
    engineConfiguration.maximumPayload
)

/// The HTTP server with both applications on it: on shutdown, the sessions end first (a
/// held poll gets its close packet at once), so the connections close without waiting.
struct ContractServer: ListeningServer {
    let http: HTTPServer

    var localAddress: SocketAddress { http.localAddress }

    func shutdown(gracePeriod: Duration) async {
        io.close()
        echo.closeAllSessions()
        await http.shutdown(gracePeriod: gracePeriod)
    }
}

await runServer(options: options, logger: logger) { group in
    ContractServer(
        http: try HTTPServer(
            address: options.address(),
            group: group,
            configuration: httpConfiguration,
            logger: logger,
            handler: router
        )
    )
}
