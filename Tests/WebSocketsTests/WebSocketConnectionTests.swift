import EventLoop
import Sockets
import SystemCalls
import TestSupport
import Testing
import WebSockets

/// A server that speaks WebSocket from the first byte (no HTTP handshake), echoing every
/// message: the frame layer tested on its own, over a real socket.
func startRawEchoServer(
    group: EventLoopGroup,
    configuration: WebSocketConfiguration = WebSocketConfiguration(),
    closes: Locked<[(UInt16, String)]>? = nil
) throws -> TCPServer {
    try TCPServer(
        address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0),
        group: group
    ) { connection in
        let handler = WebSocketConnectionHandler(
            connection: connection,
            role: .server,
            configuration: configuration
        )
        handler.webSocket.onMessage = { webSocket, message in webSocket.send(message) }
        handler.webSocket.onClose = { _, code, reason in
            closes?.withLock { $0.append((code.rawValue, reason)) }
        }
        return handler
    }
}

/// A blocking raw client that writes frames byte by byte if asked, and reads frames back.
struct RawClient {
    let connection: Connection
    var parser = WebSocketFrameParser(sender: .server, maximumFrameSize: 1 << 26)

    init(_ address: SocketAddress) throws {
        connection = try Connection.connect(to: address, timeout: .seconds(5))
        try connection.socket.setReceiveTimeout(.seconds(10))
    }

    func send(_ frame: WebSocketFrame, key: [UInt8] = [1, 2, 3, 4], drip: Bool = false) throws {
        try send(bytes: frame.encoded(maskingKey: key), drip: drip)
    }

    func send(bytes: [UInt8], drip: Bool = false) throws {
        if drip {
            for byte in bytes { try connection.writeAll([byte]) }
        } else {
            try connection.writeAll(bytes)
        }
    }

    /// The next frame from the server, or `nil` if it closed the connection.
    mutating func nextFrame() throws -> WebSocketFrame? {
        while true {
            if let frame = try parser.nextFrame() { return frame }
            let bytes = try connection.read()
            if bytes.isEmpty { return nil }
            parser.append(bytes)
        }
    }
}

@Suite("WebSocket connections over real sockets: echo, control frames, failures", .ownThread)
struct WebSocketConnectionTests {
    @Test("text and binary messages come back; fragments are reassembled; pings are answered")
    func echoAndControl() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let server = try startRawEchoServer(group: group)
        var client = try RawClient(server.localAddress)
        try client.send(WebSocketFrame(opcode: .text, payload: Array("héllo".utf8)))
        #expect(
            try client.nextFrame() == WebSocketFrame(opcode: .text, payload: Array("héllo".utf8))
        )
        try client.send(WebSocketFrame(isFinal: false, opcode: .binary, payload: [1, 2]))
        try client.send(WebSocketFrame(opcode: .ping, payload: [9]))
        try client.send(WebSocketFrame(opcode: .continuation, payload: [3]))
        #expect(try client.nextFrame() == WebSocketFrame(opcode: .pong, payload: [9]))
        #expect(try client.nextFrame() == WebSocketFrame(opcode: .binary, payload: [1, 2, 3]))
        client.connection.close()
        await server.shutdown()
    }

    @Test("frames dripped one byte at a time are understood")
    func dripped() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let server = try startRawEchoServer(group: group)
        var client = try RawClient(server.localAddress)
        let payload = (0..<300).map { UInt8(truncatingIfNeeded: $0) }
        try client.send(WebSocketFrame(opcode: .binary, payload: payload), drip: true)
        #expect(try client.nextFrame()?.payload == payload)
        client.connection.close()
        await server.shutdown()
    }

    @Test("the close handshake: the server echoes our code, then closes TCP first")
    func closeHandshake() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let closes = Locked<[(UInt16, String)]>([])
        let server = try startRawEchoServer(group: group, closes: closes)
        var client = try RawClient(server.localAddress)
        try client.send(
            WebSocketFrame.close(code: WebSocketCloseCode(rawValue: 4000), reason: "done")
        )
        let echo = try client.nextFrame()
        #expect(echo?.opcode == .close)
        #expect(echo.map { Array($0.payload.prefix(2)) } == [0x0F, 0xA0])
        #expect(try client.nextFrame() == nil)  // the server closed the TCP connection
        client.connection.close()
        await server.shutdown()
        #expect(closes.withLock { $0.map(\.0) } == [4000])
    }

    @Test(
        "protocol violations fail the connection with the close code §7.4.1 names",
        arguments: [
            (WebSocketFrame(opcode: .text, payload: [0xC0, 0x80]), [UInt8](), UInt16(1007)),
            (WebSocketFrame(opcode: .continuation, payload: [1]), [], 1002),
            (WebSocketFrame(opcode: .binary, payload: Array(repeating: 0, count: 2000)), [], 1009),
            (WebSocketFrame(opcode: .ping, payload: []), [0x89, 0x00], 1002),  // unmasked
            // Reserved opcode 0xB:
            (WebSocketFrame(opcode: .ping, payload: []), [0x8B, 0x80, 0, 0, 0, 0], 1002),
            (WebSocketFrame(opcode: .ping, payload: []), [0xA1, 0x80, 0, 0, 0, 0], 1002),  // RSV2
            (WebSocketFrame(opcode: .close, payload: [0x03, 0xED]), [], 1002),  // code 1005
        ] as [(WebSocketFrame, [UInt8], UInt16)]
    )
    func failures(frame: WebSocketFrame, rawBytes: [UInt8], expectedCode: UInt16) async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        var configuration = WebSocketConfiguration()
        configuration.maximumFrameSize = 1000
        let server = try startRawEchoServer(group: group, configuration: configuration)
        var client = try RawClient(server.localAddress)
        if rawBytes.isEmpty {
            try client.send(frame)
        } else {
            try client.send(bytes: rawBytes)
        }
        let close = try #require(try client.nextFrame())
        #expect(close.opcode == .close)
        #expect(close.payload.count >= 2)
        #expect(UInt16(close.payload[0]) << 8 | UInt16(close.payload[1]) == expectedCode)
        #expect(try client.nextFrame() == nil)  // and the connection is closed
        // Another client is served normally.
        var other = try RawClient(server.localAddress)
        try other.send(WebSocketFrame(opcode: .text, payload: Array("still here".utf8)))
        #expect(try other.nextFrame()?.payload == Array("still here".utf8))
        other.connection.close()
        client.connection.close()
        await server.shutdown()
    }
}
