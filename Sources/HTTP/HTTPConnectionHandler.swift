import EventLoop
import Sockets

/// Serves HTTP/1.1 on one TCP connection: parses requests, calls the handler, and
/// writes the answers in order.
///
/// One instance per connection, living on the connection's loop. The reading side (this
/// file) feeds received bytes to the ``HTTPRequestParser`` and turns its events into
/// handler calls; the writing side (`+Responses`) keeps the queue of answers; the timers
/// (`+Timeouts`) close connections that are too slow or idle too long.
final class HTTPConnectionHandler: TCPConnectionHandler {
    let connection: TCPConnection
    let context: HTTPServerContext
    let dateCache: HTTPDateCache
    var parser: HTTPRequestParser
    /// This handler, in a form writers can carry to other threads; `nil` once closed.
    var bound: LoopBound<HTTPConnectionHandler>?
    private var remoteAddress: SocketAddress?

    /// The body being parsed now, if any.
    var currentBody: RequestBodyStream?
    private var nextSequence = 0
    /// The answers owed, first in line first.
    var responses: [ResponseState] = []
    /// The number of the first request not yet answered in full.
    ///
    /// Every request below it has had its response end and handed to the connection; any
    /// other request no longer in the queue was abandoned.
    var answeredBefore = 0
    /// No further request will be read (close requested, error, shutdown, end of input).
    var isFinishing = false
    var isInputEnded = false
    var isClosed = false
    var isUpgraded = false
    var isShuttingDown = false
    /// An upgrade request waits for its answer before anything after it is parsed.
    var pendingUpgrade: Int?
    /// An upgrade request with a body: parsing stops at the body's end.
    private var upgradeAfterBody: Int?
    /// The request being parsed asked to close the connection after it.
    private var closesAfterCurrentRequest = false
    private var isProcessingInput = false
    private var isReadingPaused = false

    // Timers: see HTTPConnectionHandler+Timeouts.swift.
    var headStartedAt: LoopInstant?
    var idleSince: LoopInstant
    var deadline: (kind: DeadlineKind, at: LoopInstant)?
    var timer: (timer: ScheduledTimer, at: LoopInstant)?

    init(connection: TCPConnection, context: HTTPServerContext) {
        self.connection = connection
        self.context = context
        self.dateCache = context.dateCache(for: connection.loop)
        self.parser = HTTPRequestParser(limits: context.configuration.limits)
        self.idleSince = connection.loop.now
        self.bound = LoopBound(self, on: connection.loop)
    }

    var configuration: HTTPServer.Configuration { context.configuration }

    func connectionDidOpen(_ connection: TCPConnection) {
        remoteAddress = connection.remoteAddress
        updateTimer()
    }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        parser.append(bytes)
        processInput()
    }

    func connectionDidReachEndOfInput(_ connection: TCPConnection) {
        isInputEnded = true
        processInput()
        // The client stopped sending while answers are owed: it has most likely gone (see
        // HTTPResponseWriter.whenAbandoned). The answers may still be written.
        for hook in takeAbandonHooks() { hook() }
    }

    func connectionShouldShutDown(_ connection: TCPConnection) {
        isShuttingDown = true
        isFinishing = true
        closeIfDone()
    }

    func connectionWritabilityDidChange(_ connection: TCPConnection) {
        if connection.isWritable { wakeWritabilityWaiters() }
    }

    func connectionDidClose(_ connection: TCPConnection, error: (any Error)?) {
        isClosed = true
        timer?.timer.cancel()
        timer = nil
        let abandoned = takeAbandonHooks()
        currentBody?.finish(.failure(.connectionClosed))
        currentBody = nil
        for response in responses { response.body?.finish(.failure(.connectionClosed)) }
        responses.removeAll()
        bound = nil  // break the cycle handler → bound → handler
        for hook in abandoned { hook() }
    }

    // MARK: Parsing

    /// Whether the parser may go on: not while the answers owed would exceed the
    /// pipelining limit, an upgrade is undecided, or an unread body fills its buffer.
    private var mayParse: Bool {
        if isClosed || isUpgraded || isFinishing || pendingUpgrade != nil { return false }
        if responses.count >= configuration.maximumPipelinedRequests { return false }
        if let body = currentBody, !body.hasReader,
            body.bufferedCount > configuration.bodyBufferSize
        {
            return false
        }
        return true
    }

    /// Parses what has arrived, as far as allowed, and acts on each event.
    func processInput() {
        guard !isProcessingInput else { return }  // a handler answered while we parse
        isProcessingInput = true
        defer { isProcessingInput = false }
        while mayParse {
            let event: HTTPRequestParser.Event
            do {
                event = try parser.next()
            } catch {
                parseFailed(error)
                break
            }
            switch event {
            case .needMoreData:
                if isInputEnded { inputEndedWhileWaiting() }
                return finishProcessing()
            case .head(let head):
                startRequest(head)
            case .body(let bytes):
                currentBody?.receive(bytes)
            case .end(let trailers):
                currentBody?.finish(.success(trailers))
                currentBody = nil
                if closesAfterCurrentRequest { isFinishing = true }
                if let sequence = upgradeAfterBody {
                    upgradeAfterBody = nil
                    if index(of: sequence) != nil { pendingUpgrade = sequence }
                }
            }
        }
        finishProcessing()
    }

    private func finishProcessing() {
        updateReadingInterest()
        updateTimer()
        closeIfDone()
    }

    private func startRequest(_ head: HTTPRequestHead) {
        let sequence = nextSequence
        nextSequence += 1
        headStartedAt = nil
        var body: RequestBodyStream?
        if head.bodyLength != .none {
            var announcedLength: Int?
            if case .fixed(let length) = head.bodyLength { announcedLength = length }
            body = RequestBodyStream(
                sequence: sequence,
                announcedLength: announcedLength,
                connection: self
            )
            currentBody = body
        }
        responses.append(ResponseState(sequence: sequence, head: head, body: body))
        closesAfterCurrentRequest = !head.keepAlive
        if head.wantsUpgrade || head.method == .connect {
            // Stop parsing once this request is complete: what follows may be another
            // protocol. (A request with a body is held back at its end, not its head.)
            if body == nil { pendingUpgrade = sequence } else { upgradeAfterBody = sequence }
        }
        guard let bound else { return }
        let request = HTTPRequest(
            head: head,
            body: body.map {
                HTTPRequestBody(stream: LoopBound($0, on: connection.loop), length: head.bodyLength)
            }
                ?? .empty,
            remoteAddress: remoteAddress
        )
        let writer = HTTPResponseWriter(connection: bound, sequence: sequence, hooks: nil)
        context.handler.handle(request, writer)
    }

    /// A request broke the syntax: answer with its status (in its place in the queue)
    /// and close once the answers before it are out.
    private func parseFailed(_ error: HTTPParseError) {
        isFinishing = true
        context.logger.debug("\(connection): \(error)")
        if let body = currentBody {
            currentBody = nil
            // Answer first: the body's reader hears of the failure next, and any answer
            // it then tries is ignored.
            if let index = index(of: body.sequence) {
                if responses[index].phase == .waiting {
                    respondWithError(at: index, error.status, message: error.description)
                } else {
                    responses[index].closesConnection = true
                }
            }
            body.finish(.failure(.malformed(error)))
            return
        }
        answerUnparsedRequest(error.status, message: error.description)
    }

    /// Queues the server's own answer for a request that never got as far as a head (it
    /// was malformed, or too slow), after the answers owed before it.
    func answerUnparsedRequest(_ status: HTTPStatus, message: String) {
        let sequence = nextSequence
        nextSequence += 1
        responses.append(ResponseState(sequence: sequence, head: nil, body: nil))
        respondWithError(at: responses.count - 1, status, message: message)
    }

    /// The peer ended its side: a request cut short is dropped; the rest are answered.
    private func inputEndedWhileWaiting() {
        do {
            try parser.finishInput()
        } catch {
            currentBody?.finish(.failure(.connectionClosed))
            currentBody = nil
        }
        isFinishing = true
    }

    /// Stops reading the socket while the parser may not go on, so the kernel's buffer
    /// fills and TCP tells the client to wait; starts again once it may.
    func updateReadingInterest() {
        guard !isClosed, !isUpgraded else { return }
        let shouldPause = !mayParse
        if shouldPause != isReadingPaused {
            isReadingPaused = shouldPause
            if shouldPause { connection.pauseReading() } else { connection.resumeReading() }
        }
    }

    /// Closes the connection gracefully once nothing more will be read and every answer
    /// owed is out.
    func closeIfDone() {
        guard !isClosed, !isUpgraded, isFinishing, responses.isEmpty else { return }
        connection.closeAfterFlushing()
    }

    /// A reader started reading a body: send `100 Continue` if the client waits for it,
    /// and take up parsing again if an unread body had stopped it.
    func bodyReaderAttached(_ body: RequestBodyStream) {
        if let index = index(of: body.sequence) { sendContinueIfAwaited(at: index) }
        processInput()
    }

    /// A reader refused a body as too large: stop reading, answer, then close.
    func bodyReaderRefused(_ body: RequestBodyStream) {
        if let index = index(of: body.sequence) { responses[index].closesConnection = true }
        if body === currentBody { isFinishing = true }
        updateReadingInterest()
    }

    /// Where the response for request `sequence` is in the queue, if it is still owed.
    func index(of sequence: Int) -> Int? {
        guard let first = responses.first else { return nil }
        let index = sequence - first.sequence
        return index >= 0 && index < responses.count ? index : nil
    }
}
