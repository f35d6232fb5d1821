// ws-client: opens a WebSocket, sends each line of standard input as a text message, and
// prints every message that arrives; at the end of the input it closes with 1000.
// Try it:   swift run ws-echo                          (in one terminal)
//           swift run ws-client ws://127.0.0.1:9001/   (in another; type lines, Ctrl-D to end)
// Chapter:  Tutorials/11-websocket-frames/README.md

import DemoSupport
import EventLoop
import SystemCalls
import WebSockets

let command = DemoCommand(
    name: "ws-client",
    summary: "sends standard input line by line over a WebSocket and prints what comes back",
    defaultPort: nil,
    positional: "URL",
    examples: ["ws-client ws://127.0.0.1:9001/"]
)
let options = command.parse()
let logger = Logger(label: "ws-client")
let url = options.arguments.first ?? "ws://127.0.0.1:9001/"

do {
    let group = try EventLoopGroup(loopCount: 1)
    let loop = group.next()
    let (closed, closing) = AsyncStream.makeStream(of: Void.self)

    // snippet: ws-client
    // The callbacks are set on the loop, before it reads a frame: no message is missed.
    let webSocket = try await WebSocket.connect(to: url, on: loop) { webSocket in
        printFlushed("connected to \(url)")
        webSocket.onMessage = { _, message in
            switch message {
            case .text(let text): printFlushed("< \(text)")
            case .binary(let bytes): printFlushed("< \(bytes.count) bytes of binary")
            }
        }
        webSocket.onClose = { _, code, reason in
            printFlushed("closed: \(code)" + (reason.isEmpty ? "" : ", \(reason)"))
            closing.finish()
        }
    }
    // Standard input blocks, so a thread of its own reads it; every send hops to the loop.
    // It is not joined: when the server closes first, it may still be waiting for a line.
    _ = try SystemThread.start(name: "stdin") {
        forEachLineOfStandardInput { line in loop.execute { webSocket.value.send(text: line) } }
        loop.execute { webSocket.value.close(code: .normalClosure) }
    }
    for await _ in closed {}  // until onClose: our close answered, or the server's
    // end-snippet
    try group.shutdown()
} catch {
    logger.error("\(error)")
    CurrentProcess.exit(1)
}
