import EventLoop
import Sockets

extension HTTPClientConnection {
    // snippet: client-upgrade
    /// Opens a connection, sends `request` asking to switch protocols, and once the server
    /// answers `101 Switching Protocols`, hands the connection to another protocol.
    ///
    /// The client's half of chapter 9's `upgrade(headers:on:to:)`: the request goes out and
    /// the answer is parsed exactly as for any other request (the same connect timeout,
    /// request timeout, response parser and errors), so there is one HTTP/1.1 client, and
    /// a protocol that starts with an upgrade (WebSocket) only checks the `101` and speaks
    /// its own bytes afterwards.
    ///
    /// Call on `loop`'s thread. Both closures are called there:
    ///
    /// - `makeHandler`, with the `101`'s head and the connection, makes the new protocol's
    ///   handler, which then takes the connection over
    ///   (``TCPConnection/move(to:alreadyReceived:makeHandler:)`` on this loop): it hears
    ///   `connectionDidOpen`, then any bytes that came behind the head. To refuse the
    ///   answer (a wrong `Sec-WebSocket-Accept`), throw: the connection is closed.
    /// - `onFailure` hears why no handler took the connection: the connect error (a
    ///   ``SystemCallError`` such as `ECONNREFUSED`), ``HTTPClientError/upgradeRefused(_:)``
    ///   for another status, ``HTTPClientError/timedOut``,
    ///   ``HTTPClientError/connectionClosed``, ``HTTPClientError/malformedResponse(_:)``,
    ///   ``HTTPClientError/invalidRequest``, or what `makeHandler` threw.
    ///
    /// - Parameters:
    ///   - address: The server.
    ///   - host: The `Host` value, unless `request` has one.
    ///   - loop: The loop the connection lives on; the caller must be on its thread.
    ///   - request: The upgrade request (`Upgrade` and `Connection: Upgrade` fields).
    ///   - configuration: The connect timeout, the request timeout (for the answer) and the
    ///     TCP settings.
    ///   - makeHandler: Makes the new protocol's handler from the `101`.
    ///   - onFailure: Called if no handler took the connection over.
    public static func upgrade(
        to address: SocketAddress,
        host: String,
        on loop: EventLoop,
        sending request: HTTPClientRequest,
        configuration: HTTPClient.Configuration = HTTPClient.Configuration(),
        makeHandler:
            @escaping (HTTPClientResponseHead, TCPConnection) throws -> any TCPConnectionHandler,
        onFailure: @escaping (any Error) -> Void
    ) {
        loop.preconditionInEventLoop()
        guard request.isValid else {
            // Reported like every other failure: later, on the loop, after we returned.
            loop.schedule(after: .zero) { onFailure(HTTPClientError.invalidRequest) }
            return
        }
        let bytes = request.serialized(host: host)
        let upgrade = ClientUpgrade(makeHandler: makeHandler, onFailure: onFailure)
        let handler = ClientConnectionHandler(
            maximumBodySize: configuration.maximumBodySize,
            isReusable: ReusableFlag()
        )
        handler.open(to: address, on: loop, configuration: configuration) { opened in
            switch opened {
            case .success:
                handler.sendUpgrade(bytes, timeout: configuration.requestTimeout, upgrade)
            case .failure(let error):
                onFailure(error)
            }
        }
    }
    // end-snippet
}
