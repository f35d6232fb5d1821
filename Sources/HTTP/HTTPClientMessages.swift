/// A request for ``HTTPClient`` or ``HTTPClientConnection`` to send.
public struct HTTPClientRequest: Sendable {
    /// How the request's body is sent.
    public enum Body: Sendable {
        /// No body.
        case none
        /// A body of known length, sent with `Content-Length`.
        case bytes([UInt8])
        /// A body sent as these chunks, with `Transfer-Encoding: chunked`.
        case chunked([[UInt8]])
    }

    /// The method.
    public var method: HTTPMethod
    /// The request-target, such as `/search?q=swift`.
    public var target: String
    /// The header fields; `Host`, the framing and `Connection` are added when sent.
    public var headers: HTTPHeaders
    /// The body.
    public var body: Body

    /// A request.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - target: The request-target.
    ///   - headers: The header fields.
    ///   - body: The body.
    public init(
        method: HTTPMethod = .get,
        target: String = "/",
        headers: HTTPHeaders = HTTPHeaders(),
        body: Body = .none
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The bytes to send: request line, fields (with `Host` and framing), body.
    ///
    /// - Parameter host: The `Host` value, such as `127.0.0.1:8080`.
    /// - Returns: The request's bytes.
    func serialized(host: String) -> [UInt8] {
        var text = "\(method.rawValue) \(target) HTTP/1.1\r\n"
        if !headers.contains("Host") { text += "Host: \(host)\r\n" }
        for field in headers {
            let name = field.name.lowercased()
            if name == "content-length" || name == "transfer-encoding" { continue }
            text += "\(field.name): \(field.value)\r\n"
        }
        var output: [UInt8]
        switch body {
        case .none:
            if method == .post || method == .put { text += "Content-Length: 0\r\n" }
            output = Array((text + "\r\n").utf8)
        case .bytes(let bytes):
            text += "Content-Length: \(bytes.count)\r\n\r\n"
            output = Array(text.utf8) + bytes
        case .chunked(let chunks):
            text += "Transfer-Encoding: chunked\r\n\r\n"
            output = Array(text.utf8)
            for chunk in chunks where !chunk.isEmpty { output += ResponseSerializer.chunk(chunk) }
            output += ResponseSerializer.lastChunk(trailers: HTTPHeaders())
        }
        return output
    }

    /// Whether every field can be sent safely (no CR, LF or other control characters).
    var isValid: Bool {
        headers.allSatisfy(\.isValid) && target.utf8.allSatisfy(HTTPSyntax.isTargetCharacter)
            && !target.isEmpty && method.rawValue.utf8.allSatisfy(HTTPSyntax.isTokenCharacter)
    }
}

/// A complete response received by the client.
public struct HTTPClientResponse: Sendable {
    /// The head: status, fields, version.
    public var head: HTTPClientResponseHead
    /// The whole body.
    public var body: [UInt8]
    /// A chunked body's trailer fields.
    public var trailers: HTTPHeaders

    /// The status.
    public var status: HTTPStatus { head.status }
    /// The header fields.
    public var headers: HTTPHeaders { head.headers }
    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why the client could not get a response.
public enum HTTPClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The URL is not `http://host[:port][/path]`.
    case invalidURL(String)
    /// The request holds a CR, LF or other character that cannot be sent.
    case invalidRequest
    /// The response broke the message syntax.
    case malformedResponse(HTTPParseError)
    /// The response body is larger than the client's limit.
    case bodyTooLarge(limit: Int)
    /// No complete response within the timeout.
    case timedOut
    /// The connection closed before the response was complete.
    case connectionClosed

    /// What went wrong.
    public var description: String {
        switch self {
        case .invalidURL(let url): "invalid URL \(url.debugDescription)"
        case .invalidRequest: "the request holds characters that cannot be sent"
        case .malformedResponse(let error): "malformed response: \(error)"
        case .bodyTooLarge(let limit): "response body larger than \(limit) bytes"
        case .timedOut: "no response in time"
        case .connectionClosed: "the connection closed before the response was complete"
        }
    }
}

/// The parts of an `http://` URL that a client needs.
public struct HTTPURL: Hashable, Sendable {
    /// The host name or address, without brackets.
    public var host: String
    /// The port; 80 if the URL names none.
    public var port: UInt16
    /// The path and query, such as `/search?q=swift`.
    public var target: String

    /// Parses `http://host[:port][/path][?query]`; `[::1]` for IPv6.
    ///
    /// - Parameter url: The URL.
    /// - Throws: ``HTTPClientError/invalidURL(_:)``.
    public init(_ url: String) throws(HTTPClientError) {
        guard url.lowercased().hasPrefix("http://") else { throw .invalidURL(url) }
        let rest = url.dropFirst("http://".count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        var host = Substring(authority)
        var port: UInt16 = 80
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidURL(url) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let number = UInt16(after.dropFirst()) else { throw .invalidURL(url) }
                port = number
            }
        } else if let colon = authority.lastIndex(of: ":") {
            guard let number = UInt16(authority[authority.index(after: colon)...]) else {
                throw .invalidURL(url)
            }
            host = authority[..<colon]
            port = number
        }
        guard !host.isEmpty else { throw .invalidURL(url) }
        self.host = String(host)
        self.port = port
        self.target = target
    }

    /// `host:port` as the `Host` field writes it.
    public var hostField: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }
}
