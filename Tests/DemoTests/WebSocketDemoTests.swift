import EventLoop
import Libc
import Sockets
import SystemCalls
import TestSupport
import Testing
import WebSockets

/// Connects our WebSocket client to `url` and returns it with a stream of what it hears.
func connectListening(
    to url: String,
    on loop: EventLoop,
    maximumMessageSize: Int = 1 << 20
) async throws -> (LoopBound<WebSocket>, AsyncStream<String>) {
    let (lines, input) = AsyncStream.makeStream(of: String.self)
    var options = WebSocketClientOptions()
    options.configuration.maximumMessageSize = maximumMessageSize
    options.configuration.maximumFrameSize = maximumMessageSize
    let socket = try await WebSocket.connect(to: url, on: loop, options: options) { webSocket in
        webSocket.onMessage = { _, message in
            switch message {
            case .text(let text): input.yield(text)
            case .binary(let bytes): input.yield("binary \(bytes.count) bytes")
            }
        }
        webSocket.onClose = { _, code, _ in
            input.yield("closed \(code.rawValue)")
            input.finish()
        }
    }
    return (socket, lines)
}

@Suite("The WebSocket demos, run as built", .timeLimit(.minutes(1)), .ownThread)
struct WebSocketDemoTests {
    @Test(
        "ws-echo sends a text and a 3 MiB binary message back, on any path, IPv4 and IPv6",
        arguments: ["127.0.0.1", "::1"]
    )
    func wsEcho(host: String) async throws {
        let (server, address) = try startServer(["ws-echo"], host: host)
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let authority = host.contains(":") ? "[\(host)]" : host
        let (socket, heard) = try await connectListening(
            to: "ws://\(authority):\(address.port)/any/path?x=1",
            on: group.next(),
            maximumMessageSize: 4 << 20
        )
        var lines = heard.makeAsyncIterator()
        socket.loop.execute { socket.value.send(text: "hello") }
        #expect(await lines.next() == "hello")
        let big = [UInt8](repeating: 0x5A, count: 3 << 20)
        socket.loop.execute { socket.value.send(binary: big) }
        #expect(await lines.next() == "binary \(3 << 20) bytes")
        server.send(SIGTERM)  // a graceful shutdown closes with 1001
        #expect(await lines.next() == "closed 1001")
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test("ws-chat: every line reaches everyone, with names; the terminal client chats too")
    func wsChat() async throws {
        let (server, address) = try startServer(["ws-chat"])
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let base = "ws://127.0.0.1:\(address.port)/chat"
        let (ada, adaHeard) = try await connectListening(to: "\(base)?name=Ada", on: group.next())
        var adaLines = adaHeard.makeAsyncIterator()
        #expect(await adaLines.next() == "* Ada joined")

        let terminal = try DemoProcess(
            "ws-chat",
            ["--client", "--port", "\(address.port)", "--name", "Grace"],
            withInput: true
        )
        #expect(await adaLines.next() == "* Grace joined")
        #expect(try terminal.readLine() == "connected to \(base)?name=Grace")
        #expect(try terminal.readLine() == "* Grace joined")
        try terminal.writeInput(Array("hello from the terminal\n".utf8))
        #expect(await adaLines.next() == "Grace: hello from the terminal")
        ada.loop.execute { ada.value.send(text: "hi Grace") }
        #expect(await adaLines.next() == "Ada: hi Grace")
        #expect(try terminal.readLine() == "Grace: hello from the terminal")
        #expect(try terminal.readLine() == "Ada: hi Grace")
        terminal.closeInput()  // Ctrl-D: the client closes with 1000 and exits 0
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(await adaLines.next() == "* Grace left")

        let page = try HTTPGetter.get(address: address, path: "/")
        #expect(page.hasPrefix("HTTP/1.1 200 OK"))
        #expect(page.contains("new WebSocket("))
        server.send(SIGINT)
        #expect(await adaLines.next() == "closed 1001")
        #expect(try server.waitForExit() == .exited(0))
    }
}

/// A one-shot blocking `GET` over a raw socket, for a page's bytes.
enum HTTPGetter {
    static func get(address: SocketAddress, path: String) throws -> String {
        let connection = try Connection.connect(to: address, timeout: .seconds(5))
        defer { connection.close() }
        try connection.writeAll("GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let bytes = try connection.readToEnd(before: Deadline(after: .seconds(10)))
        return String(decoding: bytes, as: UTF8.self)
    }
}
