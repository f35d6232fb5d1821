import Libc
import Sockets
import SystemCalls
import TestSupport
import Testing

/// Every demo and the options it is started with in these tests.
let allDemos = [
    "fd-demo", "resolve", "echo-server", "echo-client", "chat-threads", "chat-server", "echo-async",
    "http-server", "ws-handshake", "ws-echo", "ws-chat", "ws-client", "ws-autobahn-client",
    "eio-server", "eio-client",
]

/// The demos with no `--port`: they listen nowhere, or are told where by a URL.
let demosWithoutPort: Set = [
    "fd-demo", "ws-handshake", "ws-client", "ws-autobahn-client", "eio-client",
]

/// The servers, each as a command line, with the modes that change how they serve.
let serverCommands: [[String]] = [
    ["echo-server"], ["echo-server", "--thread-per-client"], ["chat-threads"], ["chat-server"],
    ["echo-async"], ["echo-async", "--callbacks"],
]

/// Starts the server `command` on `host`, port 0, and returns it with where it listens.
func startServer(_ command: [String], host: String = "127.0.0.1") throws -> (
    DemoProcess, SocketAddress
) {
    let server = try DemoProcess(
        command[0],
        Array(command.dropFirst()) + ["--host", host, "--port", "0"]
    )
    return (server, try server.listeningAddress())
}

@Suite("Every demo: --help, the listening line, and a clean exit on SIGINT/SIGTERM", .ownThread)
struct DemoLifecycleTests {
    @Test(
        "--help exits 0 and prints the usage with --host (and --port where the demo has one)",
        arguments: allDemos
    )
    func help(name: String) throws {
        let demo = try DemoProcess(name, ["--help"])
        let output = String(decoding: try demo.readOutputToEnd(), as: UTF8.self)
        #expect(try demo.waitForExit() == .exited(0))
        #expect(output.hasPrefix("\(name): "))
        #expect(output.contains("Usage: \(name) [options]"))
        #expect(output.contains("--host HOST"))
        #expect(output.contains("--port PORT") == !demosWithoutPort.contains(name))
        #expect(output.contains("--help"))
    }

    @Test(
        "an unknown option exits 2 and says what was wrong on standard error",
        arguments: allDemos
    )
    func unknownOption(name: String) throws {
        let demo = try DemoProcess(name, ["--no-such-option"])
        #expect(try demo.readOutputToEnd().isEmpty)
        #expect(try demo.waitForExit() == .exited(2))
        #expect(demo.standardError.contains("\(name): unknown option --no-such-option"))
    }

    @Test(
        "a server on port 0 prints `listening on 127.0.0.1:PORT` first, and exits 0 on the signal",
        arguments: serverCommands,
        [SIGTERM, SIGINT]
    )
    func listensAndStops(command: [String], signal: CInt) throws {
        let server = try DemoProcess(command[0], Array(command.dropFirst()) + ["--port", "0"])
        let line = try #require(try server.readLine())
        let port = try #require(UInt16(line.dropFirst("listening on 127.0.0.1:".count)))
        #expect(line == "listening on 127.0.0.1:\(port)")
        #expect(port != 0)
        // It really listens there.
        let client = try Connection.connect(
            to: SocketAddress(parsing: "127.0.0.1:\(port)"),
            timeout: .seconds(5)
        )
        client.close()

        server.send(signal)
        #expect(
            try server.waitForExit(within: .seconds(8)) == .exited(0),
            "stderr: \(server.standardError)"
        )
    }

    @Test(
        "with --host ::1 a server listens on IPv6 and says `listening on [::1]:PORT`",
        arguments: serverCommands
    )
    func ipv6(command: [String]) throws {
        let (server, address) = try startServer(command, host: "::1")
        #expect(address.description == "[::1]:\(address.port)")
        #expect(address.family == .ipv6)
        let client = try Connection.connect(to: address, timeout: .seconds(5))
        var lines = LineReader(client)
        try client.writeAll("ping over IPv6\n")
        if command[0].hasPrefix("chat") {
            #expect(try lines.nextLine()?.hasPrefix("* welcome, you are guest-") == true)
        } else {
            #expect(try lines.nextLine() == "ping over IPv6")
        }
        client.close()
        server.send(SIGTERM)
        #expect(try server.waitForExit(within: .seconds(8)) == .exited(0))
    }

    @Test(
        "a server told to stop while a client is connected still exits 0, and the client reads the end",
        arguments: serverCommands
    )
    func stopsWithClient(command: [String]) throws {
        let (server, address) = try startServer(command)
        let client = try Connection.connect(to: address, timeout: .seconds(5))
        defer { client.close() }
        var lines = LineReader(client)
        if command[0].hasPrefix("chat") {
            // Nothing sent: chat-threads exits at once, and a socket closed with unread
            // input is reset, which would race with the goodbye line. A client that has
            // read its welcome is in the room, where the goodbye goes.
            #expect(try lines.nextLine()?.hasPrefix("* welcome, you are guest-") == true)
        } else {
            try client.writeAll("hello\n")
            #expect(try lines.nextLine() == "hello")
        }
        server.send(SIGTERM)
        let deadline = Deadline(after: .seconds(8))
        var rest: [String] = []
        while let line = try lines.nextLine(within: deadline.remaining) { rest.append(line) }
        if command[0].hasPrefix("chat") { #expect(rest == ["* server shutting down"]) }
        client.close()  // lets a server that waits for our end of stream finish at once
        #expect(
            try server.waitForExit(within: .seconds(8)) == .exited(0),
            "stderr: \(server.standardError)"
        )
    }
}
