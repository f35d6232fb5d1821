import EventLoop
import HTTP
import SystemCalls
import TestSupport
import Testing

@Suite("HTTP client: keep-alive, timeouts, against our server", .timeLimit(.minutes(1)), .ownThread)
struct HTTPClientTests {
    @Test("GET and POST work, and the second request reuses the first connection")
    func reuse() async throws {
        let peers = Locked<Set<String>>([])
        try await TestServer.with(
            handler: HTTPHandlerFunction { request, response in
                peers.withLock { _ = $0.insert(request.remoteAddress?.description ?? "?") }
                request.body.collect(upTo: 1000) { body in
                    response.respond(
                        .text(
                            "\(request.method) \(String(decoding: (try? body.get()) ?? [], as: UTF8.self))"
                        )
                    )
                }
            }
        ) { server in
            let client = HTTPClient(group: server.group)
            let first = try await client.get(server.url + "/a")
            let second = try await client.post(server.url + "/b", body: Array("data".utf8))
            let third = try await client.get(server.url + "/c")
            #expect(first.text == "GET ")
            #expect(second.text == "POST data")
            #expect(third.status == .ok)
            #expect(peers.withLock { $0.count } == 1)  // one client port: one connection
            await client.shutdown()
        }
    }

    @Test("a server that never answers makes the request time out, within its bound")
    func timeout() async throws {
        let silent = HTTPHandlerFunction { _, _ in }  // never answers
        try await TestServer.with(handler: silent) { server in
            var configuration = HTTPClient.Configuration()
            configuration.requestTimeout = .milliseconds(300)
            let client = HTTPClient(group: server.group, configuration: configuration)
            let started = ContinuousClock.now
            await #expect(throws: HTTPClientError.timedOut) {
                try await client.get(server.url + "/")
            }
            // Far below the 30 s default: it was our 300 ms that ended the wait. (The
            // margin is for a loaded 2-core machine running other suites in parallel.)
            #expect(ContinuousClock.now - started < .seconds(20))
            await client.shutdown()
        }
    }

    @Test("pipelined requests on one connection get their own responses, in order")
    func pipelining() async throws {
        try await TestServer.with(echoRequestLine) { server in
            let connection = try await HTTPClientConnection.connect(
                to: server.address,
                on: server.group.next()
            )
            async let first = connection.send(HTTPClientRequest(target: "/1"))
            async let second = connection.send(HTTPClientRequest(method: .head, target: "/2"))
            async let third = connection.send(HTTPClientRequest(target: "/3"))
            let results = try await [first, second, third]
            #expect(results.map(\.text) == ["GET /1", "", "GET /3"])
            #expect(connection.isReusable)
            await connection.close()
        }
    }

    @Test("URLs are parsed into host, port and target")
    func urls() throws {
        let url = try HTTPURL("http://[::1]:8080/a?b=c")
        #expect(url.host == "::1")
        #expect(url.port == 8080)
        #expect(url.target == "/a?b=c")
        #expect(try HTTPURL("http://example.com").target == "/")
        #expect(throws: HTTPClientError.self) { try HTTPURL("ftp://example.com/") }
    }

    @Test("a request with CR LF in a field is refused before anything is sent")
    func invalidRequest() async throws {
        try await TestServer.with(echoRequestLine) { server in
            let client = HTTPClient(group: server.group)
            await #expect(throws: HTTPClientError.invalidRequest) {
                try await client.get(server.url + "/", headers: ["X": "a\r\nInjected: 1"])
            }
            await client.shutdown()
        }
    }
}
