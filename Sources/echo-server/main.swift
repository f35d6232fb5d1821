// echo-server: accepts one client at a time and sends back every byte it receives.
// Try it:   swift run echo-server --port 7000
//           nc 127.0.0.1 7000      (type a line, see it echoed; Ctrl-D to end)
// Options:  --thread-per-client serves every client at once, one thread each (chapter 5);
//           the benchmark uses it as the thread-per-connection reference.
// Chapter:  Tutorials/03-tcp-server/README.md

import DemoSupport
import EventLoop
import Libc
import Sockets
import SystemCalls

let command = DemoCommand(
    name: "echo-server",
    summary: "a blocking TCP echo server: one client at a time",
    defaultPort: 7000,
    options: [.init("--thread-per-client", nil, "serve every client at once, one thread each")],
    examples: ["echo-server --port 7000", "nc 127.0.0.1 7000"]
)
let options = command.parse()
let logger = Logger(label: "echo-server")

do {
    let shutdown = try ShutdownSignal()
    let listener = try ListeningSocket(address: options.address())
    announceListening(on: listener.localAddress)
    if options.isSet("--thread-per-client") {
        try serveWithThreads(listener, shutdown: shutdown)
    } else {
        try serveOneAtATime(listener, shutdown: shutdown)
    }
    listener.close()
    logger.info("stopped")
} catch {
    logger.error("\(error)")
    CurrentProcess.exit(1)
}

/// Waits until `socket` is readable or a shutdown signal arrives; `false` means shut down.
///
/// A blocking `accept` or `read` cannot be told to stop. Waiting in `poll(2)` on both the
/// socket and the shutdown signal's descriptor can: whichever becomes readable first wins.
func waitReadable(_ socket: Socket, orShutdown shutdown: ShutdownSignal) throws -> Bool {
    var entries = [
        pollfd(fd: socket.descriptor.rawValue, events: CShort(POLLIN), revents: 0),
        pollfd(fd: shutdown.descriptor.rawValue, events: CShort(POLLIN), revents: 0),
    ]
    _ = try entries.withUnsafeMutableBufferPointer { (buffer) throws(SystemCallError) in
        try Poll.wait(buffer, timeoutMilliseconds: -1)
    }
    return entries[1].revents == 0
}

// snippet: accept-loop
/// Serves clients one after another: accept, echo until the client closes, repeat.
func serveOneAtATime(_ listener: ListeningSocket, shutdown: ShutdownSignal) throws {
    while try waitReadable(listener.socket, orShutdown: shutdown) {
        let connection = try listener.accept()
        logger.info("client connected: \(connection.socket)")
        defer { connection.close() }  // close exactly once, however we leave
        do {
            while try waitReadable(connection.socket, orShutdown: shutdown) {
                let bytes = try connection.read()
                if bytes.isEmpty { break }  // end of stream: the client closed its side
                try connection.writeAll(bytes)
            }
        } catch {
            logger.warning("client failed: \(error)")  // a reset ends this client only
        }
        logger.info("client gone")
    }
}
// end-snippet

// snippet: thread-per-client
/// Serves every client at once on a thread of its own (chapter 5's model).
func serveWithThreads(_ listener: ListeningSocket, shutdown: ShutdownSignal) throws {
    while try waitReadable(listener.socket, orShutdown: shutdown) {
        let connection = try listener.accept()
        try? connection.socket.set(.noDelay, true)
        let thread = try SystemThread.start(name: "echo-client") {
            defer { connection.close() }
            while let bytes = try? connection.read(), !bytes.isEmpty {
                guard (try? connection.writeAll(bytes)) != nil else { return }
            }
        }
        try thread.detach()  // nobody joins it: let it free its stack when it ends
    }
}
// end-snippet
