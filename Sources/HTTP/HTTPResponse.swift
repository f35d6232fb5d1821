/// The start of a response: its status and header fields.
public struct HTTPResponseHead: Hashable, Sendable {
    /// The status, such as `200 OK`.
    public var status: HTTPStatus
    /// The header fields.
    ///
    /// The server adds `Date`, the framing (`Content-Length` or `Transfer-Encoding`) and
    /// `Connection` itself.
    public var headers: HTTPHeaders

    /// A response head.
    ///
    /// - Parameters:
    ///   - status: The status.
    ///   - headers: The header fields.
    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.headers = headers
    }
}

/// A complete response: head and a body of known length, sent in one write.
public struct HTTPResponse: Hashable, Sendable {
    /// The status and header fields.
    public var head: HTTPResponseHead
    /// The body; omitted on the wire for `HEAD` requests and for 1xx, 204 and 304.
    public var body: [UInt8]

    /// A response.
    ///
    /// - Parameters:
    ///   - status: The status.
    ///   - headers: The header fields.
    ///   - body: The body.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [])
    {
        self.head = HTTPResponseHead(status: status, headers: headers)
        self.body = body
    }

    /// The status.
    public var status: HTTPStatus {
        get { head.status }
        set { head.status = newValue }
    }

    /// The header fields.
    public var headers: HTTPHeaders {
        get { head.headers }
        set { head.headers = newValue }
    }

    /// A `text/plain; charset=utf-8` response.
    ///
    /// - Parameters:
    ///   - text: The body.
    ///   - status: The status.
    /// - Returns: The response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: ["Content-Type": "text/plain; charset=utf-8"],
            body: Array(text.utf8)
        )
    }

    /// A `text/html; charset=utf-8` response.
    ///
    /// - Parameters:
    ///   - html: The body.
    ///   - status: The status.
    /// - Returns: The response.
    public static func html(_ html: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: ["Content-Type": "text/html; charset=utf-8"],
            body: Array(html.utf8)
        )
    }

    /// An `application/json` response whose body is already JSON text.
    ///
    /// - Parameters:
    ///   - json: JSON text, such as `{"ok":true}`.
    ///   - status: The status.
    /// - Returns: The response.
    public static func json(_ json: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: ["Content-Type": "application/json"],
            body: Array(json.utf8)
        )
    }

    /// A short error page: `404 Not Found`, a line of explanation, as plain text.
    ///
    /// - Parameters:
    ///   - status: The error status.
    ///   - message: An explanation for the reader, or `nil`.
    /// - Returns: The response.
    public static func error(_ status: HTTPStatus, message: String? = nil) -> HTTPResponse {
        var text = "\(status.code) \(status.reasonPhrase)\n"
        if let message { text += "\(message)\n" }
        var response = HTTPResponse.text(text, status: status)
        response.headers.add(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }
}
