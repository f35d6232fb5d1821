import EngineIO
import EventLoop
import HTTP
import JSON
import SocketIO
import Sockets
import SystemCalls
import TestSupport
import Testing
import WebSockets

/// A test's own failure, with a message.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A queue of things that arrive over time, read one at a time with a time limit; a read
/// that times out takes nothing, so "nothing came within 300 ms" can be followed by
/// reading what comes later.
final class Inbox<Element: Sendable>: Sendable {
    /// What a read found.
    enum Outcome: Sendable {
        case element(Element)
        case finished
        case timedOut
    }

    private struct State {
        var queue: [Element] = []
        var isFinished = false
        var waiter: (id: Int, continuation: CheckedContinuation<Outcome, Never>)?
        var nextWaiterID = 0
    }

    private let state = Locked(State())

    func yield(_ element: Element) {
        let waiter = state.withLock { state -> CheckedContinuation<Outcome, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter.continuation
            }
            state.queue.append(element)
            return nil
        }
        waiter?.resume(returning: .element(element))
    }

    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<Outcome, Never>? in
            state.isFinished = true
            defer { state.waiter = nil }
            return state.waiter?.continuation
        }
        waiter?.resume(returning: .finished)
    }

    func next(within limit: Duration) async -> Outcome {
        await withCheckedContinuation { continuation in
            let id = state.withLock { state -> Int? in
                if !state.queue.isEmpty {
                    continuation.resume(returning: .element(state.queue.removeFirst()))
                    return nil
                }
                if state.isFinished {
                    continuation.resume(returning: .finished)
                    return nil
                }
                state.nextWaiterID += 1
                state.waiter = (state.nextWaiterID, continuation)
                return state.nextWaiterID
            }
            guard let id else { return }
            Task {
                try? await Task.sleep(for: limit)
                let expired = state.withLock { state -> CheckedContinuation<Outcome, Never>? in
                    guard let waiter = state.waiter, waiter.id == id else { return nil }
                    state.waiter = nil
                    return waiter.continuation
                }
                expired?.resume(returning: .timedOut)
            }
        }
    }
}

/// A raw Engine.IO + Socket.IO client over one WebSocket: it sends the protocol's text as
/// the official test suite writes it (`40`, `42["message",1]`) and reads frames in order.
///
/// Pings (`2`) are answered with a pong and not shown, unless ``answersPings`` is off.
/// The WebSocket lives on its loop, behind a handler that puts every frame in an
/// ``Inbox``; the test reaches it only through `loop.execute`.
final class RawClient: Sendable {
    /// The client's side of the WebSocket, on its loop.
    private final class Receiver: WebSocketHandler {
        let inbox: Inbox<WebSocketMessage>
        let answersPings: Bool

        init(inbox: Inbox<WebSocketMessage>, answersPings: Bool) {
            self.inbox = inbox
            self.answersPings = answersPings
        }

        func webSocket(_ webSocket: WebSocket, didReceive message: WebSocketMessage) {
            if answersPings, message == .text("2") { return webSocket.send(text: "3") }
            inbox.yield(message)
        }

        func webSocketDidClose(_ webSocket: WebSocket, code: WebSocketCloseCode, reason: String) {
            inbox.finish()
        }
    }

    let loop: EventLoop
    /// The open packet's handshake.
    let handshake: JSONValue
    private let webSocket: LoopBound<WebSocket>
    private let inbox: Inbox<WebSocketMessage>

    /// The Engine.IO session id.
    var sid: String { handshake["sid"]?.stringValue ?? "" }

    private init(
        loop: EventLoop,
        webSocket: LoopBound<WebSocket>,
        inbox: Inbox<WebSocketMessage>,
        handshake: JSONValue
    ) {
        self.loop = loop
        self.webSocket = webSocket
        self.inbox = inbox
        self.handshake = handshake
    }

    /// Opens a WebSocket session to `port` and reads its open packet; a WebSocket that
    /// upgrades a polling session (`sid` in `query`) gets none.
    static func connect(
        port: UInt16,
        on loop: EventLoop,
        path: String = "/socket.io/",
        query: String = "EIO=4&transport=websocket",
        answersPings: Bool = true
    ) async throws -> RawClient {
        let inbox = Inbox<WebSocketMessage>()
        let webSocket = try await WebSocket.connect(
            to: "ws://127.0.0.1:\(port)\(path)?\(query)",
            on: loop
        ) {
            $0.handler = Receiver(inbox: inbox, answersPings: answersPings)
        }
        if query.contains("sid=") {
            return RawClient(loop: loop, webSocket: webSocket, inbox: inbox, handshake: [:])
        }
        guard case .element(.text(let open)) = await inbox.next(within: .seconds(5)),
            open.hasPrefix("0")
        else {
            throw TestFailure("no open packet")
        }
        let handshake = try JSONValue(parsing: String(open.dropFirst()))
        return RawClient(loop: loop, webSocket: webSocket, inbox: inbox, handshake: handshake)
    }

    /// Sends one text frame (in order with the others: the loop runs them in turn).
    func send(_ text: String) async throws {
        let webSocket = self.webSocket
        loop.execute { webSocket.value.send(text: text) }
    }

    /// Sends one binary frame.
    func send(binary: [UInt8]) async throws {
        let webSocket = self.webSocket
        loop.execute { webSocket.value.send(binary: binary) }
    }

    /// The next frame, or a failure if none comes within `limit` or the socket closes.
    func next(within limit: Duration = .seconds(5)) async throws -> WebSocketMessage {
        switch await inbox.next(within: limit) {
        case .element(let message): return message
        case .finished: throw TestFailure("the WebSocket closed")
        case .timedOut: throw TestFailure("no frame within \(limit)")
        }
    }

    /// The next frame, which must be text.
    func nextText(within limit: Duration = .seconds(5)) async throws -> String {
        let message = try await next(within: limit)
        guard case .text(let text) = message else {
            throw TestFailure("expected text, got \(message)")
        }
        return text
    }

    /// The next frame, which must be binary.
    func nextBinary(within limit: Duration = .seconds(5)) async throws -> [UInt8] {
        let message = try await next(within: limit)
        guard case .binary(let bytes) = message else {
            throw TestFailure("expected binary, got \(message)")
        }
        return bytes
    }

    /// Whether nothing arrives within `limit` (and the socket stays open).
    func staysQuiet(for limit: Duration) async -> Bool {
        switch await inbox.next(within: limit) {
        case .timedOut: true
        case .element, .finished: false
        }
    }

    /// Waits for the server to close the WebSocket, reading past whatever frames come.
    func waitForClose(within limit: Duration = .seconds(5)) async throws {
        let deadline = ContinuousClock.now + limit
        while true {
            switch await inbox.next(within: max(.zero, deadline - .now)) {
            case .finished: return
            case .timedOut:
                throw TestFailure("the server did not close the WebSocket within \(limit)")
            case .element: continue
            }
        }
    }

    /// Connects `namespace` (`40` or `40/custom,`) with `auth` JSON, and returns the
    /// socket id from the CONNECT reply.
    @discardableResult
    func connect(_ namespace: String = "/", auth: String = "") async throws -> String {
        let prefix = namespace == "/" ? "40" : "40\(namespace),"
        try await send(prefix + auth)
        let reply = try await nextText()
        guard reply.hasPrefix(prefix),
            let object = try? JSONValue(parsing: String(reply.dropFirst(prefix.count))),
            let id = object["sid"]?.stringValue
        else { throw TestFailure("not a CONNECT reply: \(reply)") }
        return id
    }

    /// Closes the WebSocket and waits (a little) until it has closed.
    func close() async {
        let webSocket = self.webSocket
        loop.execute { webSocket.value.close() }
        try? await waitForClose(within: .seconds(2))
    }
}

/// A Socket.IO server on 127.0.0.1:0 for one test, on two loops (so a namespace's sockets
/// live on both, and a broadcast must reach the other loop), with an HTTP client.
struct SocketIOHarness {
    let server: HTTPServer
    let io: SocketIOServer
    let group: EventLoopGroup
    let client: HTTPClient

    var port: UInt16 { server.localAddress.port }

    /// Pings 30 s apart (a test about something else never meets one), the contract's
    /// payload limit, and a connect timeout of 10 s.
    static var quietConfiguration: SocketIOServer.Configuration {
        var configuration = SocketIOServer.Configuration()
        configuration.engine.pingInterval = .seconds(30)
        configuration.engine.pingTimeout = .seconds(20)
        configuration.connectTimeout = .seconds(10)
        return configuration
    }

    /// Runs `body` against a fresh server set up by `setUp`, then shuts everything down.
    @discardableResult
    static func with<Result>(
        configuration: SocketIOServer.Configuration = quietConfiguration,
        setUp: (SocketIOServer) -> Void,
        _ body: (SocketIOHarness) async throws -> Result
    ) async throws -> Result {
        let group = try EventLoopGroup(loopCount: 2)
        let io = SocketIOServer(
            configuration: configuration,
            logger: Logger(label: "sio-test", level: .error)
        )
        setUp(io)
        var router = HTTPRouter()
        router.socketIO(io)
        var httpConfiguration = HTTPServer.Configuration()
        httpConfiguration.keepAliveTimeout = .seconds(60)
        httpConfiguration.limits.maximumBodySize = 4_000_000
        let server = try HTTPServer(
            address: SocketAddress(numericHost: "127.0.0.1", port: 0),
            group: group,
            configuration: httpConfiguration,
            logger: Logger(label: "sio-test", level: .error),
            handler: router
        )
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.requestTimeout = .seconds(10)
        let harness = SocketIOHarness(
            server: server,
            io: io,
            group: group,
            client: HTTPClient(group: group, configuration: clientConfiguration)
        )
        defer { try? group.shutdown() }
        do {
            let result = try await body(harness)
            await harness.stop()
            return result
        } catch {
            await harness.stop()
            throw error
        }
    }

    private func stop() async {
        await client.shutdown()
        io.close()
        await server.shutdown(gracePeriod: .milliseconds(200))
    }

    /// A raw WebSocket client, on the loop `index` (clients on both loops make the server
    /// accept on both).
    func connect(loop index: Int = 0, answersPings: Bool = true) async throws -> RawClient {
        try await RawClient.connect(
            port: port,
            on: group.loops[index % 2],
            answersPings: answersPings
        )
    }

    /// A raw client, connected to `namespace`; returns it with its socket id.
    func connectedClient(
        _ namespace: String = "/",
        auth: String = "",
        loop index: Int = 0
    ) async throws -> (RawClient, String) {
        let client = try await connect(loop: index)
        let id = try await client.connect(namespace, auth: auth)
        return (client, id)
    }

    /// `GET /socket.io/?QUERY`.
    func get(_ query: String) async throws -> HTTPClientResponse {
        try await client.get("http://127.0.0.1:\(port)/socket.io/?\(query)")
    }

    /// `POST /socket.io/?QUERY` with `body`.
    func post(_ query: String, _ body: String) async throws -> HTTPClientResponse {
        try await client.post(
            "http://127.0.0.1:\(port)/socket.io/?\(query)",
            body: Array(body.utf8),
            contentType: "text/plain;charset=UTF-8"
        )
    }

    /// Opens a polling session; returns its sid.
    func openPollingSession() async throws -> String {
        let response = try await get("EIO=4&transport=polling")
        let text = response.text
        guard text.hasPrefix("0"),
            let sid = try JSONValue(parsing: String(text.dropFirst()))["sid"]?.stringValue
        else { throw TestFailure("not an open packet: \(text)") }
        return sid
    }
}

/// Something the server side of a test saw, for the test to wait for.
final class Signals<Value: Sendable>: Sendable {
    private let inbox = Inbox<Value>()

    func send(_ value: Value) { inbox.yield(value) }

    /// The next value, failing after `limit`.
    func next(within limit: Duration = .seconds(5)) async throws -> Value {
        switch await inbox.next(within: limit) {
        case .element(let value): return value
        case .finished, .timedOut: throw TestFailure("nothing signalled within \(limit)")
        }
    }

    /// Whether nothing is signalled within `limit`.
    func staysQuiet(for limit: Duration) async -> Bool {
        if case .timedOut = await inbox.next(within: limit) { return true }
        return false
    }
}

/// Checks `condition` until it holds or `timeout` passes, suspending between checks: for
/// facts nothing announces, such as a session count.
func eventually(
    within timeout: Duration = .seconds(5),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: .milliseconds(20))
    }
}

/// A placeholder as the wire writes it.
func placeholder(_ number: Int) -> String { #"{"_placeholder":true,"num":\#(number)}"# }
