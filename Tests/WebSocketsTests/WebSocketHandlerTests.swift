import EventLoop
import HTTP
import SystemCalls
import TestSupport
import Testing
import WebSockets

/// A handler that echoes and records, as a layer above WebSocket would own a socket.
///
/// It keeps its socket, as real handlers do (a session sends on it later): only the socket
/// letting go of its handler once closed breaks that cycle.
final class RecordingWebSocketHandler: WebSocketHandler {
    let events: AsyncStream<String>.Continuation
    let webSocket: WebSocket

    init(for webSocket: WebSocket, events: AsyncStream<String>.Continuation) {
        self.webSocket = webSocket
        self.events = events
    }

    deinit {
        events.yield("released")
    }

    func webSocket(_ webSocket: WebSocket, didReceive message: WebSocketMessage) {
        events.yield("message \(message)")
        webSocket.send(message)
    }

    func webSocket(_ webSocket: WebSocket, didReceivePong payload: [UInt8]) {
        events.yield("pong \(payload)")
    }

    func webSocketDidClose(_ webSocket: WebSocket, code: WebSocketCloseCode, reason: String) {
        events.yield("closed \(code.rawValue) \(reason)")
    }
}

@Suite("WebSocket handlers: one owner for a socket's events", .timeLimit(.minutes(1)), .ownThread)
struct WebSocketHandlerTests {
    @Test("a handler hears messages, pongs and the close, and is released once closed")
    func handlerHearsEverything() async throws {
        let (events, input) = AsyncStream<String>.makeStream()
        try await WebSocketTestServer.with { router in
            router.webSocket("/") { webSocket, _ in
                webSocket.handler = RecordingWebSocketHandler(for: webSocket, events: input)
                webSocket.ping([1, 2, 3])
            }
        } _: { server in
            let clientGroup = try EventLoopGroup(loopCount: 1)
            defer { try? clientGroup.shutdown() }
            let (client, heard) = try await connectRecording(
                to: server.url,
                loop: clientGroup.next()
            )
            var iterator = events.makeAsyncIterator()
            #expect(await iterator.next() == "pong [1, 2, 3]")
            client.send(.text("one"))
            #expect(await heard.nextMessage() == .text("one"))
            #expect(await iterator.next() == "message text(\"one\")")
            client.close(code: WebSocketCloseCode(rawValue: 4002), reason: "done")
            #expect(await iterator.next() == "closed 4002 done")
            #expect(await heard.closeCode() == WebSocketCloseCode(rawValue: 4002))
            // The handler holds its socket; the socket let go of it, so it is freed.
            #expect(await iterator.next() == "released")
        }
    }

    @Test("setting the handler replaces the closures, and setting a closure replaces it")
    func closuresAreOneHandler() async throws {
        let heardBy = Locked<[String]>([])
        try await WebSocketTestServer.with { router in
            router.webSocket("/handler-last") { webSocket, _ in
                webSocket.onMessage = { _, _ in heardBy.withLock { $0.append("closure") } }
                webSocket.handler = RecordingWebSocketHandler(
                    for: webSocket,
                    events: AsyncStream<String>.makeStream().continuation
                )
                let closureStillSet = webSocket.onMessage != nil
                heardBy.withLock { $0.append("closure set after handler: \(closureStillSet)") }
            }
            router.webSocket("/closure-last") { webSocket, _ in
                webSocket.handler = RecordingWebSocketHandler(
                    for: webSocket,
                    events: AsyncStream<String>.makeStream().continuation
                )
                webSocket.onMessage = { webSocket, message in
                    heardBy.withLock { $0.append("closure") }
                    webSocket.send(message)
                }
                let isHandler = !(webSocket.handler is RecordingWebSocketHandler)
                heardBy.withLock { $0.append("closures replaced the handler: \(isHandler)") }
            }
        } _: { server in
            let clientGroup = try EventLoopGroup(loopCount: 1)
            defer { try? clientGroup.shutdown() }
            // The handler, set last, echoes; the closure set before it never runs.
            let (first, firstHeard) = try await connectRecording(
                to: "\(server.url)/handler-last",
                loop: clientGroup.next()
            )
            first.send(.text("a"))
            #expect(await firstHeard.nextMessage() == .text("a"))
            first.close()
            _ = await firstHeard.closeCode()
            #expect(heardBy.withLock { $0 } == ["closure set after handler: false"])
            // The closure, set last, echoes instead of the handler.
            let (second, secondHeard) = try await connectRecording(
                to: "\(server.url)/closure-last",
                loop: clientGroup.next()
            )
            second.send(.text("b"))
            #expect(await secondHeard.nextMessage() == .text("b"))
            second.close()
            _ = await secondHeard.closeCode()
            #expect(
                heardBy.withLock { $0 } == [
                    "closure set after handler: false",
                    "closures replaced the handler: true",
                    "closure",
                ]
            )
        }
    }
}
