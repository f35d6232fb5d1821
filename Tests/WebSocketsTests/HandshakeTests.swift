import HTTP
import Testing
import WebSockets

/// The RFC's example request (RFC 6455 §1.2), with any changes a test makes.
func handshakeRequest(
    method: HTTPMethod = .get,
    version: HTTPVersion = .http11,
    changing changes: [String: String?] = [:]
) -> HTTPRequestHead {
    var headers: HTTPHeaders = [
        "Host": "server.example.com",
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Origin": "http://example.com",
        "Sec-WebSocket-Protocol": "chat, superchat",
        "Sec-WebSocket-Version": "13",
    ]
    for (name, value) in changes {
        headers.remove(name)
        if let value { headers.add(name: name, value: value) }
    }
    return HTTPRequestHead(method: method, target: "/chat", version: version, headers: headers)
}

@Suite("The server's opening handshake (RFC 6455 §4.2)")
struct ServerHandshakeTests {
    @Test("the RFC's example request is answered with the RFC's accept value")
    func rfcExample() throws {
        let acceptance = try WebSocketServerHandshake().accept(handshakeRequest())
        #expect(acceptance.headers["Sec-WebSocket-Accept"] == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        #expect(acceptance.headers["Upgrade"] == "websocket")
        #expect(acceptance.headers["Connection"] == "Upgrade")
        #expect(acceptance.subprotocol == nil)  // we speak none of the offered ones
        #expect(!acceptance.headers.contains("Sec-WebSocket-Protocol"))
        #expect(!acceptance.headers.contains("Sec-WebSocket-Extensions"))
    }

    @Test(
        "Upgrade and Connection are token lists, compared without case",
        arguments: [
            ["Upgrade": "WebSocket", "Connection": "keep-alive, Upgrade"],
            ["Upgrade": "websocket", "Connection": "UPGRADE"],
            ["Upgrade": "h2c, websocket", "Connection": "upgrade ,keep-alive"],
        ] as [[String: String?]]
    )
    func tokenLists(changes: [String: String?]) throws {
        let acceptance = try WebSocketServerHandshake().accept(handshakeRequest(changing: changes))
        #expect(acceptance.headers["Sec-WebSocket-Accept"] == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test(
        "each broken rule is refused with its status",
        arguments: [
            (handshakeRequest(changing: ["Upgrade": nil, "Sec-WebSocket-Key": nil]), 426),
            (handshakeRequest(method: .post), 405),
            (handshakeRequest(version: .http10), 400),
            (handshakeRequest(changing: ["Upgrade": "h2c"]), 400),
            (handshakeRequest(changing: ["Connection": "upgrades"]), 400),
            (handshakeRequest(changing: ["Sec-WebSocket-Key": nil]), 400),
            (handshakeRequest(changing: ["Sec-WebSocket-Key": "not base64!"]), 400),
            (handshakeRequest(changing: ["Sec-WebSocket-Key": "AAAAAAAAAAAAAAAAAAAA"]), 400),  // 15
            (handshakeRequest(changing: ["Sec-WebSocket-Version": "8"]), 426),
            (handshakeRequest(changing: ["Sec-WebSocket-Version": nil]), 426),
        ] as [(HTTPRequestHead, Int)]
    )
    func refusals(request: HTTPRequestHead, status: Int) {
        #expect(throws: WebSocketHandshakeRefusal.self) {
            _ = try WebSocketServerHandshake().accept(request)
        }
        do {
            _ = try WebSocketServerHandshake().accept(request)
        } catch {
            #expect(error.status.code == status, "\(error)")
            #expect(error.response.status.code == status)
        }
    }

    @Test("a key sent twice is refused: which one would we answer?")
    func twoKeys() {
        var request = handshakeRequest()
        request.headers.add(name: "Sec-WebSocket-Key", value: "AQIDBAUGBwgJCgsMDQ4PEA==")
        #expect(throws: WebSocketHandshakeRefusal.invalidKey) {
            try WebSocketServerHandshake().accept(request)
        }
    }

    @Test("426 names what is needed: Upgrade for a plain GET, the version for a wrong one")
    func upgradeRequiredFields() {
        #expect(WebSocketHandshakeRefusal.notAnUpgrade.response.headers["Upgrade"] == "websocket")
        let version = WebSocketHandshakeRefusal.unsupportedVersion("8").response
        #expect(version.headers["Sec-WebSocket-Version"] == "13")
    }

    @Test("an origin off the allow-list gets 403; a client that sends no Origin is let in")
    func origins() throws {
        let handshake = WebSocketServerHandshake(
            isOriginAllowed: WebSocketServerHandshake.allowing(origins: ["https://Good.example"])
        )
        #expect(throws: WebSocketHandshakeRefusal.originNotAllowed("http://example.com")) {
            try handshake.accept(handshakeRequest())
        }
        let good = handshakeRequest(changing: ["Origin": "https://good.example"])
        #expect(throws: Never.self) { try handshake.accept(good) }
        #expect(throws: Never.self) {
            try handshake.accept(handshakeRequest(changing: ["Origin": nil]))
        }
        #expect(WebSocketHandshakeRefusal.originNotAllowed(nil).status == .forbidden)
    }

    @Test(
        "the server picks its most preferred subprotocol among those offered",
        arguments: [
            (["superchat", "chat"], "chat, superchat", "superchat"),
            (["chat"], "superchat, chat", "chat"),
            (["v2"], "chat", nil),
            (["chat"], nil, nil),
        ] as [([String], String?, String?)]
    )
    func subprotocols(ours: [String], offered: String?, chosen: String?) throws {
        let handshake = WebSocketServerHandshake(subprotocols: ours)
        let request = handshakeRequest(changing: ["Sec-WebSocket-Protocol": offered])
        let acceptance = try handshake.accept(request)
        #expect(acceptance.subprotocol == chosen)
        #expect(acceptance.headers["Sec-WebSocket-Protocol"] == chosen)
    }
}

@Suite("The client's opening handshake (RFC 6455 §4.1)")
struct ClientHandshakeTests {
    let handshake = WebSocketClientHandshake(
        subprotocols: ["chat"],
        key: "dGhlIHNhbXBsZSBub25jZQ=="
    )

    func answer(status: HTTPStatus = .switchingProtocols, changing changes: [String: String?] = [:])
        -> HTTPClientResponseHead
    {
        var headers: HTTPHeaders = [
            "Upgrade": "websocket",
            "Connection": "Upgrade",
            "Sec-WebSocket-Accept": "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
        ]
        for (name, value) in changes {
            headers.remove(name)
            if let value { headers.add(name: name, value: value) }
        }
        return HTTPClientResponseHead(
            status: status,
            headers: headers,
            version: .http11,
            keepAlive: true,
            bodyLength: .none
        )
    }

    @Test("the request carries the key, version 13 and the offered subprotocols")
    func request() throws {
        let url = try WebSocketURL("ws://127.0.0.1:9001/chat?room=1")
        let request = handshake.request(for: url, extraHeaders: ["Origin": "http://a.example"])
        #expect(request.method == .get)
        #expect(request.target == "/chat?room=1")
        #expect(request.headers["Host"] == "127.0.0.1:9001")
        #expect(request.headers["Sec-WebSocket-Key"] == "dGhlIHNhbXBsZSBub25jZQ==")
        #expect(request.headers["Sec-WebSocket-Version"] == "13")
        #expect(request.headers["Sec-WebSocket-Protocol"] == "chat")
        #expect(request.headers["Origin"] == "http://a.example")
    }

    @Test("each client gets a fresh key of 16 random bytes")
    func freshKeys() {
        let keys = (0..<20).map { _ in WebSocketClientHandshake().key }
        #expect(Set(keys).count == 20)
        #expect(keys.allSatisfy { Base64.decode($0)?.count == 16 })
    }

    @Test("a correct 101 is accepted, with the subprotocol the server chose")
    func accepted() throws {
        #expect(try handshake.validate(answer()) == nil)
        #expect(
            try handshake.validate(answer(changing: ["Sec-WebSocket-Protocol": "chat"])) == "chat"
        )
    }

    @Test(
        "a wrong answer fails the handshake",
        arguments: [
            ("200", HTTPStatus.ok, [:]),
            (
                "accept", .switchingProtocols,
                ["Sec-WebSocket-Accept": "AAAAAAAAAAAAAAAAAAAAAAAAAAA="]
            ),
            ("no accept", .switchingProtocols, ["Sec-WebSocket-Accept": nil]),
            ("upgrade", .switchingProtocols, ["Upgrade": "h2c"]),
            ("connection", .switchingProtocols, ["Connection": nil]),
            ("extension", .switchingProtocols, ["Sec-WebSocket-Extensions": "permessage-deflate"]),
            ("subprotocol", .switchingProtocols, ["Sec-WebSocket-Protocol": "superchat"]),
        ] as [(String, HTTPStatus, [String: String?])]
    )
    func refused(what: String, status: HTTPStatus, changes: [String: String?]) {
        #expect(throws: WebSocketError.self, "\(what)") {
            try handshake.validate(answer(status: status, changing: changes))
        }
    }

    @Test("URLs: ws:// only, the port 80 by default, the target kept")
    func urls() throws {
        let url = try WebSocketURL("ws://[::1]/a?b=c")
        #expect(url.http.host == "::1")
        #expect(url.http.port == 80)
        #expect(url.http.target == "/a?b=c")
        #expect(throws: WebSocketError.invalidURL("wss://example.com/")) {
            try WebSocketURL("wss://example.com/")
        }
        #expect(throws: WebSocketError.invalidURL("http://example.com/")) {
            try WebSocketURL("http://example.com/")
        }
    }
}
