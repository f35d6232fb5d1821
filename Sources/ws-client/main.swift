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

/// Calls `body` with each line of standard input, without its line end.
///
/// It reads descriptor 0 itself rather than with `readLine()`: the C library's `stdin`
/// stays locked while a read waits, and `fflush(nil)` (in ``printFlushed(_:)``) would
/// wait for that lock on the loop's thread until a line arrived.
func forEachLineOfStandardInput(_ body: (String) -> Void) {
    var pending: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes {
            (try? FileDescriptor(rawValue: 0).read(into: $0)) ?? nil
        }
        guard let count, count > 0 else { break }
        pending += buffer[0..<count]
        while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
            body(String(decoding: pending[..<end], as: UTF8.self))
            pending.removeFirst(end + 1)
        }
    }
    if !pending.isEmpty { body(String(decoding: pending, as: UTF8.self)) }
}
