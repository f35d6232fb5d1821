import EventLoop
import HTTP
import Sockets
import SystemCalls
import Testing
import WebSockets

/// What one WebSocket heard, as async streams a test awaits in order.
struct Heard: Sendable {
    let messages: AsyncStream<WebSocketMessage>
    let closes: AsyncStream<WebSocketCloseCode>
    private let messageInput: AsyncStream<WebSocketMessage>.Continuation
    private let closeInput: AsyncStream<WebSocketCloseCode>.Continuation

    init() {
        (messages, messageInput) = AsyncStream.makeStream()
        (closes, closeInput) = AsyncStream.makeStream()
    }

    /// Records everything `webSocket` hears from now on; call on its loop.
    func attach(to webSocket: WebSocket) {
        let (messageInput, closeInput) = (messageInput, closeInput)
        webSocket.onMessage = { _, message in messageInput.yield(message) }
        webSocket.onClose = { _, code, _ in
            closeInput.yield(code)
            closeInput.finish()
            messageInput.finish()
        }
    }

    /// The next message, or `nil` once the socket closed.
    func nextMessage() async -> WebSocketMessage? {
        var iterator = messages.makeAsyncIterator()
        return await iterator.next()
    }

    /// The code the socket closed with.
    func closeCode() async -> WebSocketCloseCode? {
        var iterator = closes.makeAsyncIterator()
        return await iterator.next()
    }
}

/// A WebSocket server on 127.0.0.1:0 whose router `configure` sets up, for one test.
struct WebSocketTestServer {
    let server: HTTPServer
    let group: EventLoopGroup

    /// `ws://127.0.0.1:PORT`.
    var url: String { "ws://127.0.0.1:\(server.localAddress.port)" }

    static func with<Result>(
        loops: Int = 1,
        configure: (inout HTTPRouter) -> Void,
        _ body: (WebSocketTestServer) async throws -> Result
    ) async throws -> Result {
        var router = HTTPRouter()
        configure(&router)
        let group = try EventLoopGroup(loopCount: loops)
        let server = try HTTPServer(
            address: SocketAddress(numericHost: "127.0.0.1", port: 0),
            group: group,
            logger: Logger(label: "ws-test-server", level: .error),
            handler: router
        )
        let testServer = WebSocketTestServer(server: server, group: group)
        let result: Result
        do {
            result = try await body(testServer)
        } catch {
            await server.shutdown(gracePeriod: .milliseconds(200))
            try group.shutdown()
            throw error
        }
        await server.shutdown(gracePeriod: .milliseconds(500))
        try group.shutdown()
        return result
    }
}

extension LoopBound where Value == WebSocket {
    /// Sends `message` from the socket's loop.
    func send(_ message: WebSocketMessage) {
        let socket = self
        loop.execute { socket.value.send(message) }
    }

    /// Starts the close handshake from the socket's loop.
    func close(code: WebSocketCloseCode = .normalClosure, reason: String = "") {
        let socket = self
        loop.execute { socket.value.close(code: code, reason: reason) }
    }
}

/// Connects a client that records what it hears.
func connectRecording(
    to url: String,
    loop: EventLoop,
    options: WebSocketClientOptions = WebSocketClientOptions()
) async throws -> (LoopBound<WebSocket>, Heard) {
    let heard = Heard()
    let socket = try await WebSocket.connect(to: url, on: loop, options: options) { webSocket in
        heard.attach(to: webSocket)
    }
    return (socket, heard)
}
