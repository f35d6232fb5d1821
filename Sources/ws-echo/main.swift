// ws-echo: a WebSocket server that sends every message back unchanged, on every path.
// Try it:   swift run ws-echo --port 9001
//           python3 -m websockets ws://127.0.0.1:9001/      (type a line, see it echoed)
//           curl -i http://127.0.0.1:9001/                  (426: this is a WebSocket endpoint)
// It is the server the Autobahn|Testsuite fuzzes (Scripts/autobahn.sh server), so it accepts
// messages of up to 64 MiB by default: the suite sends 16 MiB ones.
// Chapter:  Tutorials/11-websocket-frames/README.md

import DemoSupport
import EventLoop
import HTTP
import WebSockets

let command = DemoCommand(
    name: "ws-echo",
    summary: "a WebSocket echo server: every message comes back unchanged",
    defaultPort: 9001,
    options: [
        .init("--loops", "N", "event loops to run (default: one per core)"),
        .init("--max-message", "BYTES", "the largest message accepted (default 67108864)"),
        .init(
            "--ping-interval",
            "SECONDS",
            "ping a connection quiet for this long (default: never)"
        ),
    ],
    examples: ["ws-echo --port 9001", "python3 -m websockets ws://127.0.0.1:9001/"]
)
let options = command.parse()
let logger = Logger(label: "ws-echo")

// snippet: ws-echo
var configuration = WebSocketConfiguration()
configuration.maximumMessageSize = options.integer("--max-message", default: 64 << 20)
configuration.maximumFrameSize = configuration.maximumMessageSize
if let seconds = options.value("--ping-interval").flatMap(Int.init) {
    configuration.pingInterval = .seconds(seconds)
}
let echo = WebSocketUpgrader(configuration: configuration) { webSocket, request in
    logger.debug("\(webSocket) opened at \(request.path)")
    webSocket.onMessage = { webSocket, message in webSocket.send(message) }
}
// end-snippet

var httpConfiguration = HTTPServer.Configuration()
// An echo of a 64 MiB message is 64 MiB of output waiting for a slow reader.
httpConfiguration.tcp.connection.maximumPendingOutput = 2 * configuration.maximumMessageSize + 1024

await runServer(options: options, logger: logger) { group in
    try HTTPServer(
        address: options.address(),
        group: group,
        configuration: httpConfiguration,
        logger: logger,
        handler: echo
    )
}
