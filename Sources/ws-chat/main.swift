// ws-chat: a chat room over WebSocket, with a page for browsers and a terminal client.
// Try it:   swift run ws-chat --port 9002
//           open http://127.0.0.1:9002/?name=Ada in two browser tabs, and type
//           swift run ws-chat --client --port 9002 --name Grace   (the terminal client)
// Every line anyone sends reaches everyone in the room, its sender included.
// Chapter:  Tutorials/11-websocket-frames/README.md

import DemoSupport
import EventLoop
import HTTP
import SystemCalls
import WebSockets

let command = DemoCommand(
    name: "ws-chat",
    summary: "a WebSocket chat room: a page for browsers, and a terminal client",
    defaultPort: 9002,
    options: [
        .init("--loops", "N", "event loops to run (default: one per core)"),
        .init("--client", nil, "be the terminal client of the room at --host and --port"),
        .init("--name", "NAME", "the client's name in the room (default: guest-N)"),
        .init("--allow-origin", "LIST", "comma-separated origins allowed (default: any)"),
    ],
    examples: [
        "ws-chat --port 9002", "open http://127.0.0.1:9002/?name=Ada",
        "ws-chat --client --port 9002 --name Grace",
    ]
)
let options = command.parse()
let logger = Logger(label: "ws-chat")

if options.isSet("--client") {
    let name = options.value("--name") ?? ""
    let url = "ws://\(options.host):\(options.port)/chat?name=\(PercentEncoding.encode(name))"
    do {
        CurrentProcess.exit(try await TerminalClient.run(url: url))
    } catch {
        printToStandardError("ws-chat: \(error)")
        CurrentProcess.exit(1)
    }
}

await runServer(options: options, logger: logger) { group in
    let room = ChatRoom(group: group)

    // snippet: ws-chat-routes
    var configuration = WebSocketConfiguration()
    configuration.maximumMessageSize = 4096  // a chat line, not a file
    configuration.pingInterval = .seconds(30)  // notice browsers that vanished
    var handshake = WebSocketServerHandshake()
    if let origins = options.value("--allow-origin") {
        let list = origins.split(separator: ",").map(String.init)
        handshake.isOriginAllowed = WebSocketServerHandshake.allowing(origins: list)
    }
    var router = HTTPRouter()
    router.use(RequestLogger())
    router.get("/") { _, response in response.respond(.html(ChatPage.html)) }
    router.webSocket("/chat", handshake: handshake, configuration: configuration) {
        webSocket,
        request in
        let given = String(request.query["name"]?.prefix(32) ?? "")
        room.join(webSocket, as: given.isEmpty ? room.nextGuestName() : given)
    }
    // end-snippet

    return try HTTPServer(
        address: options.address(),
        group: group,
        logger: logger,
        handler: router
    )
}
