import EventLoop
import HTTP
import TestSupport
import Testing

@Suite("HTTP server: malformed and oversized requests", .timeLimit(.minutes(1)), .ownThread)
struct ServerErrorTests {
    static var limits: HTTPServer.Configuration {
        var configuration = TestServer.testConfiguration
        configuration.limits.maximumTargetLength = 256
        configuration.limits.maximumHeaderBytes = 1024
        configuration.limits.maximumHeaderCount = 20
        configuration.limits.maximumBodySize = 1000
        return configuration
    }

    /// A bad request and the status it must get.
    static let badRequests: [(String, Int)] = [
        ("GET / HTTP/1.1\r\n\r\n", 400),  // no Host
        ("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400),
        (
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
            400
        ),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400),
        (
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff1\r\n",
            400
        ),
        ("GET /\(String(repeating: "a", count: 300)) HTTP/1.1\r\nHost: a\r\n\r\n", 414),
        ("GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "b", count: 2000))\r\n\r\n", 431),
        ("GET / HTTP/1.1\r\nHost: a\r\n" + String(repeating: "X: 1\r\n", count: 30) + "\r\n", 431),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n", 413),
        ("GET / HTTP/3.0\r\nHost: a\r\n\r\n", 505),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        ("GET / HTTP/1.1\r\nHost: a\r\nExpect: tea\r\n\r\n", 417),
        ("\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\u{fc}\u{03}\u{03}\r\n\r\n", 400),  // TLS
    ]

    /// Reads the whole body before answering, as a real upload handler does.
    static let readBodyThenEcho: @Sendable (HTTPRequest, HTTPResponseWriter) -> Void = {
        request,
        response in
        request.body.collect(upTo: 1 << 20) { _ in
            response.respond(.text("\(request.method) \(request.path)"))
        }
    }

    @Test(
        "each bad request gets its status and a closed connection; others carry on",
        arguments: badRequests
    )
    func refused(request: String, status: Int) async throws {
        try await TestServer.with(configuration: Self.limits, Self.readBodyThenEcho) { server in
            let bystander = try server.rawConnection()
            try await bystander.send("GET /before HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await bystander.readResponse()?.body == "GET /before")

            let raw = try server.rawConnection()
            try await raw.send(request)
            let response = try #require(await raw.readResponse())
            #expect(response.status == status)
            #expect(response.header("Connection") == "close")
            #expect(await raw.isClosedByPeer())

            try await bystander.send("GET /after HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await bystander.readResponse()?.body == "GET /after")
        }
    }

    @Test("requests pipelined before a bad one are still answered, in order, before the error")
    func goodThenBad() async throws {
        try await TestServer.with(echoRequestLine) { server in
            let raw = try server.rawConnection()
            try await raw.send(
                "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nBROKEN\r\n\r\n"
            )
            #expect(await raw.readResponse()?.body == "GET /1")
            #expect(await raw.readResponse()?.body == "GET /2")
            #expect(await raw.readResponse()?.status == 400)
            #expect(await raw.isClosedByPeer())
        }
    }

    @Test("a head that takes longer than the header timeout gets 408, then the connection closes")
    func headerTimeout() async throws {
        var configuration = TestServer.testConfiguration
        configuration.headerTimeout = .milliseconds(300)  // the default is 10 s
        try await TestServer.with(configuration: configuration, echoRequestLine) { server in
            let raw = try server.rawConnection()
            let started = ContinuousClock.now
            try await raw.send("GET / HTTP/1.1\r\nHost: a\r\n")  // and never the empty line
            let response = try #require(await raw.readResponse())
            #expect(response.status == 408)
            #expect(await raw.isClosedByPeer())
            // Bounded, with room for a machine loaded by the suites running beside this one.
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    @Test("an idle keep-alive connection is closed after the keep-alive timeout")
    func idleTimeout() async throws {
        var configuration = TestServer.testConfiguration
        configuration.keepAliveTimeout = .milliseconds(300)
        try await TestServer.with(configuration: configuration, echoRequestLine) { server in
            let raw = try server.rawConnection()
            // The idle time starts after the response, so after this instant.
            let started = ContinuousClock.now
            try await raw.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await raw.readResponse()?.status == 200)
            #expect(await raw.isClosedByPeer())
            let waited = ContinuousClock.now - started
            #expect(waited >= .milliseconds(300) && waited < .seconds(30))
        }
    }

    @Test("connections beyond the maximum are closed at once; the others are served")
    func maximumConnections() async throws {
        var configuration = TestServer.testConfiguration
        configuration.maximumConnections = 2
        try await TestServer.with(configuration: configuration, echoRequestLine) { server in
            let first = try server.rawConnection()
            let second = try server.rawConnection()
            try await first.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n")
            try await second.send("GET /2 HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await first.readResponse()?.status == 200)
            #expect(await second.readResponse()?.status == 200)
            let third = try server.rawConnection()
            #expect(await third.isClosedByPeer())
        }
    }

    @Test("a chunked body over the body limit gets 413 mid-way, before the rest is sent")
    func chunkedTooLarge() async throws {
        try await TestServer.with(
            configuration: Self.limits,
            handler: HTTPHandlerFunction { request, response in
                request.body.collect(upTo: 1 << 20) { _ in response.respond(.text("never")) }
            }
        ) { server in
            let raw = try server.rawConnection()
            try await raw.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
            try await raw.send("400\r\n" + String(repeating: "x", count: 1024) + "\r\n")
            let response = try #require(await raw.readResponse())
            #expect(response.status == 413)
            #expect(await raw.isClosedByPeer())
        }
    }
}
