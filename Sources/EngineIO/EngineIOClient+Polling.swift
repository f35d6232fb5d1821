import EventLoop
import HTTP

/// The client's long-polling transport: a `GET` always waiting for the server's packets,
/// and a `POST` whenever there is something to send, each on a keep-alive connection of
/// its own (a held `GET` occupies its connection).
final class PollingClient {
    private weak var client: EngineIOClient?
    private let loop: EventLoop
    private let sid: String
    private var pollConnection: HTTPClientConnection?
    private var postConnection: HTTPClientConnection?
    private var isPolling = false
    private var isPosting = false
    /// During an upgrade: no new request, and `whenQuiet` once none is in flight.
    private var whenQuiet: (() -> Void)?

    private init(client: EngineIOClient, sid: String, pollConnection: HTTPClientConnection) {
        self.client = client
        self.loop = client.loop
        self.sid = sid
        self.pollConnection = pollConnection
    }

    // MARK: The handshake

    /// Opens a session by long-polling: `GET ?EIO=4&transport=polling`, whose answer
    /// starts with the open packet.
    static func handshake(for client: EngineIOClient) {
        let (loop, address, host) = (client.loop, client.address, client.server.hostField)
        let request = client.request(.get, target: client.target(transport: .polling, sid: nil))
        let configuration = client.httpConfiguration
        let bound = LoopBound(client, on: loop)
        Task(executorPreference: loop) {
            let outcome: Result<(HTTPClientConnection, HTTPClientResponse), any Error>
            do {
                let connection = try await HTTPClientConnection.connect(
                    to: address,
                    host: host,
                    on: loop,
                    configuration: configuration
                )
                outcome = .success((connection, try await connection.send(request)))
            } catch {
                outcome = .failure(error)
            }
            bound.value.pollingHandshakeReturned(outcome)
        }
    }

    /// Reads the handshake's answer: the open packet, maybe more.
    static func handshakeReturned(
        _ outcome: Result<(HTTPClientConnection, HTTPClientResponse), any Error>,
        for client: EngineIOClient
    ) {
        let connection: HTTPClientConnection
        let packets: [EngineIOPacket]
        do {
            let response: HTTPClientResponse
            (connection, response) = try outcome.get()
            packets = try decode(response, with: client.options.parts)
        } catch {
            return client.finish(.transportError("handshake failed: \(error)"))
        }
        guard case .open(let handshake) = packets.first else {
            return client.finish(.transportError("the handshake did not start with an open packet"))
        }
        let polling = PollingClient(client: client, sid: handshake.sid, pollConnection: connection)
        client.opened(handshake, phase: .polling(polling, probe: nil))
        for packet in packets.dropFirst() {
            guard client.isOpen else { return }
            client.receive(packet)
        }
        polling.poll()
    }

    // MARK: Polling

    /// Sends the next `GET`, unless one waits already or an upgrade holds polling back.
    func poll() {
        guard !isPolling, whenQuiet == nil, let client, client.isOpen, !client.isClosing else {
            return
        }
        isPolling = true
        let request = client.request(.get, target: client.target(transport: .polling, sid: sid))
        let bound = LoopBound(self, on: loop)
        let (loop, address, host, configuration) = (
            loop, client.address, client.server.hostField, client.httpConfiguration
        )
        let connection = pollConnection
        Task(executorPreference: loop) {
            let outcome: Result<HTTPClientResponse, any Error>
            do {
                let open: HTTPClientConnection
                if let connection, connection.isReusable {
                    open = connection
                } else {
                    open = try await HTTPClientConnection.connect(
                        to: address,
                        host: host,
                        on: loop,
                        configuration: configuration
                    )
                    bound.value.pollConnection = open
                }
                outcome = .success(try await open.send(request))
            } catch {
                outcome = .failure(error)
            }
            bound.value.pollReturned(outcome)
        }
    }

    private func pollReturned(_ outcome: Result<HTTPClientResponse, any Error>) {
        isPolling = false
        guard let client, client.isOpen else { return }
        let packets: [EngineIOPacket]
        do {
            packets = try Self.decode(try outcome.get(), with: client.options.parts)
        } catch {
            // While closing, the server may end the session before our POST's answer: done.
            if client.isClosing { return client.closePacketSent() }
            return client.finish(.transportError("poll failed: \(error)"))
        }
        for packet in packets {
            guard client.isOpen else { return }
            client.receive(packet)
        }
        poll()
        checkQuiet()
    }

    // MARK: Posting

    // snippet: client-post
    /// Sends what the client has queued, in `POST`s no larger than the server's limit,
    /// one at a time.
    func postIfIdle() {
        guard !isPosting, whenQuiet == nil, let client, let handshake = client.handshake,
            !client.outbox.isEmpty
        else { return }
        // At most 16 packets a POST: python-engineio's server refuses more (its
        // `max_decode_packets`), and answers "ok" all the same, losing them.
        let parts = client.options.parts
        let count = parts.payloadCodec.countFitting(
            client.outbox,
            limit: handshake.maxPayload,
            maximumCount: 16
        )
        let body = parts.encodePayload(Array(client.outbox.prefix(count)))
        client.outbox.removeFirst(count)
        isPosting = true
        let bound = LoopBound(self, on: loop)
        send(body) { bound.value.postReturned($0) }
    }
    // end-snippet

    private func send(
        _ body: [UInt8],
        then finish: @escaping @Sendable (Result<HTTPClientResponse, any Error>) -> Void
    ) {
        guard let client else { return }
        var request = client.request(.post, target: client.target(transport: .polling, sid: sid))
        request.headers.set(name: "Content-Type", value: "text/plain; charset=UTF-8")
        request.body = .bytes(body)
        let bound = LoopBound(self, on: loop)
        let (loop, address, host, configuration) = (
            loop, client.address, client.server.hostField, client.httpConfiguration
        )
        let connection = postConnection
        Task(executorPreference: loop) {
            let outcome: Result<HTTPClientResponse, any Error>
            do {
                let open: HTTPClientConnection
                if let connection, connection.isReusable {
                    open = connection
                } else {
                    open = try await HTTPClientConnection.connect(
                        to: address,
                        host: host,
                        on: loop,
                        configuration: configuration
                    )
                    bound.value.postConnection = open
                }
                outcome = .success(try await open.send(request))
            } catch {
                outcome = .failure(error)
            }
            finish(outcome)
        }
    }

    private func postReturned(_ outcome: Result<HTTPClientResponse, any Error>) {
        isPosting = false
        guard let client, client.isOpen else { return }
        switch outcome {
        case .success(let response) where response.status == .ok:
            if client.isClosing && client.outbox.isEmpty { return client.closePacketSent() }
            postIfIdle()
            checkQuiet()
        case .success(let response):
            client.finish(.transportError("post answered \(response.status)"))
        case .failure(let error):
            client.finish(.transportError("post failed: \(error)"))
        }
    }

    // MARK: Upgrade and close

    /// Stops sending requests, and calls `body` once none is in flight: the upgrade may
    /// then switch to the WebSocket without losing a packet.
    func pause(then body: @escaping () -> Void) {
        whenQuiet = body
        checkQuiet()
    }

    /// Polls and posts again after an upgrade that failed.
    func resume() {
        whenQuiet = nil
        poll()
        postIfIdle()
    }

    private func checkQuiet() {
        guard let body = whenQuiet, !isPolling, !isPosting else { return }
        whenQuiet = nil
        isPosting = true  // nothing more leaves by polling
        isPolling = true
        body()
    }

    /// Closes the connections still held.
    func shutdown() {
        pollConnection?.closeNow()
        postConnection?.closeNow()
        pollConnection = nil
        postConnection = nil
    }

    /// The packets of a polling response; anything but `200` is an error.
    private static func decode(_ response: HTTPClientResponse, with parts: EngineIOParts) throws
        -> [EngineIOPacket]
    {
        guard response.status == .ok else { throw RefusedRequest(status: response.status) }
        return try parts.decodePayload(response.body)
    }

    /// A poll or handshake answered with something other than `200`.
    private struct RefusedRequest: Error, CustomStringConvertible {
        let status: HTTPStatus
        var description: String { "the server answered \(status)" }
    }
}

extension EngineIOClient {
    /// A request to the server, with the caller's extra fields.
    func request(_ method: HTTPMethod, target: String) -> HTTPClientRequest {
        HTTPClientRequest(method: method, target: target, headers: options.extraHeaders)
    }

    /// The HTTP client settings: no request timeout (a poll waits as long as the server
    /// wants; the heartbeat notices a dead server), the caller's TCP settings.
    var httpConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.requestTimeout = nil
        configuration.connectTimeout = options.connectTimeout
        configuration.tcp = options.tcp
        return configuration
    }

    /// The answer to the polling handshake.
    func pollingHandshakeReturned(
        _ outcome: Result<(HTTPClientConnection, HTTPClientResponse), any Error>
    ) {
        guard case .opening = phase else { return }
        PollingClient.handshakeReturned(outcome, for: self)
    }
}
