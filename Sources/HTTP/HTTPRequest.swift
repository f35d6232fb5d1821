import Sockets

/// A request as a handler sees it: the head, the body still to come, and the route
/// parameters the router found.
public struct HTTPRequest: Sendable {
    /// The request line and header fields.
    public var head: HTTPRequestHead
    /// The body, read as it arrives; empty for most `GET`s.
    public var body: HTTPRequestBody
    /// The values the router captured from the path, decoded.
    ///
    /// `/users/:id` gives `["id": "42"]`; a `**` pattern's match is under `"**"`.
    public var parameters: [String: String] = [:]
    /// The client's address.
    public var remoteAddress: SocketAddress?

    /// A request.
    ///
    /// - Parameters:
    ///   - head: The head.
    ///   - body: The body.
    ///   - remoteAddress: The client's address.
    public init(
        head: HTTPRequestHead,
        body: HTTPRequestBody = .empty,
        remoteAddress: SocketAddress? = nil
    ) {
        self.head = head
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The method.
    public var method: HTTPMethod { head.method }
    /// The path, still percent-encoded.
    public var path: String { head.path }
    /// The header fields.
    public var headers: HTTPHeaders { head.headers }
    /// The decoded query items.
    public var query: HTTPQuery { head.queryItems }
}
