import EngineIO
import EventLoop
import Libc
import SystemCalls
import TestSupport
import Testing

/// One way our client connects: its ``EngineIOClient/Options/transports``, and what the
/// python-engineio server sees.
struct OurClientMode: Sendable, CustomTestStringConvertible {
    let name: String
    let transports: [EngineIOTransport]
    /// The transport of the handshake, as the server prints it.
    let handshake: String
    /// The transport the messages travel on, as the server prints it.
    let transport: String
    /// What our open handler hears: the server offers the upgrade to polling sessions.
    let opened: String

    var testDescription: String { name }

    static let all = [
        OurClientMode(
            name: "default: polling, then upgrade",
            transports: [.polling, .websocket],
            handshake: "polling",
            transport: "websocket",
            opened: "open upgrades=websocket"
        ),
        OurClientMode(
            name: "websocket only",
            transports: [.websocket],
            handshake: "websocket",
            transport: "websocket",
            opened: "open upgrades="
        ),
        OurClientMode(
            name: "polling only",
            transports: [.polling],
            handshake: "polling",
            transport: "polling",
            opened: "open upgrades=websocket"
        ),
    ]
}

/// A python-engineio server and our client connected to it, for one test.
private struct PythonServerSession {
    let server: DemoProcess
    let client: LoopBound<EngineIOClient>
    let transcript: EngineIOTranscript

    /// Starts engineio_server.py, connects our client in `mode`, and waits for both sides
    /// to see the session open (and, by default, upgraded).
    static func start(_ mode: OurClientMode, on loop: EventLoop) async throws -> Self {
        let server = try PythonPeers.start("engineio_server.py")
        let address = try server.listeningAddress()
        let transcript = EngineIOTranscript()
        var options = EngineIOClient.Options()
        options.transports = mode.transports
        let client = try await EngineIOClient.connect(
            to: "http://127.0.0.1:\(address.port)",
            on: loop,
            options: options
        ) { $0.handler = transcript }
        #expect(try server.readLine() == "connect transport=\(mode.handshake)")
        #expect(try await transcript.next() == mode.opened)
        if mode.transports == [.polling, .websocket] {
            #expect(try await transcript.next() == "upgrade")
        }
        return PythonServerSession(server: server, client: client, transcript: transcript)
    }

    /// Sends `message` from our client.
    func send(_ message: EngineIOMessage) {
        let client = self.client
        client.loop.execute { client.value.send(message) }
    }

    /// Stops the Python server.
    func stop() throws {
        server.send(SIGTERM)
        _ = try server.waitForExit()
    }
}

@Suite(
    "Our Engine.IO client talks to a python-engineio server",
    .serialized,
    .timeLimit(.minutes(2)),
    .ownThread,
    .settingUp(.pythonPeers)
)
struct EngineIOPythonServerTests {
    @Test(
        "echoes of text, bytes and 999,000 bytes; the transport; pings; our close",
        arguments: OurClientMode.all
    )
    func conversation(mode: OurClientMode) async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let session = try await PythonServerSession.start(mode, on: group.next())
        let (server, client, transcript) = (session.server, session.client, session.transcript)
        let on = mode.transport

        // The server sees where each message came by: after an upgrade, the WebSocket.
        let text = "hello, café ☕ line\u{2028}separator 😀"
        session.send(.text(text))
        #expect(try server.readLine() == "message \(on) text \(text)")
        #expect(try await transcript.next() == "text \(text)")
        let bytes = (0...255).map { UInt8($0) }
        session.send(.binary(bytes))
        #expect(try server.readLine() == "message \(on) binary 256")
        #expect(try await transcript.next() == "binary 256")
        #expect(transcript.lastBinary.withLock { $0 } == bytes)

        let big = bigText(999_000)
        session.send(.text(big))
        #expect(try server.readLine(within: .seconds(30)) == "message \(on) text-bytes 999000")
        #expect(try await transcript.next(within: .seconds(30)) == "text-bytes 999000")
        #expect(transcript.lastLongText.withLock { $0 == big })

        // The server pings every second and waits 0.5 s: idle for 2.5 s, our client must
        // answer at least twice, or one side would have closed (the server would print
        // a disconnect before the next message; our handler would hear a close).
        try await Task.sleep(for: .milliseconds(2500))
        #expect(try await client.loop.submit { client.value.isOpen })
        session.send(.text("pongs?"))
        #expect(try server.readLine() == "message \(on) text pongs?")
        let pongs = try await transcript.next()
        let prefix = "text pongs "
        let count = pongs.hasPrefix(prefix) ? Int(pongs.dropFirst(prefix.count)) : nil
        #expect((count ?? 0) >= 2, "\(pongs)")

        // Our close: a close packet (by POST, or on the WebSocket), seen by the server.
        client.loop.execute { client.value.close() }
        #expect(try await transcript.next() == "close forced close")
        #expect(try server.readLine() == "disconnect client disconnect")
        try session.stop()
    }

    @Test(
        "the server ending the session reaches our handler as a transport close",
        arguments: OurClientMode.all
    )
    func serverDisconnects(mode: OurClientMode) async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let session = try await PythonServerSession.start(mode, on: group.next())
        let (server, client, transcript) = (session.server, session.client, session.transcript)

        session.send(.text("disconnect me"))
        #expect(try server.readLine() == "message \(mode.transport) text disconnect me")
        #expect(try server.readLine() == "disconnect server disconnect")
        #expect(try await transcript.next() == "close transport close")
        #expect(try await transcript.next() == "ended")
        #expect(try await client.loop.submit { client.value.isOpen } == false)
        try session.stop()
    }
}
