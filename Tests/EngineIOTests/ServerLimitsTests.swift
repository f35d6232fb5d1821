import EngineIO
import EventLoop
import HTTP
import Sockets
import SystemCalls
import TestSupport
import Testing
import WebSockets

@Suite("Engine.IO server: payload limits (CONTRACT D.7)", .ownThread)
struct PayloadLimitTests {
    @Test("a POST of 999,000 bytes, in many TCP segments, is echoed intact")
    func largePost() async throws {
        var configuration = EngineIOHarness.contractConfiguration
        configuration.pingInterval = .seconds(30)  // no ping in the echo's payload
        try await EngineIOHarness.with(configuration: configuration) { server in
            let sid = try await server.openPollingSession().sid
            let payload = [UInt8(ascii: "4")] + (0..<998_999).map { UInt8(97 + $0 % 26) }
            let push = try await server.post("EIO=4&transport=polling&sid=\(sid)", payload)
            #expect(push.status == .ok)
            let poll = try await server.get("EIO=4&transport=polling&sid=\(sid)")
            #expect(poll.body.count == 999_000)
            let intact = poll.body == payload
            #expect(intact)
        }
    }

    @Test("a POST announcing more than maxPayload gets 413 at once, and its session closes")
    func tooLargePost() async throws {
        try await EngineIOHarness.with { server in
            let sid = try await server.openPollingSession().sid
            // Only the head and a little of the body are sent: the answer must not wait.
            let connection = try Connection.connect(to: server.server.localAddress)
            defer { connection.close() }
            try connection.writeAll(
                "POST /engine.io/?EIO=4&transport=polling&sid=\(sid) HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 2000000\r\n\r\n4aaaa"
            )
            let answer = String(decoding: try connection.read(within: .seconds(5)), as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 413 "))
            let closed = await eventually { server.engine.sessionCount == 0 }
            #expect(closed)
        }
    }

    @Test("a chunked POST that grows past maxPayload gets 413, and its packets are not delivered")
    func tooLargeChunkedPost() async throws {
        var configuration = EngineIOHarness.contractConfiguration
        configuration.maximumPayload = 1000
        let delivered = Counter()
        try await EngineIOHarness.with(configuration: configuration) {
            $0.handler = CountingHandler(delivered)
        } _: { server in
            let sid = try await server.openPollingSession().sid
            let request = HTTPClientRequest(
                method: .post,
                target: "/engine.io/?EIO=4&transport=polling&sid=\(sid)",
                body: .chunked([Array("4hello\u{1e}4".utf8), [UInt8](repeating: 97, count: 2000)])
            )
            let response = try await server.client.send(request, to: HTTPURL(server.base))
            #expect(response.status == .contentTooLarge)
            #expect(delivered.value == 0)
        }
    }

    @Test("a WebSocket message of 999,000 bytes is echoed; a larger one closes with 1009")
    func webSocketLimit() async throws {
        // Pings 30 s apart: a pong queued behind a megabyte each way may be late on a busy
        // machine, and the 1009 must come from the size, not from a ping timeout.
        try await EngineIOHarness.with(configuration: EngineIOHarness.quietConfiguration) {
            server in
            let socket = try await server.webSocket("EIO=4&transport=websocket")
            _ = try await socket.nextText()
            let big = "4" + String(repeating: "x", count: 998_999)
            try await socket.send(text: big)
            let echoed = try await socket.nextText()
            #expect(echoed.utf8.count == 999_000)
            let intact = echoed == big
            #expect(intact)
            try await socket.send(text: "4" + String(repeating: "x", count: 1_000_000))
            let (code, _) = try await socket.waitForClose()
            #expect(code == .messageTooBig)
        }
    }
}

@Suite("Engine.IO server: refusals and concurrency rules (CONTRACT D.1, D.2)", .ownThread)
struct RefusalTests {
    @Test("an unknown sid gets 400 with code 1, by GET, POST and WebSocket")
    func unknownSession() async throws {
        try await EngineIOHarness.with { server in
            let get = try await server.get("EIO=4&transport=polling&sid=nope")
            #expect(get.status == .badRequest)
            #expect(get.text == #"{"code":1,"message":"Session ID unknown"}"#)
            let post = try await server.post("EIO=4&transport=polling&sid=nope", "4x")
            #expect(post.status == .badRequest)
            await #expect(throws: (any Error).self) {
                try await server.webSocket("EIO=4&transport=websocket&sid=nope")
            }
        }
    }

    @Test("a WebSocket handshake without Upgrade fields gets 400, and opens no session")
    func webSocketWithoutUpgrade() async throws {
        try await EngineIOHarness.with { server in
            let response = try await server.get("EIO=4&transport=websocket")
            #expect(response.status == .badRequest)
            #expect(server.engine.sessionCount == 0)
            let sid = try await server.openPollingSession().sid
            let mixed = try await server.get("EIO=4&transport=websocket&sid=\(sid)")
            #expect(mixed.status == .badRequest)
        }
    }

    @Test("a second POST while one is in flight gets 400, and the session closes")
    func overlappingPosts() async throws {
        try await EngineIOHarness.with { server in
            let sid = try await server.openPollingSession().sid
            let slow = try Connection.connect(to: server.server.localAddress)
            defer { slow.close() }
            try slow.writeAll(
                "POST /engine.io/?EIO=4&transport=polling&sid=\(sid) HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 10\r\n\r\n4ab"
            )
            try await Task.sleep(for: .milliseconds(100))
            let second = try await server.post("EIO=4&transport=polling&sid=\(sid)", "4x")
            #expect(second.status == .badRequest)
            #expect(
                try await server.get("EIO=4&transport=polling&sid=\(sid)").status == .badRequest
            )
        }
    }

    @Test("an offer of permessage-deflate (browsers send one) is ignored: plain messages work")
    func deflateOfferIgnored() async throws {
        try await EngineIOHarness.with { server in
            let socket = try await server.webSocket(
                "EIO=4&transport=websocket",
                headers: [
                    "Sec-WebSocket-Extensions": "permessage-deflate; client_max_window_bits"
                ]
            )
            #expect(try await socket.nextText().hasPrefix("0{"))
            try await socket.send(text: "4plain")
            #expect(try await socket.nextText() == "4plain")
            await socket.close()
        }
    }

    @Test("allowRequest refuses a handshake with 403 and code 4")
    func allowRequest() async throws {
        var configuration = EngineIOHarness.contractConfiguration
        configuration.allowRequest = { request in
            request.query["token"] == "s3cr3t" ? .allow : .refuse("no token")
        }
        try await EngineIOHarness.with(configuration: configuration) { server in
            let refused = try await server.get("EIO=4&transport=polling")
            #expect(refused.status == .forbidden)
            #expect(refused.text == #"{"code":4,"message":"Forbidden"}"#)
            let allowed = try await server.get("EIO=4&transport=polling&token=s3cr3t")
            #expect(allowed.status == .ok)
        }
    }

    @Test("past maximumSessions, a handshake gets 503; closing one makes room")
    func maximumSessions() async throws {
        var configuration = EngineIOHarness.contractConfiguration
        configuration.maximumSessions = 2
        try await EngineIOHarness.with(configuration: configuration) { server in
            let first = try await server.openPollingSession().sid
            _ = try await server.openPollingSession()
            #expect(try await server.get("EIO=4&transport=polling").status == .serviceUnavailable)
            _ = try await server.post("EIO=4&transport=polling&sid=\(first)", "1")
            let room = await eventually { server.engine.sessionCount == 1 }
            #expect(room)
            #expect(try await server.get("EIO=4&transport=polling").status == .ok)
        }
    }
}

@Suite("Engine.IO server: CORS (CONTRACT B)", .ownThread)
struct CORSTests {
    @Test("every polling response allows the caller's origin; a preflight gets 204")
    func anyOrigin() async throws {
        try await EngineIOHarness.with { server in
            let headers: HTTPHeaders = ["Origin": "http://page.example"]
            let handshake = try await server.get("EIO=4&transport=polling", headers: headers)
            #expect(handshake.headers["Access-Control-Allow-Origin"] == "*")
            let refused = try await server.get("EIO=4", headers: headers)
            #expect(refused.headers["Access-Control-Allow-Origin"] == "*")
            let preflight = try await server.client.send(
                HTTPClientRequest(
                    method: .options,
                    target: "/engine.io/?EIO=4&transport=polling",
                    headers: [
                        "Origin": "http://page.example",
                        "Access-Control-Request-Method": "POST",
                        "Access-Control-Request-Headers": "content-type",
                    ]
                ),
                to: HTTPURL(server.base)
            )
            #expect(preflight.status == .noContent)
            #expect(preflight.headers["Access-Control-Allow-Methods"]?.contains("POST") == true)
            #expect(preflight.headers["Access-Control-Allow-Headers"] == "content-type")
            #expect(preflight.headers["Access-Control-Allow-Origin"] == "*")
        }
    }

    @Test("with credentials, the answer names the listed origin; other origins get nothing")
    func credentials() async throws {
        var configuration = EngineIOHarness.contractConfiguration
        configuration.cors = EngineIOCORS(
            allowedOrigins: ["http://good.example"],
            allowsCredentials: true
        )
        try await EngineIOHarness.with(configuration: configuration) { server in
            let good = try await server.get(
                "EIO=4&transport=polling",
                headers: ["Origin": "http://good.example"]
            )
            #expect(good.headers["Access-Control-Allow-Origin"] == "http://good.example")
            #expect(good.headers["Access-Control-Allow-Credentials"] == "true")
            let bad = try await server.get(
                "EIO=4&transport=polling",
                headers: ["Origin": "http://evil.example"]
            )
            #expect(bad.headers["Access-Control-Allow-Origin"] == nil)
        }
    }
}

/// Counts messages delivered to the application.
final class Counter: Sendable {
    private let count = Locked(0)
    var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
}

/// An application that only counts what arrives.
final class CountingHandler: EngineIOSocketHandler {
    let counter: Counter
    init(_ counter: Counter) { self.counter = counter }
    func socket(_ socket: EngineIOSocket, didReceive message: EngineIOMessage) {
        counter.increment()
    }
}
