import E1002
import EventLoop
import ExerciseSupport
import HTTP
import HTTPExerciseSupport
import Sockets
import Testing
import WebSocketExerciseSupport
import WebSockets

/// The test server's one route: a WebSocket upgrade answered with *your* accept key, then
/// the library's WebSocket echo on the connection; a `500` with the error if yours threw.
private func upgrade(_ request: HTTPRequest, _ response: HTTPResponseWriter) {
    guard let key = request.headers["Sec-WebSocket-Key"],
        request.headers["Upgrade"]?.lowercased() == "websocket"
    else {
        return response.respond(.text("not a WebSocket upgrade", status: .badRequest))
    }
    do {
        let accept = try E1002.WebSocketAcceptKey(clientKey: key)
        response.upgrade(
            headers: ["Upgrade": "websocket", "Sec-WebSocket-Accept": accept.value]
        ) { connection in
            let handler = WebSocketConnectionHandler(connection: connection, role: .server)
            handler.webSocket.onMessage = { webSocket, message in webSocket.send(message) }
            return handler
        }
    } catch {
        response.respond(.text("\(error)", status: .internalServerError))
    }
}

/// What the raw client saw: the response head, then a summary of each frame until the end.
private struct Conversation {
    var head: String
    var frames: [String]
}

/// Opens a WebSocket to `address` with `clientKey`, the way a browser does, sends `hello`
/// with the request, then a close frame once the head has arrived.
private func talk(to address: SocketAddress, clientKey: String) throws -> Conversation {
    let connection = try Connection.connect(to: address, timeout: .seconds(5))
    defer { connection.close() }
    // The request, and right behind it the client's first frame: a server must keep
    // bytes that arrive with the request for the new protocol.
    let request =
        "GET /chat HTTP/1.1\r\nHost: 127.0.0.1:\(address.port)\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: \(clientKey)\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n"
    let hello = WebSocketFrame(opcode: .text, payload: Array("hello".utf8))
    try connection.writeAll(Array(request.utf8) + hello.encoded(maskingKey: [1, 2, 3, 4]))

    let (head, rest) = try connection.readHead()
    let headText = String(decoding: head, as: UTF8.self)
    guard headText.hasPrefix("HTTP/1.1 101 ") else {
        // Not upgraded: the body says why (with your error, if your code threw).
        let body = connection.readSome(upTo: 4096, timeout: .seconds(2)).bytes
        return Conversation(
            head: headText + String(decoding: rest + body, as: UTF8.self),
            frames: []
        )
    }
    var frames = FrameReader(connection, sender: .server, alreadyReceived: rest)
    var seen: [String] = []
    if let echo = try frames.nextFrame() { seen.append(summary(of: echo)) }
    try connection.writeAll(
        WebSocketFrame.close(code: .normalClosure, reason: "bye").encoded(maskingKey: [5, 6, 7, 8])
    )
    return Conversation(head: headText, frames: seen + (try frames.summariesToEnd()))
}

@Suite("10.2c Your accept key opens a real WebSocket", .serialized)
struct HandshakeWireTests {
    @Test(
        "the library's HTTP server answers 101 with your Sec-WebSocket-Accept, then echoes frames",
        arguments: [
            ("dGhlIHNhbXBsZSBub25jZQ==", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="),
            ("AQIDBAUGBwgJCgsMDQ4PEA==", "C/0nmHhBztSRGR1CwL6Tf4ZjwpY="),
        ]
    )
    func handshake(clientKey: String, accept: String) async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let server = try HTTPServer(
            address: SocketAddress(numericHost: "127.0.0.1", port: 0),
            group: group,
            handle: upgrade
        )
        let result = Result { try talk(to: server.localAddress, clientKey: clientKey) }
        await server.shutdown(gracePeriod: .seconds(2))
        let conversation = try result.get()
        let head = conversation.head
        let switched = head.hasPrefix("HTTP/1.1 101 Switching Protocols\r\n")
        try #require(switched, "the server did not switch protocols: \(head)")
        #expect(head.contains("\r\nUpgrade: websocket\r\n"), "\(head)")
        #expect(head.contains("\r\nConnection: Upgrade\r\n"), "\(head)")
        #expect(
            head.contains("\r\nSec-WebSocket-Accept: \(accept)\r\n"),
            "a client checks this value and gives up if it is wrong: \(head)"
        )
        #expect(
            conversation.frames == [#"text "hello""#, #"close 1000 """#, "end of stream"],
            "the echo of the frame sent with the request, then of the close frame"
        )
    }
}
