import EventLoop
import HTTP
import Sockets

/// How a client connects: what it offers, what it sends, how long it waits.
public struct WebSocketClientOptions: Sendable {
    /// The subprotocols to offer, most preferred first.
    public var subprotocols: [String] = []
    /// More fields for the upgrade request, such as `Origin` or `Authorization`.
    public var headers = HTTPHeaders()
    /// The connection's limits and timers.
    public var configuration = WebSocketConfiguration()
    /// The TCP connection's settings.
    public var tcp = TCPConnection.Configuration()
    /// How long the TCP handshake and the opening handshake may take, together.
    public var connectTimeout: Duration = .seconds(10)

    /// The defaults: no subprotocol, 10 seconds to connect.
    public init() {}
}

extension WebSocket {
    // snippet: client-connect
    /// Opens a WebSocket connection to `url`, from `loop`.
    ///
    /// Connects over TCP, sends the upgrade request, checks the `101`, and then calls
    /// `completion` on the loop with the open ``WebSocket``: set its ``handler`` (or its
    /// closures) there, before the loop turns again, and no message is missed. On failure
    /// `completion` gets the error: a `connect` ``SystemCallError`` such as
    /// `ECONNREFUSED`, or a ``WebSocketError``.
    ///
    /// The HTTP part is the HTTP client's
    /// (``HTTPClientConnection/upgrade(to:host:on:sending:configuration:makeHandler:onFailure:)``):
    /// it sends the request, parses the answer and, on a `101`, hands the connection and
    /// the bytes behind the head to a ``WebSocketConnectionHandler``.
    ///
    /// ```swift
    /// WebSocket.connect(to: "ws://127.0.0.1:9001/chat", on: loop) { result in
    ///     guard case .success(let webSocket) = result else { return }
    ///     webSocket.onMessage = { _, message in print(message) }
    ///     webSocket.send(text: "hello")
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - url: A `ws://` URL.
    ///   - loop: The loop the connection will live on.
    ///   - options: Subprotocols, extra fields, limits and the timeout.
    ///   - completion: Called once, on the loop.
    public static func connect(
        to url: String,
        on loop: EventLoop,
        options: WebSocketClientOptions = WebSocketClientOptions(),
        completion: @escaping @Sendable (Result<WebSocket, any Error>) -> Void
    ) {
        let request: HTTPClientRequest
        let handshake = WebSocketClientHandshake(subprotocols: options.subprotocols)
        let address: SocketAddress
        let target: WebSocketURL
        do {
            target = try WebSocketURL(url)
            request = handshake.request(for: target, extraHeaders: options.headers)
            guard request.isValid else { throw WebSocketError.handshakeFailed("unsafe header") }
            address = try SocketAddress.lookup(host: target.http.host, port: target.http.port)
        } catch {
            return loop.execute { completion(.failure(error)) }
        }
        var http = HTTPClient.Configuration()
        http.tcp = options.tcp
        http.connectTimeout = options.connectTimeout
        http.requestTimeout = options.connectTimeout
        loop.execute { [http] in
            HTTPClientConnection.upgrade(
                to: address,
                host: target.http.hostField,
                on: loop,
                sending: request,
                configuration: http
            ) { head, connection in
                let subprotocol = try handshake.validate(head)
                let handler = WebSocketConnectionHandler(
                    connection: connection,
                    role: .client,
                    subprotocol: subprotocol,
                    configuration: options.configuration
                )
                // Once the handler has the connection, before the first frame is handled.
                handler.onOpen = { completion(.success($0)) }
                return handler
            } onFailure: { error in
                completion(.failure(WebSocketError.fromClient(error)))
            }
        }
    }
    // end-snippet

    /// Opens a WebSocket connection to `url` and waits until it is open.
    ///
    /// The socket lives on `loop`: use the result's ``LoopBound/value`` there (in
    /// ``EventLoop/execute(_:)``, or in a task whose executor is the loop).
    ///
    /// - Parameters:
    ///   - url: A `ws://` URL.
    ///   - loop: The loop the connection will live on.
    ///   - options: Subprotocols, extra fields, limits and the timeout.
    ///   - setUp: Called on the loop with the open socket before any message is handled:
    ///     set its handler (or its closures) here.
    /// - Returns: The open socket, bound to its loop.
    /// - Throws: As ``connect(to:on:options:completion:)`` reports.
    public static func connect(
        to url: String,
        on loop: EventLoop,
        options: WebSocketClientOptions = WebSocketClientOptions(),
        setUp: @escaping @Sendable (WebSocket) -> Void = { _ in }
    ) async throws -> LoopBound<WebSocket> {
        try await withCheckedThrowingContinuation { continuation in
            connect(to: url, on: loop, options: options) { result in
                switch result {
                case .success(let webSocket):
                    setUp(webSocket)
                    continuation.resume(returning: LoopBound(webSocket, on: loop))
                case .failure(let error):
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

extension WebSocketError {
    /// A client's failure, in WebSocket's words: the HTTP client's errors become
    /// ``handshakeFailed(_:)``; connect errors (``SystemCallError``) and ours pass unchanged.
    static func fromClient(_ error: any Error) -> any Error {
        guard let error = error as? HTTPClientError else { return error }
        switch error {
        case .timedOut: return WebSocketError.handshakeFailed("no answer in time")
        case .connectionClosed:
            return WebSocketError.handshakeFailed("the server closed the connection")
        case .malformedResponse(let problem):
            return WebSocketError.handshakeFailed("malformed answer: \(problem)")
        default: return WebSocketError.handshakeFailed(error.description)
        }
    }
}
