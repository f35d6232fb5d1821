import HTTP
import TestSupport
import Testing

@Suite("Routing: patterns, 404, 405 with Allow, middleware", .timeLimit(.minutes(1)), .ownThread)
struct RouterTests {
    @Test(
        "patterns match paths and capture decoded parameters",
        arguments: [
            ("/", "/", [:]),
            ("/plaintext", "/plaintext", [:]),
            ("/users/:id", "/users/42", ["id": "42"]),
            ("/users/:id", "/users/J%C3%BCrgen", ["id": "Jürgen"]),
            ("/users/:id/posts/:post", "/users/7/posts/hello", ["id": "7", "post": "hello"]),
            ("/files/*/raw", "/files/abc/raw", [:]),
            ("/static/**", "/static/css/site.css", ["**": "css/site.css"]),
            ("/static/**", "/static", ["**": ""]),
            ("/a%2Fb/:x", "/a%2Fb/1", ["x": "1"]),
        ] as [(String, String, [String: String])]
    )
    func matches(pattern: String, path: String, parameters: [String: String]) {
        #expect(RoutePattern(pattern).match(path) == parameters)
    }

    @Test(
        "patterns reject paths that differ in any segment",
        arguments: [
            ("/users/:id", "/users"),
            ("/users/:id", "/users/"),
            ("/users/:id", "/users/1/extra"),
            ("/plaintext", "/plaintext/"),
            ("/files/*/raw", "/files//raw"),
            ("/a/b", "/a%2Fb"),  // an encoded slash is not a separator
            ("/", "/x"),
        ]
    )
    func rejects(pattern: String, path: String) {
        #expect(RoutePattern(pattern).match(path) == nil)
    }

    static var router: HTTPRouter {
        var router = HTTPRouter()
        router.get("/users/:id") { request, response in
            response.respond(.text("user \(request.parameters["id"] ?? "")"))
        }
        router.add(.delete, "/users/:id") { _, response in response.respond(status: .noContent) }
        router.post("/items") { _, response in response.respond(status: .created) }
        return router
    }

    @Test("routing over a server: match, 404, 405 with Allow, HEAD via GET, OPTIONS")
    func overTheWire() async throws {
        try await TestServer.with(handler: Self.router) { server in
            let raw = try server.rawConnection()
            try await raw.send("GET /users/9 HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await raw.readResponse()?.body == "user 9")
            try await raw.send("GET /nothing HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(await raw.readResponse()?.status == 404)
            try await raw.send("PUT /users/9 HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")
            let notAllowed = try #require(await raw.readResponse())
            #expect(notAllowed.status == 405)
            #expect(notAllowed.header("Allow") == "GET, DELETE, HEAD, OPTIONS")
            try await raw.send("HEAD /users/9 HTTP/1.1\r\nHost: a\r\n\r\n")
            let head = try #require(await raw.readResponse(toHead: true))
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "6")
            try await raw.send("OPTIONS /items HTTP/1.1\r\nHost: a\r\n\r\n")
            let options = try #require(await raw.readResponse())
            #expect(options.status == 204)
            #expect(options.header("Allow") == "POST, OPTIONS")
        }
    }

    /// Records the order middleware runs in, in a response header.
    struct Tagging: HTTPMiddleware {
        let tag: String
        func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter, next: HTTPNext) {
            var request = request
            request.head.headers.add(name: "X-Seen", value: tag)
            next(request, response.transformingHead { $0.headers.add(name: "X-Tag", value: tag) })
        }
    }

    @Test("middleware runs in order on the way in, and can edit the response head")
    func middlewareOrder() async throws {
        var router = HTTPRouter()
        router.use(Tagging(tag: "outer"))
        router.use(Tagging(tag: "inner"))
        router.get("/") { request, response in
            response.respond(.text(request.headers.values(for: "X-Seen").joined(separator: ",")))
        }
        try await TestServer.with(handler: router) { server in
            let raw = try server.rawConnection()
            try await raw.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
            let response = try #require(await raw.readResponse())
            #expect(response.body == "outer,inner")
            // The inner edit happens first, the outer last.
            #expect(response.head.contains("X-Tag: inner\r\nX-Tag: outer"))
        }
    }

    @Test("CORS: preflight from an allowed origin, refusal for others, fields on simple requests")
    func cors() async throws {
        var router = HTTPRouter()
        router.use(CORSMiddleware(allowedOrigins: ["https://app.example"]))
        router.post("/api") { _, response in response.respond(.json("{}")) }
        try await TestServer.with(handler: router) { server in
            let raw = try server.rawConnection()
            try await raw.send(
                "OPTIONS /api HTTP/1.1\r\nHost: a\r\nOrigin: https://app.example\r\n"
                    + "Access-Control-Request-Method: POST\r\n\r\n"
            )
            let preflight = try #require(await raw.readResponse())
            #expect(preflight.status == 204)
            #expect(preflight.header("Access-Control-Allow-Origin") == "https://app.example")
            #expect(preflight.header("Access-Control-Allow-Methods")?.contains("POST") == true)

            try await raw.send(
                "OPTIONS /api HTTP/1.1\r\nHost: a\r\nOrigin: https://evil.example\r\n"
                    + "Access-Control-Request-Method: POST\r\n\r\n"
            )
            #expect(await raw.readResponse()?.status == 403)

            try await raw.send(
                "POST /api HTTP/1.1\r\nHost: a\r\nOrigin: https://app.example\r\nContent-Length: 0\r\n\r\n"
            )
            let simple = try #require(await raw.readResponse())
            #expect(simple.header("Access-Control-Allow-Origin") == "https://app.example")
            #expect(simple.header("Vary") == "Origin")

            try await raw.send(
                "POST /api HTTP/1.1\r\nHost: a\r\nOrigin: https://evil.example\r\nContent-Length: 0\r\n\r\n"
            )
            #expect(await raw.readResponse()?.header("Access-Control-Allow-Origin") == nil)
        }
    }
}
