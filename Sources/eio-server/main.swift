// eio-server: the Engine.IO echo application on /engine.io/: every message a session
// sends comes back to it, in order, text as text and binary as binary.
// Try it:   swift run eio-server                        (listens on 127.0.0.1:3000)
//           curl -s 'http://127.0.0.1:3000/engine.io/?EIO=4&transport=polling'
//           swift run eio-client http://127.0.0.1:3000  (type lines, see them echoed)
// It is the server of ../shared/socketio/CONTRACT.md sections A–D: HOST and PORT come
// from the environment (default 127.0.0.1:3000), --host and --port override them, and
// its timers are the contract's: pings every 300 ms, 200 ms to answer, 1,000,000-byte
// payloads.
// Chapter:  Tutorials/12-engine-io/README.md

import DemoSupport
import EngineIO
import EventLoop
import HTTP
import Sockets

let command = DemoCommand(
    name: "eio-server",
    summary: "an Engine.IO v4 echo server on /engine.io/ (HOST and PORT from the environment)",
    defaultPort: 3000,
    options: [
        .init("--ping-interval", "MS", "milliseconds between pings (default 300)"),
        .init("--ping-timeout", "MS", "milliseconds a pong may take (default 200)"),
        .init("--max-payload", "BYTES", "the largest POST body or message (default 1000000)"),
        .init("--loops", "N", "event loops to run (default: one per core)"),
    ],
    examples: [
        "eio-server --port 3000",
        "curl -s 'http://127.0.0.1:3000/engine.io/?EIO=4&transport=polling'",
    ]
)
let options = command.parseWithEnvironmentDefaults()  // CONTRACT A: HOST, PORT
let logger = Logger(label: "eio-server")

// snippet: eio-echo
/// The echo application: whatever a session sends comes straight back.
final class Echo: EngineIOSocketHandler {
    func socket(_ socket: EngineIOSocket, didReceive message: EngineIOMessage) {
        socket.send(message)
    }
}

var configuration = EngineIOServer.Configuration()
configuration.pingInterval = .milliseconds(options.integer("--ping-interval", default: 300))
configuration.pingTimeout = .milliseconds(options.integer("--ping-timeout", default: 200))
configuration.maximumPayload = options.integer("--max-payload", default: 1_000_000)
let engine = EngineIOServer(configuration: configuration, logger: logger) { socket in
    socket.handler = Echo()
}
var router = HTTPRouter()
router.engineIO("/engine.io/", engine)
// end-snippet

var httpConfiguration = HTTPServer.Configuration()
// A POST of maxPayload bytes must fit the body limit of the HTTP layer.
httpConfiguration.limits.maximumBodySize = max(
    httpConfiguration.limits.maximumBodySize,
    configuration.maximumPayload
)

/// The HTTP server with the Engine.IO sessions on it: on shutdown, the sessions end first
/// (a held poll gets its close packet at once) so the connections close without waiting.
struct EngineIODemoServer: ListeningServer {
    let http: HTTPServer
    let engine: EngineIOServer

    var localAddress: SocketAddress { http.localAddress }

    func shutdown(gracePeriod: Duration) async {
        engine.closeAllSessions()
        await http.shutdown(gracePeriod: gracePeriod)
    }
}

await runServer(options: options, logger: logger) { group in
    EngineIODemoServer(
        http: try HTTPServer(
            address: options.address(),
            group: group,
            configuration: httpConfiguration,
            logger: logger,
            handler: router
        ),
        engine: engine
    )
}
