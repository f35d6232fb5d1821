// tcp-echo-bench: measures TCP echo through the event loop against a thread-per-connection
//                 server, in the same run, and prints messages/s, p50/p99 latency and ratios.
// Try it:   Scripts/bench-tcp-echo.sh          (builds in release mode, then runs this)
//           tcp-echo-bench --connections 100 --messages 2000 --size 64 --rounds 3
// Chapter:  Tutorials/06-event-loop/README.md ("How fast is it?")

import DemoSupport
import EventLoop
import Foundation
import Sockets
import SystemCalls

let command = DemoCommand(
    name: "tcp-echo-bench",
    summary: "echo load: N connections x M ping-pong messages against three servers",
    defaultPort: nil,
    options: [
        .init("--connections", "N", "concurrent connections (default 100)"),
        .init("--messages", "M", "messages per connection per round (default 2000)"),
        .init("--size", "BYTES", "message size (default 64)"),
        .init("--rounds", "R", "interleaved rounds; medians are reported (default 3)"),
        .init("--server-loops", "N", "event loops in the event-loop servers (default: cores)"),
    ],
    examples: ["Scripts/bench-tcp-echo.sh", "tcp-echo-bench --connections 100 --messages 2000"]
)
let options = command.parse()
let connections = options.integer("--connections", default: 100)
let messages = options.integer("--messages", default: 2000)
let size = options.integer("--size", default: 64)
let rounds = options.integer("--rounds", default: 3)
let serverLoops = options.integer("--server-loops", default: SystemInfo.activeProcessorCount)

/// The servers under test, each started from its demo executable next to this one.
let servers: [(name: String, executable: String, arguments: [String])] = [
    ("event loop, callbacks", "echo-async", ["--callbacks", "--loops", "\(serverLoops)"]),
    ("event loop, async/await", "echo-async", ["--loops", "\(serverLoops)"]),
    ("thread per connection", "echo-server", ["--thread-per-client"]),
]

_ = try? OpenFileLimit.raise(toAtLeast: UInt64(connections * 2 + 256))
let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    .deletingLastPathComponent()
let clientLoop = try EventLoop(name: "load")
var results: [String: [LoadResult]] = [:]

printFlushed(
    "TCP echo: \(connections) connections x \(messages) messages of \(size) B, "
        + "\(rounds) interleaved rounds; server and load generator share \(SystemInfo.activeProcessorCount) cores"
)
for round in 1...rounds {
    for server in servers {
        let process = try RunningServer(
            executable: binDirectory.appendingPathComponent(server.executable).path,
            arguments: server.arguments
        )
        let result = try await runLoad(
            against: process.address,
            on: clientLoop,
            connections: connections,
            messages: messages,
            size: size
        )
        process.stop()
        results[server.name, default: []].append(result)
        printFlushed("  round \(round): \(server.name): \(result)")
    }
}
try clientLoop.shutdown()

let reference = median(results["thread per connection"] ?? [])
printFlushed("\nmedians (ratio = messages/s divided by the thread-per-connection server's):")
for server in servers {
    let result = median(results[server.name] ?? [])
    let ratio =
        reference.messagesPerSecond > 0 ? result.messagesPerSecond / reference.messagesPerSecond : 0
    printFlushed(
        "  \(server.name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(result)  ratio \(String(format: "%.2f", ratio))x"
    )
}
