import EventLoop
import Foundation
import Sockets
import Synchronization
import SystemCalls
import TestSupport
import Testing
import WebSockets

/// The bytes the Python peers send for `binary N` and `big N`: 0, 1, … 250, 0, 1, ….
func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8($0 % 251) } }

/// Starts a demo on 127.0.0.1 port 0 and returns it with the address it printed.
func startDemo(_ name: String, _ arguments: [String] = []) throws -> (DemoProcess, SocketAddress) {
    let demo = try DemoProcess(name, arguments + ["--host", "127.0.0.1", "--port", "0"])
    return (demo, try demo.listeningAddress())
}

extension DemoProcess {
    /// Writes one command line to a peer driven from its standard input.
    func command(_ line: String) throws { try writeInput(Array("\(line)\n".utf8)) }
}

@Suite(
    "Python's websockets client talks to our server (the ws-echo demo)",
    .serialized,
    .timeLimit(.minutes(2)),
    .ownThread,
    .settingUp(.pythonPeers)
)
struct WebSocketsClientAgainstOurServerTests {
    @Test("text, 4 MiB of binary, a fragmented message, a ping, and the close handshake")
    func conversation() throws {
        let (server, address) = try startDemo("ws-echo")
        let client = try PythonPeers.start(
            "websockets_client.py",
            ["ws://127.0.0.1:\(address.port)/any/path"],
            withInput: true
        )
        #expect(try client.readLine() == "connected subprotocol=-")
        try client.command("text hello, café ☕")
        #expect(try client.readLine() == "text hello, café ☕")
        try client.command("binary \(4 << 20)")
        #expect(try client.readLine(within: .seconds(20)) == "binary \(4 << 20) same")
        try client.command("fragments frag|men|ted")
        #expect(try client.readLine() == "text fragmented")
        try client.command("ping")
        #expect(try client.readLine() == "pong")
        try client.command("close 1000 done")
        #expect(try client.readLine() == "closed 1000")  // the code echoed, as §5.5.1 asks
        #expect(try client.waitForExit() == .exited(0))

        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test("a graceful shutdown of the server reaches the Python client as 1001 going away")
    func goingAway() throws {
        let (server, address) = try startDemo("ws-echo")
        let client = try PythonPeers.start(
            "websockets_client.py",
            ["ws://127.0.0.1:\(address.port)/"],
            withInput: true
        )
        #expect(try client.readLine() == "connected subprotocol=-")
        server.send(SIGTERM)
        try client.command("expect-close")
        let closed = try client.readLine()
        #expect(closed?.hasPrefix("closed 1001") == true, "\(closed ?? "nothing")")
        #expect(try client.waitForExit() == .exited(0))
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test("a message over the server's limit closes that client with 1009; another carries on")
    func tooBig() throws {
        let (server, address) = try startDemo("ws-echo", ["--max-message", "65536"])
        let url = "ws://127.0.0.1:\(address.port)/"
        let bystander = try PythonPeers.start("websockets_client.py", [url], withInput: true)
        let offender = try PythonPeers.start("websockets_client.py", [url], withInput: true)
        #expect(try bystander.readLine() == "connected subprotocol=-")
        #expect(try offender.readLine() == "connected subprotocol=-")
        try offender.command("binary 65536")
        #expect(try offender.readLine() == "binary 65536 same")  // at the limit: fine
        try offender.command("binary 65537")
        try offender.command("expect-close")
        let closed = try offender.readLine()
        #expect(closed?.hasPrefix("closed 1009") == true, "\(closed ?? "nothing")")
        try bystander.command("text still here")
        #expect(try bystander.readLine() == "text still here")
        try bystander.command("close 1000 bye")
        #expect(try bystander.readLine() == "closed 1000")
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }
}

/// What our client heard from a peer, one line per event, in the Python peers' words.
final class Transcript: Sendable {
    let lines: AsyncStream<String>
    /// The last binary message, whole, for a test to compare.
    let lastBinary = Mutex<[UInt8]>([])
    private let input: AsyncStream<String>.Continuation

    init() { (lines, input) = AsyncStream.makeStream() }

    /// Records `webSocket`'s messages and its close; call on its loop.
    func attach(to webSocket: WebSocket) {
        let input = input
        webSocket.onMessage = { [self] _, message in
            switch message {
            case .text(let text): input.yield("text \(text)")
            case .binary(let bytes):
                self.lastBinary.withLock { $0 = bytes }
                input.yield("binary \(bytes.count)")
            }
        }
        webSocket.onClose = { _, code, reason in
            input.yield("closed \(code.rawValue) \(reason)")
            input.finish()
        }
    }
}

@Suite(
    "Our client talks to a server made with Python's websockets",
    .serialized,
    .timeLimit(.minutes(2)),
    .ownThread,
    .settingUp(.pythonPeers)
)
struct OurClientAgainstWebSocketsServerTests {
    @Test("subprotocol, echoes, fragments, a 3 MiB message, its ping, and its close code")
    func conversation() async throws {
        let server = try PythonPeers.start("websockets_server.py", ["--subprotocol", "chat.v2"])
        let address = try server.listeningAddress()
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        var options = WebSocketClientOptions()
        options.subprotocols = ["chat.v1", "chat.v2"]
        options.configuration.maximumMessageSize = 8 << 20
        options.configuration.maximumFrameSize = 8 << 20
        let transcript = Transcript()
        let socket = try await WebSocket.connect(
            to: "ws://127.0.0.1:\(address.port)/room?x=1",
            on: group.next(),
            options: options
        ) { transcript.attach(to: $0) }
        #expect(try server.readLine() == "open /room?x=1 subprotocol=chat.v2")
        #expect(try await socket.loop.submit { socket.value.subprotocol } == "chat.v2")

        var heard = transcript.lines.makeAsyncIterator()
        let binary = pattern(1 << 20)
        socket.loop.execute {
            socket.value.send(text: "hello, café ☕")
            socket.value.send(binary: binary)
        }
        #expect(await heard.next() == "text hello, café ☕")
        #expect(await heard.next() == "binary \(binary.count)")
        #expect(transcript.lastBinary.withLock { $0 } == binary)

        socket.loop.execute { socket.value.send(text: "fragments frag|men|ted") }
        #expect(await heard.next() == "text fragmented")
        socket.loop.execute { socket.value.send(text: "big \(3 << 20)") }
        #expect(await heard.next() == "binary \(3 << 20)")
        #expect(transcript.lastBinary.withLock { $0 } == pattern(3 << 20))
        socket.loop.execute { socket.value.send(text: "ping") }  // our pong answers its ping
        #expect(await heard.next() == "text pong received")

        socket.loop.execute { socket.value.send(text: "close 4000 bye for now") }
        #expect(await heard.next() == "closed 4000 bye for now")
        #expect(try server.readLine() == "closed 4000")  // we echo the code (§5.5.1)
        server.send(SIGTERM)
        _ = try server.waitForExit()
    }

    @Test("our close with a code and a reason reaches the websockets server as sent")
    func ourClose() async throws {
        let server = try PythonPeers.start("websockets_server.py")
        let address = try server.listeningAddress()
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let transcript = Transcript()
        let socket = try await WebSocket.connect(
            to: "ws://127.0.0.1:\(address.port)/",
            on: group.next()
        ) { transcript.attach(to: $0) }
        #expect(try server.readLine() == "open / subprotocol=-")
        socket.loop.execute { socket.value.close(code: .goingAway, reason: "off to lunch") }
        var heard = transcript.lines.makeAsyncIterator()
        let closed = await heard.next()
        #expect(closed?.hasPrefix("closed 1001") == true, "\(closed ?? "nothing")")
        #expect(try server.readLine() == "closed 1001 off to lunch")
        server.send(SIGTERM)
        _ = try server.waitForExit()
    }
}
