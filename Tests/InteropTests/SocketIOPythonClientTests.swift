import Libc
import SystemCalls
import TestSupport
import Testing

/// How python-socketio's client connects: the `transports` it is given, and the
/// transport it ends up on.
struct SocketIOClientMode: Sendable, CustomTestStringConvertible {
    /// The peer's argument: `default`, `websocket` or `polling`.
    let name: String
    /// What `transport` prints once connected.
    let transport: String

    var testDescription: String { name }

    /// Polling first, then the upgrade.
    static let upgrading = SocketIOClientMode(name: "default", transport: "websocket")
    /// A WebSocket from the start.
    static let webSocketOnly = SocketIOClientMode(name: "websocket", transport: "websocket")
    /// Long-polling only.
    static let pollingOnly = SocketIOClientMode(name: "polling", transport: "polling")
    static let all = [upgrading, webSocketOnly, pollingOnly]
}

/// python-socketio's client (Tests/Peers/socketio_client.py) connected to sio-contract.
private struct PythonSocketIOClient {
    let process: DemoProcess
    let server: DemoProcess

    /// Starts the client on `port` and reads its lines until it says it connected.
    ///
    /// - Returns: The client, and the other lines it printed on the way (namespace
    ///   connects and `auth` events, whose order across namespaces varies).
    static func start(
        server: DemoProcess,
        port: UInt16,
        mode: SocketIOClientMode,
        namespaces: String = "/",
        auth: String = #"{"token":"py"}"#
    ) throws -> (PythonSocketIOClient, Set<String>) {
        let process = try PythonPeers.start(
            "socketio_client.py",
            ["http://127.0.0.1:\(port)", mode.name, namespaces, auth],
            withInput: true
        )
        let client = PythonSocketIOClient(process: process, server: server)
        var lines: Set<String> = []
        while true {
            let line = try #require(try process.readLine(), "stderr: \(process.standardError)")
            if line.hasPrefix("connected transport=") || line.hasPrefix("connect-failed") {
                if line.hasPrefix("connected") {
                    #expect(line == "connected transport=\(mode.transport)", "\(lines)")
                }
                return (client, lines)
            }
            lines.insert(line)
        }
    }

    func command(_ line: String) throws { try process.command(line) }

    func readLine(within limit: Duration = .seconds(10)) throws -> String? {
        try process.readLine(within: limit)
    }

    /// Reads the next line and expects `expected`; a mismatch shows both programs' stderr.
    func expect(
        _ expected: String,
        within limit: Duration = .seconds(10),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let line = try process.readLine(within: limit)
        #expect(
            line == expected,
            "client's stderr: \(process.standardError)\nserver's stderr: \(server.standardError)",
            sourceLocation: sourceLocation
        )
    }

    /// Reads `expected.count` lines and expects them, in any order.
    func expect(
        anyOrder expected: Set<String>,
        within limit: Duration = .seconds(10),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var lines: Set<String> = []
        for _ in expected {
            if let line = try process.readLine(within: limit) { lines.insert(line) }
        }
        #expect(
            lines == expected,
            "client's stderr: \(process.standardError)",
            sourceLocation: sourceLocation
        )
    }

    /// Ends the input; the client disconnects and exits 0.
    func finish() throws {
        process.closeInput()
        var lines: [String] = []
        while let line = try process.readLine() { lines.append(line) }
        #expect(try process.waitForExit() == .exited(0), "\(lines) \(process.standardError)")
    }
}

@Suite(
    "python-socketio's client talks to our server (the sio-contract demo)",
    .serialized,
    .timeLimit(.minutes(3)),
    .ownThread,
    .settingUp(.pythonPeers)
)
struct SocketIOPythonClientTests {
    @Test(
        "events, acks both ways, binary, two namespaces on one connection",
        arguments: SocketIOClientMode.all
    )
    func conversation(mode: SocketIOClientMode) throws {
        let (server, address) = try startDemo("sio-contract", ["--loops", "2"])
        let (client, connected) = try PythonSocketIOClient.start(
            server: server,
            port: address.port,
            mode: mode,
            namespaces: "/,/custom"
        )
        #expect(
            connected.union(
                try Set((connected.count..<4).compactMap { _ in try client.readLine() })
            )
                == [
                    "connect /", "connect /custom", #"event / auth [{"token":"py"}]"#,
                    #"event /custom auth [{"token":"py"}]"#,
                ]
        )
        try client.command(#"emit / message [1,"2",{"3":[true]}]"#)
        try client.expect(#"event / message-back [1,"2",{"3":[true]}]"#)
        try client.command(#"call / message-with-ack [1,"two",{"three":[true,null]}]"#)
        try client.expect(#"ack / message-with-ack [1,"two",{"three":[true,null]}]"#)
        try client.command("emit-bytes / message 256")
        try client.expect(
            #"event / message-back ["<256 bytes pattern>",{"n":"<3 bytes pattern>"}]"#
        )
        try client.command("emit-bytes / message 100000")
        try client.expect(
            #"event / message-back ["<100000 bytes pattern>",{"n":"<3 bytes pattern>"}]"#
        )
        // The server asks, the client answers (an ACK from the client), the server says so.
        try client.command(#"call / ask [{"q":"x"}]"#)
        try client.expect(#"event / question [{"q":"x"}]"#)
        try client.expect(anyOrder: ["ack / ask []", #"event / answer ["answer",{"q":"x"}]"#])
        try client.command("answer binary")
        try client.expect("answer binary")
        try client.command(#"call /custom ask [{"q":"y"}]"#)
        try client.expect(#"event /custom question [{"q":"y"}]"#)
        try client.expect(anyOrder: [
            "ack /custom ask []", #"event /custom answer ["<2 bytes pattern>",{"q":"y"}]"#,
        ])
        try client.command("call / no-ack [] 0.5")
        try client.expect("ack-timeout / no-ack")
        try client.command("call /custom whoami []")
        let whoami = try #require(try client.readLine())
        #expect(
            whoami.hasPrefix(#"ack /custom whoami [{"sid":""#)
                && whoami.hasSuffix(#"","nsp":"/custom"}]"#)
        )
        try client.command("transport")
        try client.expect("transport \(mode.transport)")
        try client.command("disconnect")
        try client.expect(anyOrder: [
            "disconnect / client disconnect", "disconnect /custom client disconnect",
        ])
        try client.expect("disconnect done")
        try client.finish()
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test(
        "a namespace that refuses the auth: connect_error with message and data",
        arguments: SocketIOClientMode.all
    )
    func authRefused(mode: SocketIOClientMode) throws {
        let (server, address) = try startDemo("sio-contract", ["--loops", "2"])
        let (refused, lines) = try PythonSocketIOClient.start(
            server: server,
            port: address.port,
            mode: mode,
            namespaces: "/private",
            auth: #"{"token":"wrong"}"#
        )
        #expect(
            lines == [
                #"connect_error /private {"message":"Not authorized","data":{"reason":"invalid token"}}"#
            ]
        )
        refused.process.kill()
        let (allowed, connected) = try PythonSocketIOClient.start(
            server: server,
            port: address.port,
            mode: mode,
            namespaces: "/private",
            auth: #"{"token":"s3cr3t"}"#
        )
        #expect(
            connected.union(
                try Set((connected.count..<2).compactMap { _ in try allowed.readLine() })
            )
                == ["connect /private", #"event /private auth [{"token":"s3cr3t"}]"#]
        )
        try allowed.finish()
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test("rooms and broadcasts across several clients", arguments: SocketIOClientMode.all)
    func rooms(mode: SocketIOClientMode) throws {
        let (server, address) = try startDemo("sio-contract", ["--loops", "2"])
        var clients: [PythonSocketIOClient] = []
        for index in 0..<3 {
            let (client, lines) = try PythonSocketIOClient.start(
                server: server,
                port: address.port,
                mode: mode,
                auth: #"{"n":\#(index)}"#
            )
            _ = try Set((lines.count..<2).compactMap { _ in try client.readLine() })
            clients.append(client)
        }
        for member in clients.dropFirst() {
            try member.command(#"call / join ["lobby"]"#)
            try member.expect(#"ack / join ["lobby"]"#)
        }
        try clients[0].command(#"call / room-emit ["lobby","hi"]"#)
        try clients[0].expect("ack / room-emit []")
        for member in clients.dropFirst() {
            try member.expect(#"event / room-message ["lobby","hi"]"#)
        }
        try clients[1].command(#"call / broadcast [{"hey":1}]"#)
        try clients[1].expect("ack / broadcast []")
        for index in [0, 2] { try clients[index].expect(#"event / broadcast-back [{"hey":1}]"#) }
        // Nothing else reached anyone: the next line each prints is its own answer.
        for (index, client) in clients.enumerated() {
            try client.command(#"call / message-with-ack [\#(index)]"#)
            try client.expect("ack / message-with-ack [\(index)]")
        }
        for client in clients { try client.finish() }
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test(
        "a server disconnect ends the connection, and the client does not reconnect",
        arguments: SocketIOClientMode.all
    )
    func serverDisconnect(mode: SocketIOClientMode) throws {
        let (server, address) = try startDemo("sio-contract", ["--loops", "2"])
        let (client, lines) = try PythonSocketIOClient.start(
            server: server,
            port: address.port,
            mode: mode
        )
        _ = try Set((lines.count..<2).compactMap { _ in try client.readLine() })
        try client.command("emit / disconnect-me []")
        try client.expect("disconnect / server disconnect")
        // No reconnection: nothing more to say for 1.5 s (the read times out).
        #expect(throws: TestTimeout.self) { try client.readLine(within: .milliseconds(1500)) }
        try client.finish()
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test(
        "after a transport drop the client reconnects by itself, and is served again",
        arguments: SocketIOClientMode.all
    )
    func reconnectAfterDrop(mode: SocketIOClientMode) throws {
        let (server, address) = try startDemo("sio-contract", ["--loops", "2"])
        let (client, lines) = try PythonSocketIOClient.start(
            server: server,
            port: address.port,
            mode: mode
        )
        _ = try Set((lines.count..<2).compactMap { _ in try client.readLine() })
        try client.command("emit / drop-transport []")
        try client.expect("disconnect / transport error")
        try client.expect(anyOrder: ["connect /", #"event / auth [{"token":"py"}]"#])
        try client.command(#"call / message-with-ack ["again"]"#)
        try client.expect(#"ack / message-with-ack ["again"]"#)
        try client.finish()
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }

    /// The server's SIGTERM closes each WebSocket (1001) without a close packet, so the
    /// client takes it for a lost connection and retries until a new server answers on
    /// the same port. (Over long-polling the close packet goes out, which python-socketio
    /// takes for a goodbye, as it does from Node.js: it does not reconnect.)
    @Test(
        "after a server restart the client reconnects by itself",
        arguments: [SocketIOClientMode.upgrading, .webSocketOnly]
    )
    func reconnectAfterRestart(mode: SocketIOClientMode) throws {
        let (server, address) = try startDemo("sio-contract", ["--loops", "2"])
        let (client, lines) = try PythonSocketIOClient.start(
            server: server,
            port: address.port,
            mode: mode
        )
        _ = try Set((lines.count..<2).compactMap { _ in try client.readLine() })
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
        try client.expect("disconnect / transport error")
        let restarted = try DemoProcess(
            "sio-contract",
            ["--loops", "2", "--host", "127.0.0.1", "--port", "\(address.port)"]
        )
        _ = try restarted.listeningAddress()
        try client.expect(
            anyOrder: ["connect /", #"event / auth [{"token":"py"}]"#],
            within: .seconds(15)
        )
        try client.command(#"call / message-with-ack ["back"]"#)
        try client.expect(#"ack / message-with-ack ["back"]"#)
        try client.finish()
        restarted.send(SIGTERM)
        #expect(try restarted.waitForExit() == .exited(0))
    }
}
