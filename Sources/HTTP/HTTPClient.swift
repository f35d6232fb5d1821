import EventLoop
import Sockets
import SystemCalls

/// A small HTTP/1.1 client that keeps connections open between requests.
///
/// ```swift
/// let client = HTTPClient(group: group)
/// let response = try await client.get("http://127.0.0.1:8080/plaintext")
/// print(response.status, response.text)
/// ```
///
/// After a response that leaves the connection open, the connection goes back to a
/// small pool per `host:port`, and the next request to that server reuses it: no new TCP
/// handshake. Every request is bounded by the request timeout.
public final class HTTPClient: Sendable {
    /// Timeouts and limits.
    public struct Configuration: Sendable {
        /// How long connecting may take.
        public var connectTimeout: Duration = .seconds(10)
        /// How long a request may wait for its complete response; `nil`: forever.
        public var requestTimeout: Duration? = .seconds(30)
        /// The largest response body accepted.
        public var maximumBodySize = 16 * 1024 * 1024
        /// How many idle connections to keep per server.
        public var maximumIdleConnectionsPerHost = 8
        /// Settings for the TCP connections.
        public var tcp = TCPConnection.Configuration()

        /// The defaults.
        public init() {}
    }

    /// The loops connections live on.
    public let group: EventLoopGroup
    /// The settings.
    public let configuration: Configuration
    private let idle = Locked<[String: [HTTPClientConnection]]>([:])

    /// A client whose connections live on `group`'s loops.
    ///
    /// - Parameters:
    ///   - group: The loops.
    ///   - configuration: Timeouts and limits.
    public init(group: EventLoopGroup, configuration: Configuration = Configuration()) {
        self.group = group
        self.configuration = configuration
    }

    /// Sends `GET url`.
    ///
    /// - Parameters:
    ///   - url: Such as `http://127.0.0.1:8080/path`.
    ///   - headers: Extra header fields.
    /// - Returns: The response.
    /// - Throws: ``HTTPClientError`` or a connect error.
    public func get(_ url: String, headers: HTTPHeaders = HTTPHeaders()) async throws
        -> HTTPClientResponse
    {
        let parsed = try HTTPURL(url)
        return try await send(
            HTTPClientRequest(method: .get, target: parsed.target, headers: headers),
            to: parsed
        )
    }

    /// Sends `POST url` with `body`.
    ///
    /// - Parameters:
    ///   - url: The URL.
    ///   - body: The body.
    ///   - contentType: Its media type.
    /// - Returns: The response.
    /// - Throws: ``HTTPClientError`` or a connect error.
    public func post(
        _ url: String,
        body: [UInt8],
        contentType: String = "application/octet-stream"
    ) async throws -> HTTPClientResponse {
        let parsed = try HTTPURL(url)
        let request = HTTPClientRequest(
            method: .post,
            target: parsed.target,
            headers: ["Content-Type": contentType],
            body: .bytes(body)
        )
        return try await send(request, to: parsed)
    }

    /// Sends `request` to the server `url` names (its target is taken from `request`).
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - url: The server, as a parsed URL.
    /// - Returns: The response.
    /// - Throws: ``HTTPClientError`` or a connect error.
    public func send(_ request: HTTPClientRequest, to url: HTTPURL) async throws
        -> HTTPClientResponse
    {
        let key = "\(url.host):\(url.port)"
        if let reused = takeIdleConnection(for: key) {
            do {
                return try await send(request, on: reused, key: key)
            } catch HTTPClientError.connectionClosed where request.method.isIdempotent {
                // The server may close an idle connection just as we reuse it (RFC 9112
                // §9.3.1): a request that is safe to repeat is tried once more, afresh.
            }
        }
        let address = try SocketAddress.lookup(host: url.host, port: url.port)
        let connection = try await HTTPClientConnection.connect(
            to: address,
            host: url.hostField,
            on: group.next(),
            configuration: configuration
        )
        return try await send(request, on: connection, key: key)
    }

    private func send(
        _ request: HTTPClientRequest,
        on connection: HTTPClientConnection,
        key: String
    ) async throws -> HTTPClientResponse {
        let response = try await connection.send(request)
        if !connection.isReusable || !keepIdleConnection(connection, for: key) {
            await connection.close()
        }
        return response
    }

    /// Closes every idle connection.
    public func shutdown() async {
        let connections = idle.withLock { idle in
            defer { idle.removeAll() }
            return idle.values.flatMap { $0 }
        }
        for connection in connections { await connection.close() }
    }

    private func takeIdleConnection(for key: String) -> HTTPClientConnection? {
        idle.withLock { idle in
            while let connection = idle[key]?.popLast() {
                if connection.isReusable { return connection }
            }
            return nil
        }
    }

    private func keepIdleConnection(_ connection: HTTPClientConnection, for key: String) -> Bool {
        idle.withLock { idle in
            guard idle[key, default: []].count < configuration.maximumIdleConnectionsPerHost else {
                return false
            }
            idle[key, default: []].append(connection)
            return true
        }
    }
}
