import HTTP

/// Where a WebSocket client connects: `ws://host[:port][/path][?query]`.
///
/// `wss://` (WebSocket over TLS) is refused: TLS is outside this course for now.
public struct WebSocketURL: Hashable, Sendable {
    /// The host, port and request-target, as for an `http://` URL with the same parts.
    public var http: HTTPURL

    /// Parses a `ws://` URL.
    ///
    /// - Parameter url: The URL, such as `ws://127.0.0.1:9001/chat`.
    /// - Throws: ``WebSocketError/invalidURL(_:)``.
    public init(_ url: String) throws(WebSocketError) {
        guard url.lowercased().hasPrefix("ws://") else { throw .invalidURL(url) }
        // ws:// is http:// with another name (RFC 6455 §3): the same parts, the same port 80.
        do {
            http = try HTTPURL("http://" + url.dropFirst("ws://".count))
        } catch {
            throw .invalidURL(url)
        }
    }
}

// snippet: client-handshake
/// The client's half of the opening handshake (RFC 6455 §4.1), free of I/O.
///
/// The client sends a fresh random 16-byte key in base64, and accepts the server's
/// answer only if it is a `101` whose `Sec-WebSocket-Accept` is that key hashed with the
/// GUID: proof that the server read *this* request and speaks WebSocket, rather than a
/// cache replaying an old answer. A subprotocol the server picks must be one we offered;
/// an extension it names is one we never offered, so it fails too.
public struct WebSocketClientHandshake: Sendable {
    /// The `Sec-WebSocket-Key` sent.
    public let key: String
    /// The subprotocols offered, most preferred first.
    public let subprotocols: [String]

    /// A handshake with a fresh random key, unless one is given (for tests).
    ///
    /// - Parameters:
    ///   - subprotocols: The subprotocols to offer.
    ///   - key: The key; by default 16 random bytes in base64.
    public init(subprotocols: [String] = [], key: String? = nil) {
        self.subprotocols = subprotocols
        var generator = SystemRandomNumberGenerator()
        self.key = key ?? Base64.encode((0..<16).map { _ in generator.next() })
    }

    /// The upgrade request for `url`, with `extraHeaders` (such as `Origin`) added.
    ///
    /// - Parameters:
    ///   - url: Where to connect.
    ///   - extraHeaders: More fields to send.
    /// - Returns: The `GET` request.
    public func request(for url: WebSocketURL, extraHeaders: HTTPHeaders = HTTPHeaders())
        -> HTTPClientRequest
    {
        var headers: HTTPHeaders = [
            "Host": url.http.hostField,
            "Upgrade": "websocket",
            "Connection": "Upgrade",
            "Sec-WebSocket-Key": key,
            "Sec-WebSocket-Version": "13",
        ]
        if !subprotocols.isEmpty {
            headers.add(name: "Sec-WebSocket-Protocol", value: subprotocols.joined(separator: ", "))
        }
        for field in extraHeaders { headers.add(name: field.name, value: field.value) }
        return HTTPClientRequest(method: .get, target: url.http.target, headers: headers)
    }

    /// Checks the server's answer.
    ///
    /// - Parameter head: The response head.
    /// - Returns: The subprotocol the server chose, if any.
    /// - Throws: ``WebSocketError/handshakeFailed(_:)`` saying what was wrong.
    public func validate(_ head: HTTPClientResponseHead) throws(WebSocketError) -> String? {
        let headers = head.headers
        guard head.status == .switchingProtocols else {
            throw .handshakeFailed("the server answered \(head.status), not 101")
        }
        guard headers.listContains("Upgrade", token: "websocket"),
            headers.listContains("Connection", token: "upgrade")
        else { throw .handshakeFailed("101 without Upgrade: websocket and Connection: Upgrade") }
        let expected = WebSocketAcceptKey(clientKey: key).value
        guard headers.values(for: "Sec-WebSocket-Accept") == [expected] else {
            throw .handshakeFailed("Sec-WebSocket-Accept is not \(expected)")
        }
        guard headers.listMembers(of: "Sec-WebSocket-Extensions").isEmpty else {
            throw .handshakeFailed("the server named an extension we did not offer")
        }
        let chosen = headers.listMembers(of: "Sec-WebSocket-Protocol")
        guard chosen.count <= 1, chosen.allSatisfy(subprotocols.contains) else {
            throw .handshakeFailed("the server chose a subprotocol we did not offer: \(chosen)")
        }
        return chosen.first
    }
}
// end-snippet
