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
    /// `completion` on the loop with the open ``WebSocket``: set its callbacks there, before
    /// the loop turns again, and no message is missed. On failure `completion` gets the
    /// error: a `connect` ``SystemCallError`` such as `ECONNREFUSED`, or a
    /// ``WebSocketError``.
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
        let bytes = request.serialized(host: target.http.hostField)
        loop.execute {
            let handler = ClientHandshakeHandler(
                handshake: handshake,
                request: bytes,
                options: options,
                completion: completion
            )
            do {
                try TCPConnection.connect(
                    to: address,
                    on: loop,
                    configuration: options.tcp,
                    timeout: options.connectTimeout,
                    handler: handler
                )
            } catch {
                handler.finish(.failure(error))
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
    ///     set its callbacks here.
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

/// The client's connection until the server's `101` has arrived: it sends the upgrade
/// request, reads the answer, and then hands the connection to a
/// ``WebSocketConnectionHandler``.
final class ClientHandshakeHandler: TCPConnectionHandler {
    private let handshake: WebSocketClientHandshake
    private let request: [UInt8]
    private let options: WebSocketClientOptions
    private var completion: (@Sendable (Result<WebSocket, any Error>) -> Void)?
    private var parser = HTTPResponseParser()
    private var timer: ScheduledTimer?

    init(
        handshake: WebSocketClientHandshake,
        request: [UInt8],
        options: WebSocketClientOptions,
        completion: @escaping @Sendable (Result<WebSocket, any Error>) -> Void
    ) {
        self.handshake = handshake
        self.request = request
        self.options = options
        self.completion = completion
    }

    func connectionDidOpen(_ connection: TCPConnection) {
        parser.expectResponse(to: .get)
        connection.write(request)
        timer = connection.loop.schedule(after: options.connectTimeout) { [weak connection] in
            connection?.close(error: WebSocketError.handshakeFailed("no answer in time"))
        }
    }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        parser.append(bytes)
        do {
            guard case .head(let head) = try parser.next() else { return }
            let subprotocol = try handshake.validate(head)
            timer?.cancel()
            // Frames may follow the 101 in the same read: they belong to the WebSocket.
            let leftover = parser.takeUnparsedBytes()
            let handler = WebSocketConnectionHandler(
                connection: connection,
                role: .client,
                subprotocol: subprotocol,
                configuration: options.configuration
            )
            connection.handler = handler
            handler.connectionDidOpen(connection)
            finish(.success(handler.webSocket))
            if !leftover.isEmpty && connection.isOpen {
                handler.connection(connection, didReceive: leftover)
            }
        } catch let error as WebSocketError {
            connection.close(error: error)
        } catch {
            connection.close(error: WebSocketError.handshakeFailed("malformed answer: \(error)"))
        }
    }

    func connectionDidReachEndOfInput(_ connection: TCPConnection) {
        connection.close(error: WebSocketError.handshakeFailed("the server closed the connection"))
    }

    func connectionDidClose(_ connection: TCPConnection, error: (any Error)?) {
        timer?.cancel()
        finish(.failure(error ?? WebSocketError.handshakeFailed("the connection closed")))
    }

    /// Reports the outcome, once.
    func finish(_ result: Result<WebSocket, any Error>) {
        let completion = self.completion
        self.completion = nil
        completion?(result)
    }
}
