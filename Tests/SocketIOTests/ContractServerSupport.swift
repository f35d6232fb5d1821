import EventLoop
import HTTP
import JSON
import Sockets
import TestSupport
import Testing

/// The sio-contract demo, started for one test on 127.0.0.1 port 0 with two loops, and a
/// client side (one loop, an HTTP client) to talk to it.
struct ContractServer {
    let process: DemoProcess
    let port: UInt16
    let group: EventLoopGroup
    let client: HTTPClient

    /// Starts the demo with `arguments`, runs `body`, stops both sides.
    @discardableResult
    static func with<Result>(
        _ arguments: [String] = [],
        _ body: (ContractServer) async throws -> Result
    ) async throws -> Result {
        let process = try DemoProcess(
            "sio-contract",
            ["--loops", "2", "--host", "127.0.0.1", "--port", "0"] + arguments
        )
        let address = try process.listeningAddress()
        let group = try EventLoopGroup(loopCount: 1)
        var configuration = HTTPClient.Configuration()
        configuration.requestTimeout = .seconds(10)
        let server = ContractServer(
            process: process,
            port: address.port,
            group: group,
            client: HTTPClient(group: group, configuration: configuration)
        )
        defer {
            process.kill()
            try? group.shutdown()
        }
        do {
            let result = try await body(server)
            await server.client.shutdown()
            return result
        } catch {
            await server.client.shutdown()
            throw TestFailure("\(error)\nserver's stderr: \(process.standardError)")
        }
    }

    var base: String { "http://127.0.0.1:\(port)/socket.io/" }

    /// A raw WebSocket client.
    func connect(answersPings: Bool = true, query: String = "EIO=4&transport=websocket")
        async throws
        -> RawClient
    {
        try await RawClient.connect(
            port: port,
            on: group.loops[0],
            query: query,
            answersPings: answersPings
        )
    }

    /// The official suite's `initSocketIOConnection`: a WebSocket session connected to
    /// `/`, its CONNECT reply and `auth` event read.
    func connectedClient(answersPings: Bool = true) async throws -> RawClient {
        let client = try await connect(answersPings: answersPings)
        try await client.send("40")
        _ = try await client.nextText()  // Socket.IO handshake
        _ = try await client.nextText()  // "auth" packet
        return client
    }

    /// `GET /socket.io/?QUERY`.
    func get(_ query: String) async throws -> HTTPClientResponse {
        try await client.get(base + "?" + query)
    }

    /// `POST /socket.io/?QUERY` with `body`.
    func post(_ query: String, _ body: String) async throws -> HTTPClientResponse {
        try await client.post(
            base + "?" + query,
            body: Array(body.utf8),
            contentType: "text/plain;charset=UTF-8"
        )
    }

    /// Any method, no body.
    func request(_ method: HTTPMethod, _ query: String) async throws -> HTTPClientResponse {
        try await client.send(
            HTTPClientRequest(method: method, target: "/socket.io/?\(query)"),
            to: HTTPURL("http://127.0.0.1:\(port)")
        )
    }

    /// The official suite's `initLongPollingSession`: a polling handshake's sid.
    func openPollingSession() async throws -> String {
        let text = try await get("EIO=4&transport=polling").text
        guard text.hasPrefix("0"),
            let sid = try JSONValue(parsing: String(text.dropFirst()))["sid"]?.stringValue
        else { throw TestFailure("not an open packet: \(text)") }
        return sid
    }
}
