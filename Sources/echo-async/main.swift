// echo-async: the echo server again, on the event loop, written with async/await.
// Try it:   swift run echo-async --port 7003
//           nc 127.0.0.1 7003      (type a line, see it echoed)
// Options:  --callbacks serves with a TCPConnectionHandler instead (chapter 6's style),
//           to compare the two in the benchmark.
// Chapter:  Tutorials/07-async-await/README.md

import DemoSupport
import EventLoop

let command = DemoCommand(
    name: "echo-async",
    summary: "an echo server on the event loop, one async task per connection",
    defaultPort: 7003,
    options: [
        .init("--loops", "N", "event loops to run (default: one per core)"),
        .init("--callbacks", nil, "use a callback handler instead of async/await"),
    ],
    examples: ["echo-async --port 7003", "nc 127.0.0.1 7003"]
)
let options = command.parse()
let logger = Logger(label: "echo-async")

/// Chapter 6's style: the loop calls us with each piece of input.
final class EchoHandler: TCPConnectionHandler {
    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        connection.write(bytes)
    }
}

await runServer(options: options, logger: logger) { group in
    if options.isSet("--callbacks") {
        return try TCPServer(address: options.address(), group: group) { _ in EchoHandler() }
    }
    // snippet: echo-async
    return try TCPServer(address: options.address(), group: group) { connection in
        for try await bytes in connection.inbound {
            try await connection.write(bytes)
        }
    }
    // end-snippet
}
