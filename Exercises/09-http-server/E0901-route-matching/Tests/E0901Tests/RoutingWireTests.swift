import E0901
import EventLoop
import ExerciseSupport
import HTTP
import HTTPExerciseSupport
import Sockets
import Testing

/// The routes of the test's server, tried in order, as the library's router does.
private let routes: [(name: String, pattern: E0901.RoutePattern)] = [
    ("user", E0901.RoutePattern("/users/:id")),
    ("post", E0901.RoutePattern("/users/:id/posts/:post")),
    ("file", E0901.RoutePattern("/static/**")),
    ("raw", E0901.RoutePattern("/files/*/raw")),
]

/// Answers with the first route whose pattern matches, `404` if none does, and `500`
/// with the error if matching threw.
private func route(_ request: HTTPRequest, _ response: HTTPResponseWriter) {
    do {
        for (name, pattern) in routes {
            guard let parameters = try pattern.match(request.path) else { continue }
            let text = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return response.respond(.text("\(name) \(text.joined(separator: " "))"))
        }
        response.respond(.text("no route", status: .notFound))
    } catch {
        response.respond(.text("\(error)", status: .internalServerError))
    }
}

@Suite("9.1 Your patterns route a real server's requests", .serialized)
struct RoutingWireTests {
    @Test("requests from the library's client and from curl reach the right route")
    func server() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let server = try HTTPServer(
            address: SocketAddress(numericHost: "127.0.0.1", port: 0),
            group: group,
            handle: route
        )
        let base = "http://127.0.0.1:\(server.localAddress.port)"
        let client = HTTPClient(group: group)
        var seen: [String] = []
        for path in [
            "/users/42", "/users/J%C3%B6rg/posts/first%20day", "/static/css/site.css",
            "/files/x/raw", "/users/", "/nowhere",
        ] {
            let response = try await client.get(base + path)
            seen.append("\(response.status.code) \(response.text)")
        }
        // curl sends the path as given, escapes and all.
        let curl = try Curl([base + "/users/a%2Fb"])
        let fromCurl = curl.finish()
        await client.shutdown()
        await server.shutdown(gracePeriod: .seconds(2))
        try group.shutdown()
        #expect(
            seen == [
                "200 user id=42", "200 post id=Jörg post=first day", "200 file **=css/site.css",
                "200 raw ", "404 no route", "404 no route",
            ],
            "the server answered \(seen)"
        )
        #expect(fromCurl.output == "user id=a/b", "\(curl.commandLine)\n\(fromCurl)")
    }
}
