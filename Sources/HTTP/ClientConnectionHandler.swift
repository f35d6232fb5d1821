import EventLoop
import Sockets
import Synchronization

/// The loop side of a client connection.
///
/// It writes requests, parses the responses, and resumes the waiting tasks in order.
/// Touched only on the connection's loop.
final class ClientConnectionHandler: TCPConnectionHandler {
    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<HTTPClientResponse, any Error>
        let timer: ScheduledTimer?
    }

    private var connection: TCPConnection?
    private var parser: HTTPResponseParser
    private var waiters: [Waiter] = []
    private var nextID = 0
    private var head: HTTPClientResponseHead?
    private var body: [UInt8] = []
    private var opener: CheckedContinuation<Void, any Error>?
    private let maximumBodySize: Int
    /// Shared with the façade: whether another request may be sent.
    let isReusable: ReusableFlag

    init(maximumBodySize: Int, isReusable: ReusableFlag) {
        self.maximumBodySize = maximumBodySize
        self.parser = HTTPResponseParser()
        self.isReusable = isReusable
    }

    /// Starts connecting; `opener` resumes once the connection is open, or failed.
    func open(
        to address: SocketAddress,
        on loop: EventLoop,
        configuration: HTTPClient.Configuration,
        _ opener: CheckedContinuation<Void, any Error>
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
            opener.resume(throwing: error)
        }
    }

    /// Sends a request and queues `continuation` for its response.
    func send(
        _ bytes: [UInt8],
        method: HTTPMethod,
        timeout: Duration?,
        _ continuation: CheckedContinuation<HTTPClientResponse, any Error>
    ) {
        guard let connection, connection.isOpen, isReusable.value.load(ordering: .relaxed) else {
            return continuation.resume(throwing: HTTPClientError.connectionClosed)
        }
        let id = nextID
        nextID += 1
        let timer = timeout.map { timeout in
            connection.loop.schedule(after: timeout) { [weak self] in self?.timedOut(id) }
        }
        waiters.append(Waiter(id: id, continuation: continuation, timer: timer))
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
        opener?.resume()
        opener = nil
    }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        parser.append(bytes)
        do {
            while true {
                switch try parser.next() {
                case .needMoreData:
                    return
                case .head(let received):
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
        opener?.resume(throwing: error ?? HTTPClientError.connectionClosed)
        opener = nil
        failWaiters(HTTPClientError.connectionClosed)
        self.connection = nil
    }

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
        waiter.continuation.resume(returning: response)
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
            waiter.timer?.cancel()
            waiter.continuation.resume(
                throwing: index == 0 ? error : HTTPClientError.connectionClosed
            )
        }
    }
}

/// Whether a client connection can take another request, readable from any thread.
final class ReusableFlag: Sendable {
    let value = Atomic(false)
}
