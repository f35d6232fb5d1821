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
    public func serialized(host: String) -> [UInt8] {
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
    public var isValid: Bool {
        headers.allSatisfy(\.isValid) && target.utf8.allSatisfy(HTTPSyntax.isTargetCharacter)
            && !target.isEmpty && method.rawValue.utf8.allSatisfy(HTTPSyntax.isTokenCharacter)
    }
}
