import EventLoop
import HTTP
import Libc
import Sockets
import SystemCalls
import TestSupport
import Testing
import WebSockets

/// Sends `count` binary messages of `size` bytes as fast as the connection takes them, and
/// no faster: it stops while ``WebSocket/isWritable`` is `false`.
final class PacedSender {
    let webSocket: WebSocket
    let size: Int
    var remaining: Int
    let largestBacklog: Locked<Int>

    init(webSocket: WebSocket, count: Int, size: Int, largestBacklog: Locked<Int>) {
        self.webSocket = webSocket
        self.remaining = count
        self.size = size
        self.largestBacklog = largestBacklog
    }

    func sendWhileWritable() {
        while remaining > 0 && webSocket.isWritable {
            remaining -= 1
            webSocket.send(binary: [UInt8](repeating: UInt8(remaining & 0xFF), count: size))
            let backlog = webSocket.bufferedAmount
            largestBacklog.withLock { $0 = max($0, backlog) }
        }
    }
}

@Suite("Back-pressure and keep-alive over real sockets", .timeLimit(.minutes(1)), .ownThread)
struct BackPressureTests {
    @Test(
        "a client that does not read makes the sender wait; memory stays bounded; nothing is lost"
    )
    func slowReader() async throws {
        let count = 400
        let size = 32 * 1024  // 12.5 MiB in all
        let largestBacklog = Locked(0)
        try await WebSocketTestServer.with { router in
            router.webSocket("/") { webSocket, _ in
                let sender = PacedSender(
                    webSocket: webSocket,
                    count: count,
                    size: size,
                    largestBacklog: largestBacklog
                )
                webSocket.onWritabilityChange = { _ in sender.sendWhileWritable() }
                webSocket.onClose = { _, _, _ in _ = sender }  // keeps it alive until then
                sender.sendWhileWritable()
            }
        } _: { server in
            let address = server.server.localAddress
            let reader = try TestThread { () throws -> (Int, Int) in
                let connection = try Connection.connect(to: address, timeout: .seconds(5))
                defer { connection.close() }
                try connection.socket.setReceiveTimeout(.seconds(10))
                let request =
                    "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
                try connection.writeAll(Array(request.utf8))
                usleep(500_000)  // read nothing for half a second while the server sends
                var parser = WebSocketFrameParser(sender: .server, maximumFrameSize: 1 << 20)
                var pending = try connection.read()
                let headEnd = try #require(pending.firstRange(of: Array("\r\n\r\n".utf8)))
                pending.removeSubrange(..<headEnd.upperBound)
                parser.append(pending)
                var messages = 0
                var bytes = 0
                while messages < count {
                    if let frame = try parser.nextFrame() {
                        messages += 1
                        bytes += frame.payload.count
                        continue
                    }
                    let more = try connection.read()
                    if more.isEmpty { break }
                    parser.append(more)
                }
                return (messages, bytes)
            }
            let (messages, bytes) = try reader.result(within: .seconds(40))
            #expect(messages == count)
            #expect(bytes == count * size)
        }
        // The TCP connection's high-water mark is 256 KiB: the sender stopped just past it.
        let largest = largestBacklog.withLock { $0 }
        #expect(largest <= 256 * 1024 + size + 14, "backlog reached \(largest) bytes")
    }

    @Test("keep-alive pings: a peer that answers stays, one that never does is dropped")
    func pings() async throws {
        var configuration = WebSocketConfiguration()
        configuration.pingInterval = .milliseconds(200)
        configuration.pingTimeout = .seconds(1)  // roomy: the answering client may be slow
        let serverCloses = Locked<[WebSocketCloseCode]>([])
        try await WebSocketTestServer.with { router in
            router.webSocket("/", configuration: configuration) { webSocket, _ in
                webSocket.onClose = { _, code, _ in serverCloses.withLock { $0.append(code) } }
            }
        } _: { server in
            // Our client answers pings by itself.
            let clientGroup = try EventLoopGroup(loopCount: 1)
            defer { try? clientGroup.shutdown() }
            let (client, _) = try await connectRecording(to: server.url, loop: clientGroup.next())
            // A raw client that completes the handshake and then never answers.
            let address = server.server.localAddress
            let silent = try TestThread { () throws -> (sawPing: Bool, closed: Bool) in
                let connection = try Connection.connect(to: address, timeout: .seconds(5))
                defer { connection.close() }
                try connection.socket.setReceiveTimeout(.seconds(10))
                let request =
                    "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
                try connection.writeAll(Array(request.utf8))
                var received: [UInt8] = []
                while true {
                    let bytes = try connection.read()
                    if bytes.isEmpty { break }
                    received += bytes
                }
                let head = try #require(received.firstRange(of: Array("\r\n\r\n".utf8)))
                return (received[head.upperBound...].first == 0x89, true)
            }
            let outcome = try silent.result(within: .seconds(20))
            #expect(outcome.sawPing)
            #expect(outcome.closed)
            // By now the answering client has been pinged several times, and is still open.
            let stillOpen = try await client.loop.submit { client.value.isOpen }
            #expect(stillOpen)
            // The server reports the dropped one as closed without a close frame.
            #expect(waitUntil(within: .seconds(5)) { !serverCloses.withLock(\.isEmpty) })
            #expect(serverCloses.withLock { $0 } == [.abnormalClosure])
            client.close()
        }
    }
}
