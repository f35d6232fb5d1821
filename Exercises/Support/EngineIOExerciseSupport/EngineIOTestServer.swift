import EngineIO
import EventLoop
import ExerciseSupport
import HTTP
import Sockets
import WebSockets

/// The library's Engine.IO echo server on 127.0.0.1:0, for one test, running whatever parts
/// the test gives it, with an HTTP client for raw requests.
///
/// Two event loops, as in the library's own tests: a session's requests can arrive on
/// either, and its WebSocket is moved to the loop it lives on, so a learner's piece runs
/// exactly as it would in production.
public struct EngineIOTestServer: Sendable {
    /// The HTTP server the Engine.IO server is mounted on, at `/engine.io/`.
    public let http: HTTPServer
    /// The Engine.IO server.
    public let engine: EngineIOServer
    /// The loops everything runs on.
    public let group: EventLoopGroup
    /// An HTTP client for raw requests.
    public let client: HTTPClient

    /// `http://127.0.0.1:PORT`.
    public var base: String { "http://127.0.0.1:\(http.localAddress.port)" }

    /// Runs `body` against a fresh server, then shuts everything down.
    ///
    /// - Parameters:
    ///   - configuration: Timers, limits and parts.
    ///   - onConnection: Called for each new session; by default it echoes.
    ///   - body: The test.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or why the server could not start.
    public static func with<Result>(
        _ configuration: EngineIOServer.Configuration,
        onConnection: @escaping @Sendable (EngineIOSocket) -> Void = { $0.handler = Echo() },
        _ body: (EngineIOTestServer) async throws -> Result
    ) async throws -> Result {
        let group = try EventLoopGroup(loopCount: 2)
        let engine = EngineIOServer(
            configuration: configuration,
            logger: Logger(label: "eio-exercise", level: .error),
            onConnection: onConnection
        )
        var router = HTTPRouter()
        router.engineIO("/engine.io/", engine)
        var httpConfiguration = HTTPServer.Configuration()
        httpConfiguration.limits.maximumBodySize = 4_000_000
        let http = try HTTPServer(
            address: SocketAddress(numericHost: "127.0.0.1", port: 0),
            group: group,
            configuration: httpConfiguration,
            logger: Logger(label: "eio-exercise", level: .error),
            handler: router
        )
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.requestTimeout = .seconds(10)
        let server = EngineIOTestServer(
            http: http,
            engine: engine,
            group: group,
            client: HTTPClient(group: group, configuration: clientConfiguration)
        )
        defer { try? group.shutdown() }
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    private func stop() async {
        await client.shutdown()
        engine.closeAllSessions()
        await http.shutdown(gracePeriod: .milliseconds(200))
    }

    // MARK: Raw requests

    /// `GET /engine.io/?QUERY`.
    ///
    /// - Parameter query: The query, such as `EIO=4&transport=polling`.
    /// - Returns: The response.
    /// - Throws: `HTTPClientError` if no response came.
    public func get(_ query: String) async throws -> HTTPClientResponse {
        try await client.get("\(base)/engine.io/?\(query)")
    }

    /// `POST /engine.io/?QUERY` with a text body.
    ///
    /// - Parameters:
    ///   - query: The query, with the session's `sid`.
    ///   - body: The payload, as text.
    /// - Returns: The response.
    /// - Throws: `HTTPClientError` if no response came.
    public func post(_ query: String, _ body: String) async throws -> HTTPClientResponse {
        try await client.post(
            "\(base)/engine.io/?\(query)",
            body: Array(body.utf8),
            contentType: "text/plain;charset=UTF-8"
        )
    }

    /// Opens a polling session by hand and returns its id, read from the open packet
    /// (the response's first packet, up to the first separator).
    ///
    /// - Returns: The session id.
    /// - Throws: ``WireMismatch`` if the response is not `200` with an open packet first.
    public func openPollingSession() async throws -> String {
        let response = try await get("EIO=4&transport=polling")
        let first = response.body.prefix { $0 != 0x1E }
        guard response.status == .ok, first.first == UInt8(ascii: "0"),
            let handshake = try? EngineIOHandshake(json: first.dropFirst())
        else {
            throw WireMismatch(
                "the handshake answered \(response.status) \(response.text.debugDescription)"
            )
        }
        return handshake.sid
    }

    /// Opens a WebSocket to `/engine.io/?QUERY`.
    ///
    /// - Parameter query: The query.
    /// - Returns: The socket.
    /// - Throws: Why the WebSocket did not open.
    public func webSocket(_ query: String) async throws -> AsyncWebSocket {
        try await AsyncWebSocket.connect(
            to: "ws://127.0.0.1:\(http.localAddress.port)/engine.io/?\(query)",
            on: group.loops[0]
        )
    }

    /// Opens an Engine.IO client with `options`, recording what it hears.
    ///
    /// - Parameters:
    ///   - options: Transports and parts.
    ///   - recorder: Hears what the client hears.
    /// - Returns: The open client.
    /// - Throws: `EngineIOCloseReason` if the session did not open.
    public func connectClient(
        _ options: EngineIOClient.Options = EngineIOClient.Options(),
        recorder: ClientRecorder
    ) async throws -> LoopBound<EngineIOClient> {
        try await EngineIOClient.connect(to: base, on: group.loops[1], options: options) {
            $0.handler = recorder
        }
    }
}

/// The echo application of the contract: every message goes back to its session.
public final class Echo: EngineIOSocketHandler {
    /// An echo.
    public init() {}

    /// Sends `message` back.
    public func socket(_ socket: EngineIOSocket, didReceive message: EngineIOMessage) {
        socket.send(message)
    }
}

/// What came over the wire was not what the test expected; the message says what came.
public struct WireMismatch: Error, CustomStringConvertible {
    /// What was expected, and what came.
    public let description: String

    /// A mismatch.
    ///
    /// - Parameter description: What was expected, and what came.
    public init(_ description: String) { self.description = description }
}

extension EngineIOServer.Configuration {
    /// The contract's timers (pings every 300 ms, 200 ms to answer, 1,000,000-byte
    /// payloads), running `parts`.
    ///
    /// - Parameter parts: The pieces to run; the library's own for those not given.
    /// - Returns: The configuration.
    public static func contract(_ parts: EngineIOParts) -> EngineIOServer.Configuration {
        var configuration = Self()
        configuration.pingInterval = .milliseconds(300)
        configuration.pingTimeout = .milliseconds(200)
        configuration.maximumPayload = 1_000_000
        configuration.parts = parts
        return configuration
    }

    /// The contract's limits with pings 30 s apart, for tests where a ping must not come
    /// between the packets they look at.
    ///
    /// - Parameter parts: The pieces to run.
    /// - Returns: The configuration.
    public static func quiet(_ parts: EngineIOParts) -> EngineIOServer.Configuration {
        var configuration = contract(parts)
        configuration.pingInterval = .seconds(30)
        return configuration
    }
}
