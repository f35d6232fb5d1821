import EngineIO
import EventLoop
import HTTP
import Libc
import Sockets
import SystemCalls
import TestSupport
import Testing
import WebSockets

/// An Engine.IO echo server on 127.0.0.1:0 for one test, on two loops (so a session's
/// requests really do arrive on other loops than its home), with an HTTP client.
struct EngineIOHarness {
    let server: HTTPServer
    let engine: EngineIOServer
    let group: EventLoopGroup
    let client: HTTPClient

    /// `http://127.0.0.1:PORT`.
    var base: String { "http://127.0.0.1:\(server.localAddress.port)" }

    /// The contract's timers: pings every 300 ms, 200 ms to answer, 1,000,000 bytes.
    static var contractConfiguration: EngineIOServer.Configuration {
        var configuration = EngineIOServer.Configuration()
        configuration.pingInterval = .milliseconds(300)
        configuration.pingTimeout = .milliseconds(200)
        configuration.maximumPayload = 1_000_000
        return configuration
    }

    /// The contract's ping interval with a pong timeout a loaded machine meets: for tests
    /// of the ping/pong exchange itself, whose answers take a few hundred milliseconds
    /// when the whole test run shares two cores. (The timeout's own tests keep 200 ms:
    /// they only wait longer.)
    static var heartbeatConfiguration: EngineIOServer.Configuration {
        var configuration = contractConfiguration
        configuration.pingTimeout = .seconds(10)
        return configuration
    }

    /// The contract's limits with pings 30 s apart: for tests of a close that a ping
    /// timeout must not be able to fake.
    static var quietConfiguration: EngineIOServer.Configuration {
        var configuration = contractConfiguration
        configuration.pingInterval = .seconds(30)
        return configuration
    }

    /// Runs `body` against a fresh echo server, then shuts everything down.
    ///
    /// The default configuration is ``quietConfiguration``: the contract's limits, with
    /// pings far apart, so a ping queued on a busy machine never lands in a response a test
    /// compares byte for byte. The tests of the heartbeat and of the handshake's values
    /// ask for ``contractConfiguration``.
    static func with<Result>(
        configuration: EngineIOServer.Configuration = quietConfiguration,
        onConnection: @escaping @Sendable (EngineIOSocket) -> Void = { $0.handler = Echo() },
        _ body: (EngineIOHarness) async throws -> Result
    ) async throws -> Result {
        let group = try EventLoopGroup(loopCount: 2)
        let engine = EngineIOServer(
            configuration: configuration,
            logger: Logger(label: "eio-test", level: .error),
            onConnection: onConnection
        )
        var router = HTTPRouter()
        router.engineIO("/engine.io/", engine)
        var httpConfiguration = HTTPServer.Configuration()
        httpConfiguration.keepAliveTimeout = .seconds(60)
        httpConfiguration.limits.maximumBodySize = 4_000_000
        let server = try HTTPServer(
            address: SocketAddress(numericHost: "127.0.0.1", port: 0),
            group: group,
            configuration: httpConfiguration,
            logger: Logger(label: "eio-test", level: .error),
            handler: router
        )
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.requestTimeout = .seconds(10)
        let harness = EngineIOHarness(
            server: server,
            engine: engine,
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
        engine.closeAllSessions()
        await server.shutdown(gracePeriod: .milliseconds(200))
    }

    /// `GET /engine.io/?QUERY`.
    func get(_ query: String, headers: HTTPHeaders = HTTPHeaders()) async throws
        -> HTTPClientResponse
    {
        try await client.get("\(base)/engine.io/?\(query)", headers: headers)
    }

    /// `POST /engine.io/?QUERY` with `body`.
    func post(_ query: String, _ body: String) async throws -> HTTPClientResponse {
        try await post(query, Array(body.utf8))
    }

    /// `POST /engine.io/?QUERY` with `body`.
    func post(_ query: String, _ body: [UInt8]) async throws -> HTTPClientResponse {
        try await client.post(
            "\(base)/engine.io/?\(query)",
            body: body,
            contentType: "text/plain;charset=UTF-8"
        )
    }

    /// Any method, no body.
    func request(_ method: HTTPMethod, _ query: String) async throws -> HTTPClientResponse {
        try await client.send(
            HTTPClientRequest(method: method, target: "/engine.io/?\(query)"),
            to: HTTPURL(base)
        )
    }

    /// Opens a polling session and returns its handshake.
    func openPollingSession() async throws -> EngineIOHandshake {
        let response = try await get("EIO=4&transport=polling")
        try #require(response.status == .ok)
        let packets = try EngineIOParts().decodePayload(response.body)
        guard case .open(let handshake) = packets.first else {
            throw TestFailure("the handshake did not start with an open packet: \(response.text)")
        }
        return handshake
    }

    /// Opens a WebSocket to `/engine.io/?QUERY`.
    func webSocket(_ query: String, headers: HTTPHeaders = HTTPHeaders()) async throws
        -> AsyncWebSocket
    {
        var options = WebSocketClientOptions()
        options.headers = headers
        return try await AsyncWebSocket.connect(
            to: "ws://127.0.0.1:\(server.localAddress.port)/engine.io/?\(query)",
            on: group.loops[0],
            options: options
        )
    }
}

/// The echo application of CONTRACT C.
final class Echo: EngineIOSocketHandler {
    func socket(_ socket: EngineIOSocket, didReceive message: EngineIOMessage) {
        socket.send(message)
    }
}

/// A test's own failure, with a message.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body`, failing with a message if it takes longer than `limit`.
func within<Result: Sendable>(
    _ limit: Duration,
    _ what: String,
    _ body: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let result = first else {
            throw TestFailure("timed out after \(limit) waiting for \(what)")
        }
        return result
    }
}

extension AsyncWebSocket {
    /// The next text message, failing on binary, on close, or after `limit`.
    func nextText(within limit: Duration = .seconds(5)) async throws -> String {
        let message = try await within(limit, "a WebSocket message") { await self.receive() }
        guard case .text(let text) = message else {
            throw TestFailure("expected a text message, got \(String(describing: message))")
        }
        return text
    }

    /// Waits until the server closes the connection, failing after `limit`.
    func waitForClose(within limit: Duration = .seconds(5)) async throws
        -> (code: WebSocketCloseCode, reason: String)
    {
        try await within(limit, "the WebSocket to close") {
            while await self.receive() != nil {}
            return await self.closed()
        }
    }
}

/// Checks `condition` until it holds or `timeout` passes, suspending (not blocking)
/// between checks: for facts nothing announces, such as a session count.
///
/// - Returns: Whether `condition` held in time.
func eventually(
    within timeout: Duration = .seconds(5),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        if try await condition() { return true }
        if clock.now >= deadline { return false }
        try? await Task.sleep(for: .milliseconds(20))
    }
}

extension Connection {
    /// Reads what has arrived, waiting at most `limit` for the first byte.
    ///
    /// - Returns: The bytes; empty if the peer closed.
    /// - Throws: ``TestFailure`` if nothing arrived in time.
    func read(within limit: Duration) throws -> [UInt8] {
        let ready = try Poll.wait(
            for: socket.descriptor,
            events: CShort(POLLIN),
            timeoutMilliseconds: Duration.pollTimeout(limit)
        )
        guard ready > 0 else { throw TestFailure("nothing to read within \(limit)") }
        return try read(upTo: 65536)
    }
}
