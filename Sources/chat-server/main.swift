// chat-server: a chat room on the event loop; each line is sent to everyone else.
// Try it:   swift run chat-server --port 7001
//           nc 127.0.0.1 7001      (in two or more terminals; type lines)
// Chapter:  Tutorials/06-event-loop/README.md

import DemoSupport
import EventLoop

let command = DemoCommand(
    name: "chat-server",
    summary: "a chat room on the event loop: every line goes to everyone else",
    defaultPort: 7001,
    options: [
        .init("--loops", "N", "event loops to run (default: one per core)"),
        .init("--idle-timeout", "SECONDS", "disconnect clients silent this long (default: never)"),
        .init("--max-pending", "BYTES", "disconnect clients this far behind (default 1048576)"),
    ],
    examples: ["chat-server --port 7001", "nc 127.0.0.1 7001   (in several terminals)"]
)
let options = command.parse()
let logger = Logger(label: "chat-server")

var configuration = TCPServer.Configuration()
configuration.connection.maximumPendingOutput = options.integer("--max-pending", default: 1 << 20)
if let seconds = options.value("--idle-timeout").flatMap(Int.init) {
    configuration.connection.idleTimeout = .seconds(seconds)
}

// snippet: chat-server-start
await runServer(options: options, logger: logger) { group in
    let room = ChatRoom(group: group)
    return try TCPServer(
        address: options.address(),
        group: group,
        configuration: configuration,
        logger: logger
    ) { connection in
        ChatMember(room: room, loop: connection.loop)
    }
}
logger.info("stopped")
// end-snippet
