import EventLoop
import HTTP
import Sockets
import SystemCalls
import TestSupport
import Testing
import WebSockets

/// Echoes, noting for every message which loop it was handled on.
final class HomeLoopEcho: WebSocketHandler {
    let home: EventLoop
    let seen: Locked<[String]>

    init(home: EventLoop, seen: Locked<[String]>) {
        self.home = home
        self.seen = seen
    }

    func webSocket(_ webSocket: WebSocket, didReceive message: WebSocketMessage) {
        let onHome = webSocket.loop === home && home.inEventLoop
        seen.withLock { $0.append("\(message) on home: \(onHome)") }
        webSocket.send(message)  // on the socket's own loop: no hop
    }
}

@Suite("WebSocket upgrade onto a chosen loop", .timeLimit(.minutes(1)), .ownThread)
struct HomeLoopTests {
    @Test("every WebSocket lives on loop 0, whichever loop accepted it, and echoes there")
    func everySocketOnLoopZero() async throws {
        let home = Locked<EventLoop?>(nil)
        let acceptedOn = Locked<Set<String>>([])
        let seen = Locked<[String]>([])
        let handshake = WebSocketServerHandshake()
        try await WebSocketTestServer.with(loops: 2) { router in
            router.get("/session") { request, response in
                acceptedOn.withLock { _ = $0.insert(response.loop.name) }
                guard let target = home.withLock({ $0 }) else { return response.abort() }
                handshake.upgrade(request, response, on: target) { webSocket in
                    webSocket.handler = HomeLoopEcho(home: target, seen: seen)
                }
            }
        } _: { server in
            home.withLock { $0 = server.group.loops[0] }
            let clientGroup = try EventLoopGroup(loopCount: 1)
            defer { try? clientGroup.shutdown() }
            for index in 0..<4 {
                let (client, heard) = try await connectRecording(
                    to: "\(server.url)/session",
                    loop: clientGroup.next()
                )
                client.send(.text("message \(index)"))
                #expect(await heard.nextMessage() == .text("message \(index)"))
                client.close()
                #expect(await heard.closeCode() == .normalClosure)
            }
            // A frame that travels with the upgrade request: the handler, installed before
            // the first frame is handled, gets it too (accepted on loop-0, then on loop-1).
            for _ in 0..<2 {
                #expect(try echoOfFrameBehindRequest(to: server.server.localAddress) == "early")
            }
        }
        #expect(acceptedOn.withLock { $0 } == ["loop-0", "loop-1"])
        #expect(
            seen.withLock { $0 } == (0..<4).map { "text(\"message \($0)\") on home: true" }
                + Array(repeating: "text(\"early\") on home: true", count: 2)
        )
    }

    @Test("a request that is no WebSocket handshake is refused, and nothing is set up")
    func refusalAnswered() async throws {
        let accepted = Locked<[Bool]>([])
        try await WebSocketTestServer.with(loops: 2) { router in
            router.get("/session") { request, response in
                let result = WebSocketServerHandshake().upgrade(request, response) { _ in
                    accepted.withLock { $0.append(true) }
                }
                accepted.withLock { $0.append(result) }
            }
        } _: { server in
            let clientGroup = try EventLoopGroup(loopCount: 1)
            defer { try? clientGroup.shutdown() }
            let client = HTTPClient(group: clientGroup)
            let response = try await client.get(
                "http://127.0.0.1:\(server.server.localAddress.port)/session"
            )
            await client.shutdown()
            #expect(response.status == .upgradeRequired)
        }
        #expect(accepted.withLock { $0 } == [false])
    }
}

/// Sends an upgrade request and a masked text frame in one write, to `/session`, and
/// returns the text of the frame that comes back.
func echoOfFrameBehindRequest(to address: SocketAddress) throws -> String {
    let exchange = try TestThread { () throws -> [UInt8] in
        let connection = try Connection.connect(to: address, timeout: .seconds(5))
        defer { connection.close() }
        try connection.socket.setReceiveTimeout(.seconds(10))
        let request =
            "GET /session HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        let frame = WebSocketFrame(opcode: .text, payload: Array("early".utf8))
        try connection.writeAll(Array(request.utf8) + frame.encoded(maskingKey: [1, 2, 3, 4]))
        var received: [UInt8] = []
        let expectedEcho = frame.encoded()
        while !received.reversed().starts(with: expectedEcho.reversed()) {
            let bytes = try connection.read()
            if bytes.isEmpty { break }
            received += bytes
        }
        return received
    }
    let received = try exchange.result(within: .seconds(20))
    guard received.count >= 7, received.suffix(7).prefix(2) == [0x81, 5] else { return "" }
    return String(decoding: received.suffix(5), as: UTF8.self)
}
