/// Everything about a request that arrives before its body: the request line and the
/// header fields, with the facts the server derives from them.
///
/// A handler sees this as soon as the empty line after the headers arrives, before any
/// of the body, so it can refuse early (a `413` for an upload it will not take) or act at
/// once (Engine.IO answering a second poll on a session).
public struct HTTPRequestHead: Hashable, Sendable {
    /// The method, such as `GET`.
    public var method: HTTPMethod
    /// The request-target exactly as sent: `/search?q=swift`, or in absolute form
    /// `http://example.com/search?q=swift` (RFC 9112 §3.2).
    public var target: String
    /// The version the client speaks.
    public var version: HTTPVersion
    /// The header fields, in order.
    public var headers: HTTPHeaders
    /// The target's path, still percent-encoded, always starting with `/` (or `*` for
    /// `OPTIONS *`, the authority for `CONNECT`).
    public var path: String
    /// The target's query, the part after `?`, still encoded; `nil` if there is none.
    public var query: String?
    /// The host the request is for: from an absolute-form target, else from `Host`.
    public var host: String?
    /// How the body is delimited.
    public var bodyLength: HTTPBodyLength
    /// Whether the connection may carry another request after this one's response.
    public var keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending the body.
    public var expectsContinue: Bool
    /// Whether the client asks to switch protocols (`Connection: upgrade` and `Upgrade`),
    /// as a WebSocket handshake does.
    public var wantsUpgrade: Bool

    /// The path with `%XX` escapes decoded.
    ///
    /// `nil` if an escape is malformed or the result is not UTF-8. `%2F` decodes to `/`: to keep segments apart, split ``path``
    /// on `/` first and decode each segment, as the router and the file server do.
    public var decodedPath: String? {
        PercentEncoding.decode(path)
    }

    /// The query's `name=value` pairs, decoded (`+` is a space, as in HTML forms).
    public var queryItems: HTTPQuery {
        HTTPQuery(parsing: query ?? "")
    }
}

extension HTTPRequestHead {
    /// A request head, for tests and for clients; `path` and `query` come from `target`.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - target: The request-target.
    ///   - version: The version.
    ///   - headers: The header fields.
    public init(
        method: HTTPMethod,
        target: String,
        version: HTTPVersion = .http11,
        headers: HTTPHeaders = HTTPHeaders()
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        let parts = RequestTarget.split(Substring(target))
        self.path = parts.path
        self.query = parts.query
        self.host = headers["Host"]
        self.bodyLength = .none
        self.keepAlive =
            version >= .http11 && !HTTPSyntax.listContains(headers["Connection"], "close")
        self.expectsContinue = false
        self.wantsUpgrade = false
    }
}
