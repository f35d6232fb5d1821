import EventLoop
import Sockets
import Synchronization

/// The loop side of a client connection.
///
/// It writes requests, parses the responses, and resumes the waiting tasks in order; or,
/// for an upgrade request, hands the connection to another protocol once the `101` has
/// arrived (HTTPClientConnection+Upgrade). Touched only on the connection's loop.
final class ClientConnectionHandler: TCPConnectionHandler {
    /// Who waits for a response, and what they want from it.
    private enum Outcome {
        /// The whole response, for a task.
        case response(CheckedContinuation<HTTPClientResponse, any Error>)
        /// A `101`, and the connection after it.
        case upgrade(ClientUpgrade)
    }

    private struct Waiter {
        let id: Int
        let outcome: Outcome
        let timer: ScheduledTimer?

        func fail(_ error: any Error) {
            timer?.cancel()
            switch outcome {
            case .response(let continuation): continuation.resume(throwing: error)
            case .upgrade(let upgrade): upgrade.onFailure(error)
            }
        }
    }

    private var connection: TCPConnection?
    private var parser: HTTPResponseParser
    private var waiters: [Waiter] = []
    private var nextID = 0
    private var head: HTTPClientResponseHead?
    private var body: [UInt8] = []
    private var opener: ((Result<Void, any Error>) -> Void)?
    private let maximumBodySize: Int
    /// Shared with the façade: whether another request may be sent.
    let isReusable: ReusableFlag

    init(maximumBodySize: Int, isReusable: ReusableFlag) {
        self.maximumBodySize = maximumBodySize
        self.parser = HTTPResponseParser()
        self.isReusable = isReusable
    }

    /// Starts connecting; `opener` is called once the connection is open, or failed.
    func open(
        to address: SocketAddress,
        on loop: EventLoop,
        configuration: HTTPClient.Configuration,
        _ opener: @escaping (Result<Void, any Error>) -> Void
    ) {
        self.opener = opener
        do {
            connection = try TCPConnection.connect(
                to: address,
                on: loop,
                configuration: configuration.tcp,
                timeout: configuration.connectTimeout,
                handler: self
            )
        } catch {
            self.opener = nil
            opener(.failure(error))
        }
    }

    /// Sends a request and queues `continuation` for its response.
    func send(
        _ bytes: [UInt8],
        method: HTTPMethod,
        timeout: Duration?,
        _ continuation: CheckedContinuation<HTTPClientResponse, any Error>
    ) {
        send(bytes, method: method, timeout: timeout, for: .response(continuation))
    }

    /// Sends a request asking to switch protocols; `upgrade` hears the outcome.
    func sendUpgrade(_ bytes: [UInt8], timeout: Duration?, _ upgrade: ClientUpgrade) {
        send(bytes, method: .get, timeout: timeout, for: .upgrade(upgrade))
    }

    private func send(
        _ bytes: [UInt8],
        method: HTTPMethod,
        timeout: Duration?,
        for outcome: Outcome
    ) {
        guard let connection, connection.isOpen, isReusable.value.load(ordering: .relaxed) else {
            let waiter = Waiter(id: -1, outcome: outcome, timer: nil)
            return waiter.fail(HTTPClientError.connectionClosed)
        }
        let id = nextID
        nextID += 1
        let timer = timeout.map { timeout in
            connection.loop.schedule(after: timeout) { [weak self] in self?.timedOut(id) }
        }
        waiters.append(Waiter(id: id, outcome: outcome, timer: timer))
        parser.expectResponse(to: method)
        connection.write(bytes)
    }

    func close() {
        connection?.close()
    }

    // MARK: Connection events

    func connectionDidOpen(_ connection: TCPConnection) {
        self.connection = connection
        isReusable.value.store(true, ordering: .relaxed)
        let opener = self.opener
        self.opener = nil
        opener?(.success(()))
    }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        parser.append(bytes)
        do {
            while true {
                switch try parser.next() {
                case .needMoreData:
                    return
                case .head(let received):
                    if case .upgrade(let upgrade) = waiters.first?.outcome {
                        if received.status == .switchingProtocols {
                            return switchProtocols(received, upgrade, connection)
                        }
                        if !received.status.isInformational {
                            return fail(HTTPClientError.upgradeRefused(received.status))
                        }
                    }
                    if !received.status.isInformational { head = received }
                case .body(let piece):
                    body += piece
                    if body.count > maximumBodySize {
                        return fail(HTTPClientError.bodyTooLarge(limit: maximumBodySize))
                    }
                case .end(let trailers):
                    if let head { complete(head, trailers: trailers) }
                }
            }
        } catch {
            fail(HTTPClientError.malformedResponse(error))
        }
    }

    func connectionDidReachEndOfInput(_ connection: TCPConnection) {
        isReusable.value.store(false, ordering: .relaxed)
        do {
            if case .end(let trailers) = try parser.finishInput(), let head {
                complete(head, trailers: trailers)
            }
        } catch {
            fail(HTTPClientError.connectionClosed)
            return
        }
        fail(HTTPClientError.connectionClosed)
    }

    func connectionDidClose(_ connection: TCPConnection, error: (any Error)?) {
        isReusable.value.store(false, ordering: .relaxed)
        let opener = self.opener
        self.opener = nil
        opener?(.failure(error ?? HTTPClientError.connectionClosed))
        failWaiters(HTTPClientError.connectionClosed)
        self.connection = nil
    }

    // snippet: client-switch-protocols
    /// The server agreed to switch protocols: hand the connection, and the bytes that
    /// came after the `101`'s head (the new protocol's first), to the new handler.
    private func switchProtocols(
        _ head: HTTPClientResponseHead,
        _ upgrade: ClientUpgrade,
        _ connection: TCPConnection
    ) {
        let waiter = waiters.removeFirst()
        waiter.timer?.cancel()
        isReusable.value.store(false, ordering: .relaxed)
        self.connection = nil
        let leftover = parser.takeUnparsedBytes()
        let handler: any TCPConnectionHandler
        do {
            handler = try upgrade.makeHandler(head, connection)
        } catch {
            connection.close(error: error)
            return upgrade.onFailure(error)
        }
        // The same hand-over as the server's after its 101, on this loop: the factory
        // runs at once, here, so the handler made above may be passed in through it.
        let madeHere = LoopBound(handler, on: connection.loop)
        connection.move(to: connection.loop, alreadyReceived: leftover) { _ in madeHere.value }
        if connection.handler !== handler {  // it closed meanwhile: no one took it over
            upgrade.onFailure(HTTPClientError.connectionClosed)
        }
    }
    // end-snippet

    // MARK: Completing

    private func complete(_ head: HTTPClientResponseHead, trailers: HTTPHeaders) {
        let response = HTTPClientResponse(head: head, body: body, trailers: trailers)
        self.head = nil
        body = []
        if !head.keepAlive {
            isReusable.value.store(false, ordering: .relaxed)
            connection?.closeAfterFlushing()
        }
        guard !waiters.isEmpty else { return }
        let waiter = waiters.removeFirst()
        waiter.timer?.cancel()
        if case .response(let continuation) = waiter.outcome {
            continuation.resume(returning: response)
        }
    }

    private func timedOut(_ id: Int) {
        guard waiters.contains(where: { $0.id == id }) else { return }
        fail(HTTPClientError.timedOut)
    }

    /// Fails every waiting request and closes: responses come in order, so once one is
    /// lost, none after it can be matched to its request.
    private func fail(_ error: HTTPClientError) {
        isReusable.value.store(false, ordering: .relaxed)
        failWaiters(error)
        connection?.close()
    }

    private func failWaiters(_ error: HTTPClientError) {
        let failed = waiters
        waiters.removeAll()
        for (index, waiter) in failed.enumerated() {
            waiter.fail(index == 0 ? error : HTTPClientError.connectionClosed)
        }
    }
}

/// What a client does with the answer to its upgrade request; both called on the loop.
struct ClientUpgrade {
    /// The `101` arrived: make the new protocol's handler, or throw to refuse it.
    let makeHandler: (HTTPClientResponseHead, TCPConnection) throws -> any TCPConnectionHandler
    /// No handler took the connection over, and why.
    let onFailure: (any Error) -> Void
}

/// Whether a client connection can take another request, readable from any thread.
final class ReusableFlag: Sendable {
    let value = Atomic(false)
}
