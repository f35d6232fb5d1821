import EventLoop
import Sockets
import Synchronization

/// The loop side of a ``RedisConnection``, which matches replies to requests by order.
///
/// Requests are written in order and replies matched to them in the same order. Touched
/// only on its loop.
///
/// Redis answers the requests of one connection one by one, in the order it read them,
/// so a client may send many before the first answer arrives (*pipelining*) and match
/// answers to requests by position alone: the first reply is the first request's. That
/// is why everything that breaks the order (a reply that never comes in time, bytes that
/// are not RESP) must end the connection: from then on, no reply could be matched.
final class RedisRequestPipeline: RedisLinkDelegate {
    /// A request made and not yet answered.
    private struct Request {
        let id: UInt64
        let name: String
        /// The encoded command while it waits to be sent; empty once sent.
        var bytes: [UInt8]
        let timeout: Duration
        let completion: (Result<RESPValue, RedisError>) -> Void
        var timer: ScheduledTimer?

        func complete(_ result: Result<RESPValue, RedisError>) {
            timer?.cancel()
            completion(result)
        }
    }

    let link: RedisLink
    /// Whether the link is ready, for any thread to read.
    let isConnected = ConnectedFlag()
    private var configuration: RedisConfiguration { link.configuration }
    /// Sent, awaiting replies, oldest first.
    private var inFlight = RequestQueue<Request>()
    /// Made while disconnected, to be sent once connected.
    private var waiting = RequestQueue<Request>()
    private var nextID: UInt64 = 0
    private var opener: ((Result<Void, RedisError>) -> Void)?
    private var isClosed = false
    private var lastDisconnect = "not connected yet"
    /// While a batch is being sent, the bytes of its commands, to leave in one write.
    private var batch: [UInt8] = []
    private var isBatching = false

    init(address: SocketAddress, loop: EventLoop, configuration: RedisConfiguration) {
        link = RedisLink(
            address: address,
            loop: loop,
            configuration: configuration,
            handshake: RedisHandshake.commands(for: configuration, selectsDatabase: true)
        )
        link.delegate = self
    }

    /// Connects; `opener` hears of the first connection's success or failure.
    func open(_ opener: @escaping (Result<Void, RedisError>) -> Void) {
        self.opener = opener
        link.connect()
    }

    // snippet: pipeline-send
    /// Sends `command`, or queues it while disconnected; `completion` runs on the loop
    /// with the reply.
    func send(
        _ command: RedisCommand,
        timeout: Duration?,
        completion: @escaping (Result<RESPValue, RedisError>) -> Void
    ) {
        if isClosed { return completion(.failure(.closed)) }
        if let reason = Self.refusal(command.name) {
            return completion(.failure(.unsupportedCommand(command.name, reason: reason)))
        }
        let id = nextID
        nextID += 1
        var request = Request(
            id: id,
            name: command.name,
            bytes: [],
            timeout: timeout ?? configuration.requestTimeout,
            completion: completion
        )
        if link.isReady {
            request.timer = armTimer(for: request)
            inFlight.append(request)
            if isBatching {
                command.encode(into: &batch)
                // Leave in pieces of 64 KiB: the kernel takes them while the rest is encoded.
                if batch.count >= 64 * 1024 { writeBatch() }
            } else {
                link.write(command.encoded)
            }
            return
        }
        switch configuration.whileDisconnected {
        case .fail:
            completion(.failure(.notConnected(reason: lastDisconnect)))
        case .wait(let maximumRequests):
            guard waiting.count < maximumRequests else {
                return completion(.failure(.tooManyWaitingRequests(limit: maximumRequests)))
            }
            request.bytes = command.encoded
            request.timer = armTimer(for: request)
            waiting.append(request)
        }
    }
    // end-snippet

    /// Sends every command of `body`'s ``send(_:timeout:completion:)`` calls in one write.
    ///
    /// Each `write` to a connection is a `send(2)`: 10,000 commands written one by one are
    /// 10,000 system calls; joined in pieces of 64 KiB, they are a few.
    func sendingInOneWrite(_ body: () -> Void) {
        isBatching = true
        body()
        isBatching = false
        writeBatch()
    }

    private func writeBatch() {
        let bytes = batch
        batch = []
        if !bytes.isEmpty && link.isReady { link.write(bytes) }
    }

    /// Closes the connection for good; every request not yet answered fails.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        link.close()
        for request in inFlight.removeAll() + waiting.removeAll() {
            request.complete(.failure(.closed))
        }
    }

    /// Commands whose replies do not come one per request.
    private static func refusal(_ name: String) -> String? {
        switch name {
        case "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE",
            "SUNSUBSCRIBE":
            "pub/sub needs a connection of its own: use RedisSubscriber"
        case "MONITOR": "it turns the connection into a stream of every command the server runs"
        default: nil
        }
    }

    // MARK: Timeouts

    private func armTimer(for request: Request) -> ScheduledTimer {
        let id = request.id
        return link.loop.schedule(after: request.timeout) { [weak self] in self?.timedOut(id) }
    }

    private func timedOut(_ id: UInt64) {
        if let request = waiting.remove(where: { $0.id == id }) {
            // Never sent: nothing is out of order, the connection stays as it is.
            return request.completion(
                .failure(.timedOut(command: request.name, after: request.timeout))
            )
        }
        guard let request = inFlight.remove(where: { $0.id == id }) else { return }
        request.completion(.failure(.timedOut(command: request.name, after: request.timeout)))
        // Its reply may still come, and would be taken for the next request's: start over.
        link.fail(
            .connectionLost(
                command: "",
                reason: "\(request.name) got no reply within \(request.timeout), "
                    + "so later replies could not be matched to their requests"
            )
        )
    }

    // MARK: Link events

    func linkDidBecomeReady(_ link: RedisLink) {
        isConnected.value.store(true, ordering: .relaxed)
        if let opener {
            self.opener = nil
            link.reconnectsAutomatically = true
            opener(.success(()))
        }
        // What waited for the connection leaves now, in order, in one write.
        var bytes: [UInt8] = []
        for var request in waiting.removeAll() {
            bytes += request.bytes
            request.bytes = []
            inFlight.append(request)
        }
        if !bytes.isEmpty { link.write(bytes) }
    }

    func link(_ link: RedisLink, didReceive value: RESPValue) {
        if case .push = value {
            // RESP3 out-of-band data (a tracking invalidation): never a reply.
            configuration.onPush?(value)
            return
        }
        guard let request = inFlight.popFirst() else {
            return link.fail(.unexpectedReply("\(value), with no request waiting"))
        }
        if let error = value.error {
            request.complete(.failure(.server(error)))
        } else {
            request.complete(.success(value))
        }
    }

    func link(_ link: RedisLink, didDisconnect error: RedisError, wasReady: Bool) {
        isConnected.value.store(false, ordering: .relaxed)
        lastDisconnect = "\(error)"
        if let opener {
            self.opener = nil
            isClosed = true
            link.close()
            opener(.failure(error.forFirstConnection(to: link.address)))
        }
        // The first in flight is the one whose reply broke the stream, if it broke.
        for request in inFlight.removeAll() {
            request.complete(.failure(error.forRequest(request.name)))
        }
        if isClosed || !link.reconnectsAutomatically {
            for request in waiting.removeAll() {
                request.complete(.failure(error.forWaitingRequest))
            }
        }
    }
}

/// Whether a connection is ready, readable from any thread.
final class ConnectedFlag: Sendable {
    let value = Atomic(false)
}
