import EventLoop
import HTTP
import Sockets
import SystemCalls
import TestSupport
import Testing
import WebSockets

@Suite(
    "Our client and our server over real sockets: handshake, messages, close",
    .timeLimit(.minutes(1)),
    .ownThread
)
struct ClientServerTests {
    @Test("text and binary messages go both ways, and a close code reaches both sides")
    func echoAndClose() async throws {
        let serverSide = Heard()
        try await WebSocketTestServer.with { router in
            router.webSocket("/echo") { webSocket, _ in
                serverSide.attach(to: webSocket)
                let record = webSocket.onMessage
                webSocket.onMessage = { webSocket, message in
                    record?(webSocket, message)
                    webSocket.send(message)
                }
            }
        } _: { server in
            let clientGroup = try EventLoopGroup(loopCount: 1)
            defer { try? clientGroup.shutdown() }
            let (client, heard) = try await connectRecording(
                to: "\(server.url)/echo",
                loop: clientGroup.next()
            )
            client.send(.text("héllo"))
            #expect(await heard.nextMessage() == .text("héllo"))
            let big = (0..<70_000).map { UInt8(truncatingIfNeeded: $0) }  // a 64-bit length
            client.send(.binary(big))
            #expect(await heard.nextMessage() == .binary(big))
            client.close(code: WebSocketCloseCode(rawValue: 4001), reason: "bye")
            #expect(await heard.closeCode() == WebSocketCloseCode(rawValue: 4001))
            #expect(await serverSide.closeCode() == WebSocketCloseCode(rawValue: 4001))
        }
    }

    @Test("both sides agree on the server's favourite subprotocol among those offered")
    func subprotocol() async throws {
        let chosenByServer = Locked<[String?]>([])
        try await WebSocketTestServer.with { router in
            router.webSocket(
                "/",
                handshake: WebSocketServerHandshake(subprotocols: ["v2", "v1"])
            ) { webSocket, _ in chosenByServer.withLock { $0.append(webSocket.subprotocol) } }
        } _: { server in
            let clientGroup = try EventLoopGroup(loopCount: 1)
            defer { try? clientGroup.shutdown() }
            for (offered, expected) in [(["v1", "v2"], "v2"), (["v1"], "v1"), (["x"], nil)] {
                var options = WebSocketClientOptions()
                options.subprotocols = offered
                let client = try await WebSocket.connect(
                    to: server.url,
                    on: clientGroup.next(),
                    options: options
                )
                let clientChose = try await client.loop.submit { client.value.subprotocol }
                #expect(clientChose == expected)
                client.close()
            }
            #expect(chosenByServer.withLock { $0 } == ["v2", "v1", nil])
        }
    }

    @Test("a message the server sends as soon as it accepts arrives with the 101")
    func greetingWithTheHandshake() async throws {
        try await WebSocketTestServer.with { router in
            router.webSocket("/") { webSocket, _ in webSocket.send(text: "welcome") }
        } _: { server in
            let clientGroup = try EventLoopGroup(loopCount: 1)
            defer { try? clientGroup.shutdown() }
            let (client, heard) = try await connectRecording(
                to: server.url,
                loop: clientGroup.next()
            )
            #expect(await heard.nextMessage() == .text("welcome"))
            client.close()
        }
    }

    @Test("a frame sent right behind the upgrade request, in the same write, is not lost")
    func frameBehindTheRequest() async throws {
        try await WebSocketTestServer.with { router in
            router.webSocket("/") { webSocket, _ in
                webSocket.onMessage = { webSocket, message in webSocket.send(message) }
            }
        } _: { server in
            let address = server.server.localAddress
            let exchange = try TestThread { () throws -> [UInt8] in
                let connection = try Connection.connect(to: address, timeout: .seconds(5))
                defer { connection.close() }
                try connection.socket.setReceiveTimeout(.seconds(10))
                let request =
                    "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
                let frame = WebSocketFrame(opcode: .text, payload: Array("early".utf8))
                try connection.writeAll(
                    Array(request.utf8) + frame.encoded(maskingKey: [9, 8, 7, 6])
                )
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
            let text = String(decoding: received, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 101 Switching Protocols\r\n"))
            #expect(text.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"))
            #expect(received.suffix(7) == [0x81, 5] + Array("early".utf8))
        }
    }

    @Test("a server shutting down says goodbye with 1001, going away")
    func goingAway() async throws {
        let clientGroup = try EventLoopGroup(loopCount: 1)
        defer { try? clientGroup.shutdown() }
        var router = HTTPRouter()
        router.webSocket("/") { _, _ in }
        let serverGroup = try EventLoopGroup(loopCount: 1)
        let server = try HTTPServer(
            address: SocketAddress(numericHost: "127.0.0.1", port: 0),
            group: serverGroup,
            logger: Logger(label: "ws-test-server", level: .error),
            handler: router
        )
        let (_, heard) = try await connectRecording(
            to: "ws://127.0.0.1:\(server.localAddress.port)/",
            loop: clientGroup.next()
        )
        await server.shutdown(gracePeriod: .seconds(5))
        #expect(await heard.closeCode() == .goingAway)
        #expect(server.connectionCount == 0)
        try serverGroup.shutdown()
    }
}

@Suite("Handshakes that fail, over real sockets", .timeLimit(.minutes(1)), .ownThread)
struct HandshakeFailureTests {
    @Test(
        "a bad upgrade request gets its status, and the connection is closed",
        arguments: [
            (["Sec-WebSocket-Version": "8"], 426, "Sec-WebSocket-Version", "13"),
            (["Sec-WebSocket-Key": "c2hvcnQ="], 400, nil, nil),
            (["Origin": "http://evil.example"], 403, nil, nil),
        ] as [([String: String], Int, String?, String?)]
    )
    func refused(changes: [String: String], status: Int, field: String?, value: String?)
        async throws
    {
        try await WebSocketTestServer.with { router in
            router.webSocket(
                "/",
                handshake: WebSocketServerHandshake(
                    isOriginAllowed: WebSocketServerHandshake.allowing(origins: [
                        "http://good.example"
                    ])
                )
            ) { _, _ in Issue.record("the handshake should have been refused") }
        } _: { server in
            var headers: HTTPHeaders = [
                "Upgrade": "websocket", "Connection": "Upgrade",
                "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13",
            ]
            for (name, newValue) in changes { headers.set(name: name, value: newValue) }
            let client = HTTPClient(group: server.group)
            let response = try await client.get(
                "http://127.0.0.1:\(server.server.localAddress.port)/",
                headers: headers
            )
            await client.shutdown()
            #expect(response.status.code == status)
            #expect(response.headers["Connection"] == "close")
            if let field { #expect(response.headers[field] == value) }
        }
    }

    @Test("a plain GET of a WebSocket URL gets 426 naming websocket, and keep-alive")
    func plainGet() async throws {
        try await WebSocketTestServer.with { router in
            router.webSocket("/") { _, _ in }
        } _: { server in
            let client = HTTPClient(group: server.group)
            let response = try await client.get(
                "http://127.0.0.1:\(server.server.localAddress.port)/"
            )
            await client.shutdown()
            #expect(response.status == .upgradeRequired)
            #expect(response.headers["Upgrade"] == "websocket")
            #expect(response.headers["Connection"] != "close")
        }
    }

    @Test("the client reports a refused connection as connect's ECONNREFUSED")
    func connectionRefused() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let closed = try closedPort(on: "127.0.0.1")
        defer { closed.release() }
        await #expect(throws: SystemCallError(call: "connect", errno: .connectionRefused)) {
            _ = try await WebSocket.connect(to: "ws://127.0.0.1:\(closed.port)/", on: group.next())
        }
    }

    @Test("the client refuses an answer that is not a 101, or a 101 with the wrong accept value")
    func badAnswers() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        for answer in [
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
        ] {
            let server = try TCPServer(
                address: SocketAddress(numericHost: "127.0.0.1", port: 0),
                group: group
            ) { _ in FixedAnswer(answer: answer) }
            await #expect(throws: WebSocketError.self) {
                _ = try await WebSocket.connect(
                    to: "ws://127.0.0.1:\(server.localAddress.port)/",
                    on: group.next()
                )
            }
            await server.shutdown(gracePeriod: .milliseconds(200))
        }
    }
}

/// Answers the first bytes it receives with a fixed response, whatever they were.
final class FixedAnswer: TCPConnectionHandler {
    let answer: String
    init(answer: String) { self.answer = answer }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        connection.write(answer)
    }
}
