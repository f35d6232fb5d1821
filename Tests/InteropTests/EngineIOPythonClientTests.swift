import Libc
import SystemCalls
import TestSupport
import Testing

/// One way python-engineio's client connects: the `transports` it is given, the line it
/// prints once connected, and the transport it carries messages on.
struct PythonClientMode: Sendable, CustomTestStringConvertible {
    /// The peer's argument: `default`, `websocket` or `polling`.
    let name: String
    /// The first line: the transport it is on, and the upgrades the server offered.
    let connected: String
    /// `websocket` or `polling`.
    let transport: String
    /// The largest binary message it sends: a polling body carries bytes as base64, 4/3
    /// as large, so 740,000 bytes make a POST of 986,668 bytes, just under maxPayload.
    let bigBinary: Int

    var testDescription: String { name }

    /// Polling first: the open packet offers the upgrade (CONTRACT B: `["websocket"]` for a
    /// session opened by polling), and `connect()` returns after the client took it.
    static let upgrading = PythonClientMode(
        name: "default",
        connected: "connected transport=websocket upgrades=websocket",
        transport: "websocket",
        bigBinary: 999_000
    )
    /// A WebSocket from the start: no upgrade offered (CONTRACT B: `[]`).
    static let webSocketOnly = PythonClientMode(
        name: "websocket",
        connected: "connected transport=websocket upgrades=-",
        transport: "websocket",
        bigBinary: 999_000
    )
    /// Long-polling only: the server offers the upgrade, the client does not take it.
    static let pollingOnly = PythonClientMode(
        name: "polling",
        connected: "connected transport=polling upgrades=websocket",
        transport: "polling",
        bigBinary: 740_000
    )
    static let all = [upgrading, webSocketOnly, pollingOnly]
}

/// eio-server (two event loops) and python-engineio's client
/// connected to it.
private struct PythonClientConversation {
    let server: DemoProcess
    let client: DemoProcess

    /// Starts both and reads the client's first two lines (the second names the session,
    /// which the client itself asks about later with `ask-sid`).
    ///
    /// - Parameters:
    ///   - mode: How the client connects.
    ///   - serverArguments: More options for eio-server.
    /// - Throws: If either does not start, or the client does not connect as `mode` says.
    init(_ mode: PythonClientMode, serverArguments: [String] = []) throws {
        // Two loops: a session's requests and its WebSocket arrive on either, and all of
        // it must still be handled on the session's own loop.
        let (server, address) = try startDemo("eio-server", ["--loops", "2"] + serverArguments)
        let client = try PythonPeers.start(
            "engineio_client.py",
            ["http://127.0.0.1:\(address.port)", mode.name],
            withInput: true
        )
        let connected = try client.readLine()
        try #require(connected == mode.connected, "stderr: \(client.standardError)")
        let sidLine = try #require(try client.readLine())
        try #require(sidLine.hasPrefix("sid "), "\(sidLine)")
        (self.server, self.client) = (server, client)
    }

    /// Sends the client a command.
    func command(_ line: String) throws { try client.command(line) }

    /// The client's next line.
    func readLine(within limit: Duration = .seconds(10)) throws -> String? {
        try client.readLine(within: limit)
    }

    /// Reads the client's next line and expects `expected`; a mismatch shows what both
    /// programs wrote to standard error (python-engineio says there why it gave up).
    func expect(
        _ expected: String,
        within limit: Duration = .seconds(10),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let line = try client.readLine(within: limit)
        #expect(
            line == expected,
            "client's stderr: \(client.standardError)\nserver's stderr: \(server.standardError)",
            sourceLocation: sourceLocation
        )
    }
}

@Suite(
    "python-engineio's client talks to our server (the eio-server demo)",
    .serialized,
    .timeLimit(.minutes(2)),
    .ownThread,
    .settingUp(.pythonPeers)
)
struct EngineIOPythonClientTests {
    @Test(
        "text, U+2028, a batch in order, bytes 0…255, pings, its disconnect",
        arguments: PythonClientMode.all
    )
    func conversation(mode: PythonClientMode) throws {
        let peers = try PythonClientConversation(mode)

        try peers.command("text hello, café ☕")
        try peers.expect("text hello, café ☕")
        // Nothing counts characters (CONTRACT D.2): U+2028, emoji, CJK go through as bytes.
        let tricky = "line\u{2028}separator 😀 中文 ü"
        try peers.command("text \(tricky)")
        try peers.expect("text \(tricky)")

        // Sent at once: one POST (or five frames), echoed in order (CONTRACT C.1, C.3).
        let words = ["one", "two", "three", "four", "five"]
        try peers.command("texts \(words.joined(separator: "|"))")
        for word in words { try peers.expect("text \(word)") }

        try peers.command("all-bytes")
        try peers.expect("binary 256 same")
        try peers.command("binary 1000")
        try peers.expect("binary 1000 same")

        // Five ping intervals idle: the server pinged, the client answered every time
        // (CONTRACT D.3: 300 ms interval, 200 ms timeout), and nobody closed.
        try peers.command("idle 1.5")
        let idle = try #require(try peers.readLine())
        let pings = idle.split(separator: " ").first { $0.hasPrefix("pings=") }
            .flatMap { Int($0.dropFirst("pings=".count)) }
        #expect(idle == "idle pings=\(pings ?? -1) transport=\(mode.transport) state=connected")
        #expect((pings ?? 0) >= 3, "\(idle)")
        try peers.command("text still here")
        try peers.expect("text still here")

        if mode.transport == "websocket" {
            // A polling request for a WebSocket session is refused as a bad request
            // (code 3), which the session survives (CONTRACT D.5.4). So the code 1 below
            // says more than "400": the session is gone.
            try peers.command("ask-sid")
            try peers.expect(#"sid-status 400 {"code":3,"message":"Bad request"}"#)
            try peers.command("text after the refused poll")
            try peers.expect("text after the refused poll")
        }

        // The client's close packet ends the session: its sid is unknown afterwards.
        try peers.command("disconnect")
        try peers.expect("disconnected client disconnect")
        try peers.expect("disconnect done")
        try peers.command("await-gone")
        try peers.expect(#"sid-status 400 {"code":1,"message":"Session ID unknown"}"#)
        peers.client.closeInput()
        #expect(try peers.client.waitForExit() == .exited(0))

        peers.server.send(SIGTERM)
        #expect(try peers.server.waitForExit() == .exited(0))
    }

    /// CONTRACT D.7: about 999,000 bytes, echoed intact: multi-byte text over both
    /// transports, and the largest binary each transport can carry.
    ///
    /// The server gives pongs 1 s here, not the contract's 200 ms: a pong that has to wait
    /// behind a megabyte in each direction, in a Python process sharing two cores with
    /// every other suite of the run, sometimes takes longer than 200 ms, and the session
    /// is then closed as the contract says (seen twice in four full interop runs with
    /// the contract's timers: the default mode's session closed with 1001 during the
    /// binary echo, the code a missed pong gives). The 200 ms timeout is tested above,
    /// with small messages.
    @Test(
        "999,000 bytes of text and the largest binary, echoed intact",
        arguments: PythonClientMode.all
    )
    func largeMessages(mode: PythonClientMode) throws {
        let peers = try PythonClientConversation(mode, serverArguments: ["--ping-timeout", "1000"])
        try peers.command("big-text 999000")
        try peers.expect("big-text 999000 same", within: .seconds(30))
        try peers.command("binary \(mode.bigBinary)")
        try peers.expect("binary \(mode.bigBinary) same", within: .seconds(30))
        try peers.command("text still here")
        try peers.expect("text still here")
        peers.client.closeInput()
        try peers.expect("disconnected client disconnect")
        #expect(try peers.client.waitForExit() == .exited(0))
        peers.server.send(SIGTERM)
        #expect(try peers.server.waitForExit() == .exited(0))
    }

    @Test(
        "the server's SIGTERM reaches the client as a disconnect within 5 s (CONTRACT A.3)",
        arguments: PythonClientMode.all
    )
    func serverShutdown(mode: PythonClientMode) throws {
        let peers = try PythonClientConversation(mode)
        let (server, client) = (peers.server, peers.client)
        try peers.command("text before the shutdown")
        try peers.expect("text before the shutdown")

        server.send(SIGTERM)
        let disconnected = try client.readLine(within: .seconds(5))
        if mode.transport == "polling" {
            // The held poll is answered with the close packet.
            #expect(disconnected == "disconnected server disconnect")
        } else {
            // The WebSocket is closed, as the Node.js server closes it, without a close
            // packet first; python-engineio reads that as a transport error.
            #expect(
                disconnected == "disconnected server disconnect"
                    || disconnected == "disconnected transport error",
                "\(disconnected ?? "nothing")"
            )
        }
        #expect(try server.waitForExit(within: .seconds(5)) == .exited(0))
        client.closeInput()
        #expect(try client.waitForExit() == .exited(0))
    }
}
