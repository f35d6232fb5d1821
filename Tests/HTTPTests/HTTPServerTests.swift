import Dispatch
import EventLoop
import HTTP
import TestSupport
import Testing

@Suite("HTTP server: requests and responses over real sockets", .timeLimit(.minutes(1)), .ownThread)
struct HTTPServerTests {
    @Test("a GET is answered with status, Date, Content-Length and body")
    func get() async throws {
        try await TestServer.with(echoRequestLine) { server in
            let raw = try server.rawConnection()
            try await raw.send("GET /hello?x=1 HTTP/1.1\r\nHost: test\r\n\r\n")
            let response = try #require(await raw.readResponse())
            #expect(response.status == 200)
            #expect(response.body == "GET /hello")
            #expect(response.header("Content-Length") == "10")
            #expect(response.header("Date")?.hasSuffix(" GMT") == true)
        }
    }

    @Test("HEAD gets the GET's fields but no body (RFC 9110 §9.3.2)")
    func head() async throws {
        try await TestServer.with(echoRequestLine) { server in
            let raw = try server.rawConnection()
            try await raw.send(
                "HEAD /x HTTP/1.1\r\nHost: t\r\n\r\nGET /after HTTP/1.1\r\nHost: t\r\n\r\n"
            )
            let head = try #require(await raw.readResponse(toHead: true))
            #expect(head.header("Content-Length") == "7")
            #expect(head.body == "")
            // The next response starts right after the head: no stray body bytes between.
            let next = try #require(await raw.readResponse())
            #expect(next.body == "GET /after")
        }
    }

    @Test("a POST body, fixed or chunked, reaches the handler whole")
    func postBodies() async throws {
        try await TestServer.with(
            handler: HTTPHandlerFunction { request, response in
                request.body.collect(upTo: 1 << 20) { result in
                    response.respond(HTTPResponse(body: (try? result.get()) ?? []))
                }
            }
        ) { server in
            let raw = try server.rawConnection()
            try await raw.send("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello")
            #expect(await raw.readResponse()?.body == "hello")
            try await raw.send(
                "POST /b HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n"
            )
            #expect(await raw.readResponse()?.body == "abcde")
        }
    }

    @Test("keep-alive: one connection carries several requests; HTTP/1.0 closes by default")
    func keepAlive() async throws {
        try await TestServer.with(echoRequestLine) { server in
            let raw = try server.rawConnection()
            for index in 0..<3 {
                try await raw.send("GET /\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(await raw.readResponse()?.body == "GET /\(index)")
            }
            let old = try server.rawConnection()
            try await old.send("GET /old HTTP/1.0\r\n\r\n")
            let text = await old.readUntilClosed()
            #expect(text.contains("Connection: close"))
            #expect(text.hasSuffix("GET /old"))
            let polite = try server.rawConnection()
            try await polite.send("GET /ka HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(await polite.readResponse()?.header("Connection") == "keep-alive")
            try await polite.send("GET /bye HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(await polite.readUntilClosed().hasSuffix("GET /bye"))
        }
    }

    @Test("pipelined requests are answered in order even when handlers finish out of order")
    func pipelinedInOrder() async throws {
        try await TestServer.with(
            handler: HTTPHandlerFunction { request, response in
                // The first request answers last, from another thread.
                let delay = request.path == "/1" ? 150 : 0
                DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(delay)) {
                    response.respond(.text(request.path))
                }
            }
        ) { server in
            let raw = try server.rawConnection()
            try await raw.send((1...5).map { "GET /\($0) HTTP/1.1\r\nHost: t\r\n\r\n" }.joined())
            var bodies: [String] = []
            for _ in 1...5 { bodies.append(await raw.readResponse()?.body ?? "") }
            #expect(bodies == ["/1", "/2", "/3", "/4", "/5"])
        }
    }

    @Test("Expect: 100-continue gets 100 Continue once the handler reads the body")
    func expectContinue() async throws {
        try await TestServer.with(
            handler: HTTPHandlerFunction { request, response in
                request.body.collect(upTo: 100) { result in
                    response.respond(HTTPResponse(body: (try? result.get()) ?? []))
                }
            }
        ) { server in
            let raw = try server.rawConnection()
            try await raw.send(
                "PUT /f HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"
            )
            let interim = try #require(await raw.readResponse())
            #expect(interim.status == 100)
            try await raw.send("data")
            #expect(await raw.readResponse()?.body == "data")
        }
    }

    @Test("a handler may refuse a body early: 413 at once, without reading it, then close")
    func earlyRefusal() async throws {
        try await TestServer.with(
            handler: HTTPHandlerFunction { request, response in
                request.body.collect(upTo: 1000) { result in
                    if case .failure(.tooLarge) = result {
                        response.respond(.error(.contentTooLarge))
                    }
                }
            }
        ) { server in
            let raw = try server.rawConnection()
            try await raw.send("POST /u HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\n")
            // Fewer bytes than the limit, but the announced million is refused at once.
            try await raw.send(String(repeating: "x", count: 100))
            let response = try #require(await raw.readResponse())
            #expect(response.status == 413)
            #expect(response.header("Connection") == "close")
        }
    }

    @Test("a streamed response is chunked, and may be written later from another thread")
    func streamedFromAnotherThread() async throws {
        try await TestServer.with(
            handler: HTTPHandlerFunction { _, response in
                DispatchQueue.global().async {
                    response.writeHead(HTTPResponseHead(status: .ok))
                    for word in ["long", "-", "poll"] { response.writeBody(Array(word.utf8)) }
                    response.end(trailers: ["X-Done": "yes"])
                }
            }
        ) { server in
            let client = HTTPClient(group: server.group)
            let response = try await client.get(server.url + "/poll")
            #expect(response.text == "long-poll")
            #expect(response.headers["Transfer-Encoding"] == "chunked")
            #expect(response.trailers["x-done"] == "yes")
            await client.shutdown()
        }
    }

    @Test("a header value with CR LF is never sent: the client gets 500 instead")
    func responseSplitting() async throws {
        try await TestServer.with(
            handler: HTTPHandlerFunction { request, response in
                let injected = "a\r\nSet-Cookie: stolen=1"
                response.respond(status: .ok, headers: ["X-Name": injected], body: Array("hi".utf8))
            }
        ) { server in
            let raw = try server.rawConnection()
            try await raw.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try #require(await raw.readResponse())
            #expect(response.status == 500)
            #expect(!response.head.contains("stolen"))
        }
    }

    @Test(
        "a handler's Content-Length that is not plain digits is never sent: 500 instead",
        arguments: ["+5", "5, 5", " 5", "-1", "0x5"]
    )
    func malformedContentLength(value: String) async throws {
        try await TestServer.with(
            handler: HTTPHandlerFunction { _, response in
                response.writeHead(
                    HTTPResponseHead(status: .ok, headers: ["Content-Length": value])
                )
                response.writeBody(Array("hello".utf8))
                response.end()
            }
        ) { server in
            let raw = try server.rawConnection()
            try await raw.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try #require(await raw.readResponse())
            #expect(response.status == 500, "Content-Length \(value.debugDescription) was sent")
        }
    }

    @Test("Connection is read as a list: `Keep-Alive, Close` closes, `closer` does not")
    func connectionList() {
        let closing = HTTPRequestHead(
            method: .get,
            target: "/",
            headers: ["Connection": "Keep-Alive, Close"]
        )
        let staying = HTTPRequestHead(method: .get, target: "/", headers: ["Connection": "closer"])
        #expect(!closing.keepAlive)
        #expect(staying.keepAlive)
    }
}
