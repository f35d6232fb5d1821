// eio-client: opens an Engine.IO session, sends each line of standard input as a text
// message, and prints every message that arrives; at the end of the input it closes.
// Try it:   swift run eio-server                                   (in one terminal)
//           swift run eio-client http://127.0.0.1:3000              (in another)
//           swift run eio-client --transport websocket http://127.0.0.1:3000
// Chapter:  Tutorials/12-engine-io/README.md

import DemoSupport
import EngineIO
import EventLoop
import SystemCalls

let command = DemoCommand(
    name: "eio-client",
    summary: "sends standard input line by line over Engine.IO and prints what comes back",
    defaultPort: nil,
    options: [
        .init(
            "--transport",
            "MODE",
            "polling, websocket, or default (polling, then upgrade)"
        ),
        .init("--path", "PATH", "the server's Engine.IO path (default /engine.io/)"),
    ],
    positional: "URL",
    examples: ["eio-client http://127.0.0.1:3000", "eio-client --transport websocket"]
)
let options = command.parse()
let logger = Logger(label: "eio-client")
let url = options.arguments.first ?? "http://127.0.0.1:3000"

var clientOptions = EngineIOClient.Options()
clientOptions.path = options.value("--path") ?? "/engine.io/"
switch options.value("--transport") ?? "default" {
case "polling": clientOptions.transports = [.polling]
case "websocket": clientOptions.transports = [.websocket]
case "default": break
case let other:
    printToStandardError("eio-client: unknown transport \(other) (polling, websocket, default)")
    CurrentProcess.exit(2)
}

// snippet: eio-client
/// Prints what happens to the session, and ends the program when it closes.
final class Printer: EngineIOClientHandler {
    let closed: AsyncStream<Void>.Continuation

    init(closed: AsyncStream<Void>.Continuation) {
        self.closed = closed
    }

    func client(_ client: EngineIOClient, didReceive message: EngineIOMessage) {
        switch message {
        case .text(let text): printFlushed("< \(text)")
        case .binary(let bytes): printFlushed("< \(bytes.count) bytes of binary")
        }
    }

    func clientDidUpgrade(_ client: EngineIOClient) {
        printToStandardError("upgraded to websocket")
    }

    func clientDidClose(_ client: EngineIOClient, reason: EngineIOCloseReason) {
        printFlushed("closed: \(reason)")
        closed.finish()
    }
}
// end-snippet

do {
    let group = try EventLoopGroup(loopCount: 1)
    let loop = group.next()
    let (closed, closing) = AsyncStream.makeStream(of: Void.self)
    let client = try await EngineIOClient.connect(to: url, on: loop, options: clientOptions) {
        $0.handler = Printer(closed: closing)
    }
    printFlushed("connected to \(url)")
    // Standard input blocks, so a thread of its own reads it; every send hops to the loop.
    _ = try SystemThread.start(name: "stdin") {
        forEachLineOfStandardInput { line in loop.execute { client.value.send(text: line) } }
        loop.execute { client.value.close() }
    }
    for await _ in closed {}
    try group.shutdown()
} catch {
    printFlushed("closed: \(error)")
    logger.error("\(error)")
    CurrentProcess.exit(1)
}
