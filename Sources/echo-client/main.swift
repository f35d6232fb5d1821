// echo-client: sends what you type to an echo server and prints what comes back.
// Try it:   swift run echo-server            (in one terminal)
//           swift run echo-client --port 7000   (in another; type lines, Ctrl-D to end)
//           swift run echo-client --port 7000 --message hello
// Chapter:  Tutorials/04-clients-and-streams/README.md

import DemoSupport
import EventLoop
import Sockets
import SystemCalls

let command = DemoCommand(
    name: "echo-client",
    summary: "sends standard input (or --message) to a server and prints the replies",
    defaultPort: 7000,
    options: [
        .init("--message", "TEXT", "send TEXT and a newline instead of standard input"),
        .init("--timeout", "SECONDS", "give up connecting after this long (default 5)"),
    ],
    examples: ["echo-client --port 7000", "echo-client --port 7000 --message hello"]
)
let options = command.parse()
let logger = Logger(label: "echo-client")

do {
    let timeout = Duration.seconds(options.integer("--timeout", default: 5))
    let connection = try Connection.connect(
        host: options.host,
        port: options.port,
        timeout: timeout
    )
    // Every client's first line on standard output: `connected to` where it connected.
    printFlushed("connected to \(try connection.socket.peerAddress())")
    let message = options.value("--message")

    // snippet: half-close
    // One thread sends; this one prints the replies. When the input ends, the sender
    // half-closes: the server reads end-of-stream, sends its last echoes and closes,
    // and only then does our read return end-of-stream, so no reply is lost.
    let sender = try SystemThread.start(name: "sender") {
        if let message {
            try? connection.writeAll(message + "\n")
        } else {
            copyStandardInput(to: connection)
        }
        try? connection.shutdownWriting()
    }
    while true {
        let bytes = try connection.read()
        if bytes.isEmpty { break }  // the server closed: we have every reply
        writeToStandardOutput(bytes)
    }
    // end-snippet
    try sender.join()
    connection.close()
} catch {
    logger.error("\(error)")
    CurrentProcess.exit(1)
}

/// Copies standard input to the connection until standard input ends.
func copyStandardInput(to connection: Connection) {
    let input = FileDescriptor(rawValue: 0)
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { try? input.read(into: $0) }
        guard let count, count > 0 else { return }  // end of input (or an error)
        guard (try? connection.writeAll(Array(buffer[0..<count]))) != nil else { return }
    }
}

/// Writes all of `bytes` to standard output, which, when it is a pipe, may take them in
/// pieces like a socket does.
func writeToStandardOutput(_ bytes: [UInt8]) {
    var written = 0
    while written < bytes.count {
        let count = bytes.withUnsafeBytes { raw in
            let rest = UnsafeRawBufferPointer(rebasing: raw[written...])
            return try? FileDescriptor(rawValue: 1).write(rest)
        }
        guard let count, count > 0 else { return }  // standard output was closed
        written += count
    }
}
