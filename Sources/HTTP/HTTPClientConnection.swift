import EventLoop
import Sockets

/// One HTTP/1.1 connection from a client: send requests, await their responses.
///
/// Requests may be sent before earlier responses have arrived (pipelining); responses
/// are matched to requests in order. After a response that ends the connection
/// (`Connection: close`, or a body that runs until close), ``isReusable`` is `false`.
public final class HTTPClientConnection: Sendable {
    /// The loop the connection lives on.
    public let loop: EventLoop
    /// The `Host` value sent with each request.
    public let host: String
    private let handler: LoopBound<ClientConnectionHandler>
    private let reusable: ReusableFlag
    private let requestTimeout: Duration?

    private init(
        handler: LoopBound<ClientConnectionHandler>,
        reusable: ReusableFlag,
        host: String,
        requestTimeout: Duration?
    ) {
        self.loop = handler.loop
        self.handler = handler
        self.reusable = reusable
        self.host = host
        self.requestTimeout = requestTimeout
    }

    /// Connects to `address`.
    ///
    /// - Parameters:
    ///   - address: The server.
    ///   - host: The `Host` value; by default the address.
    ///   - loop: The loop the connection will live on.
    ///   - configuration: Timeouts and limits.
    /// - Returns: The open connection.
    /// - Throws: ``SystemCallError`` naming `connect`, such as `ECONNREFUSED` or `ETIMEDOUT`.
    public static func connect(
        to address: SocketAddress,
        host: String? = nil,
        on loop: EventLoop,
        configuration: HTTPClient.Configuration = HTTPClient.Configuration()
    ) async throws -> HTTPClientConnection {
        let reusable = ReusableFlag()
        let handler = LoopBound(
            handingOver: ClientConnectionHandler(
                maximumBodySize: configuration.maximumBodySize,
                isReusable: reusable
            ),
            to: loop
        )
        try await withCheckedThrowingContinuation {
            (opener: CheckedContinuation<Void, any Error>) in
            loop.execute {
                handler.value.open(to: address, on: loop, configuration: configuration) {
                    opener.resume(with: $0)
                }
            }
        }
        return HTTPClientConnection(
            handler: handler,
            reusable: reusable,
            host: host ?? "\(address)",
            requestTimeout: configuration.requestTimeout
        )
    }

    /// Whether another request may be sent on this connection.
    public var isReusable: Bool {
        reusable.value.load(ordering: .relaxed)
    }

    /// Sends `request` and waits for the whole response.
    ///
    /// - Parameter request: The request.
    /// - Returns: The response, body included.
    /// - Throws: ``HTTPClientError``.
    public func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        guard request.isValid else { throw HTTPClientError.invalidRequest }
        let bytes = request.serialized(host: host)
        let (handler, method, timeout) = (handler, request.method, requestTimeout)
        return try await withCheckedThrowingContinuation { continuation in
            handler.loop.execute {
                handler.value.send(bytes, method: method, timeout: timeout, continuation)
            }
        }
    }

    /// Closes the connection.
    public func close() async {
        if loop.inEventLoop { return closeNow() }
        let handler = handler
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            handler.loop.execute {
                handler.value.close()
                continuation.resume()
            }
        }
    }

    /// Closes the connection at once, from its own loop.
    ///
    /// For code that lives on the loop and tears itself down there (an Engine.IO client
    /// closing its polling connections): nothing is left queued for a loop that may stop
    /// right after.
    public func closeNow() {
        loop.preconditionInEventLoop()
        handler.value.close()
    }
}
