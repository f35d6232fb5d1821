import Dispatch
import EventLoop
import HTTP
import Sockets
import SystemCalls
import TestSupport
import Testing

@Suite(
    "HTTP server under load: many connections, slow clients",
    .serialized,
    .timeLimit(.minutes(2)),
    .ownThread
)
struct LoadTests {
    @Test("1,000 concurrent keep-alive connections are each served twice")
    func thousandConnections() async throws {
        let limit = try OpenFileLimit.raise(toAtLeast: 4096)
        try #require(limit >= 2200, "needs about 2,100 descriptors, the limit is \(limit)")
        try await TestServer.with(echoRequestLine) { server in
            let connections = try (0..<1000).map { _ in try server.rawConnection() }
            for round in 0..<2 {
                for (index, connection) in connections.enumerated() {
                    try await connection.send("GET /\(index)/\(round) HTTP/1.1\r\nHost: a\r\n\r\n")
                }
                var served = 0
                for (index, connection) in connections.enumerated()
                where await connection.readResponse()?.body == "GET /\(index)/\(round)" {
                    served += 1
                }
                #expect(served == 1000)
            }
            #expect(server.server.connectionCount == 1000)
        }
    }

    @Test("200 slow clients mid-headers do not stop a normal client from being served promptly")
    func slowClients() async throws {
        _ = try OpenFileLimit.raise(toAtLeast: 4096)
        var configuration = TestServer.testConfiguration
        configuration.headerTimeout = .seconds(30)  // the slow clients are not timed out here
        try await TestServer.with(configuration: configuration, echoRequestLine) { server in
            let slow = try (0..<200).map { _ in
                try Connection.connect(to: server.address, timeout: .seconds(5))
            }
            let head = Array("GET /slow HTTP/1.1\r\nHost: a\r\nX-Padding: 0123456789\r\n".utf8)
            let half = head.count / 2
            // Every slow client is mid-headers before the normal client starts: each has
            // sent the first half of its head, a byte at a time, interleaved.
            for byte in head[..<half] {
                for connection in slow { try connection.writeAll([byte]) }
            }
            // The rest drips on another thread while the normal client is served; none
            // ever sends the final empty line.
            let dripping = DispatchGroup()
            DispatchQueue.global().async(group: dripping) {
                for byte in head[half...] {
                    for connection in slow { try? connection.writeAll([byte]) }
                }
            }
            // Meanwhile a normal client is served, several times, promptly.
            let client = HTTPClient(group: server.group)
            for index in 0..<20 {
                let started = ContinuousClock.now
                let response = try await client.get(server.url + "/normal/\(index)")
                #expect(response.text == "GET /normal/\(index)")
                // Promptly: far inside the 30 s the slow clients are allowed.
                #expect(ContinuousClock.now - started < .seconds(2))
            }
            dripping.wait()
            // Every slow client is still connected, still mid-headers.
            #expect(server.server.connectionCount == 201)
            for connection in slow { connection.close() }
            await client.shutdown()
        }
    }
}
