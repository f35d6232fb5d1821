import EventLoop

extension HTTPConnectionHandler {
    // MARK: Answers from writers (on the loop)

    func respond(_ sequence: Int, _ response: HTTPResponse, hooks: ResponseHooks?) {
        guard let index = index(of: sequence), responses[index].phase == .waiting else { return }
        var head = response.head
        hooks?.apply(to: &head)
        var body = response.body
        if let problem = refusal(of: head) {
            context.logger.error("refused to send a response: \(problem)")
            let error = HTTPResponse.error(.internalServerError)
            (head, body) = (error.head, error.body)
        }
        responses[index].hooks = hooks
        let state = responses[index]
        let framing: ResponseFraming = head.status.forbidsBody ? .none : .fixed(body.count)
        var output: [UInt8] = []
        output.reserveCapacity(192 + head.headers.count * 32 + body.count)
        writeHead(head, framing: framing, at: index, into: &output)
        if framing != .none && !state.isHeadRequest {
            output.append(contentsOf: body)
            responses[index].bodyBytesSent = body.count
        }
        emit(output, at: index)
        finish(at: index)
    }

    func writeHead(_ sequence: Int, _ head: HTTPResponseHead, hooks: ResponseHooks?) {
        guard let index = index(of: sequence), responses[index].phase == .waiting else { return }
        var head = head
        hooks?.apply(to: &head)
        if let problem = refusal(of: head) {
            context.logger.error("refused to send a response: \(problem)")
            return respond(sequence, .error(.internalServerError), hooks: nil)
        }
        responses[index].hooks = hooks
        let framing: ResponseFraming
        if head.status.forbidsBody {
            framing = .none
        } else if let length = head.headers["Content-Length"].flatMap(HTTPSyntax.decimalValue) {
            framing = .fixed(length)
            responses[index].fixedLength = length
        } else if responses[index].requestVersion >= .http11 {
            framing = .chunked
        } else {
            framing = .untilClose
        }
        var output: [UInt8] = []
        writeHead(head, framing: framing, at: index, into: &output)
        emit(output, at: index)
        responses[index].phase = .streaming(framing)
        if framing == .none { finish(at: index) }
    }

    func writeBody(_ sequence: Int, _ bytes: [UInt8], whenReady: (@Sendable () -> Void)?) {
        guard let index = index(of: sequence), case .streaming(let framing) = responses[index].phase
        else { return }
        if let whenReady { responses[index].writabilityWaiters.append(whenReady) }
        if !responses[index].isHeadRequest && !bytes.isEmpty {
            let sent = responses[index].bodyBytesSent + bytes.count
            if let length = responses[index].fixedLength, sent > length {
                context.logger.error("\(connection): body longer than its Content-Length \(length)")
                return connection.close()
            }
            responses[index].bodyBytesSent = sent
            switch framing {
            case .chunked: emit(ResponseSerializer.chunk(bytes), at: index)
            case .fixed, .untilClose: emit(bytes, at: index)
            case .none: break
            }
        }
        if index == 0 && connection.isWritable { wakeWritabilityWaiters() }
    }

    func end(_ sequence: Int, trailers: HTTPHeaders) {
        guard let index = index(of: sequence), case .streaming(let framing) = responses[index].phase
        else { return }
        let state = responses[index]
        if let length = state.fixedLength, state.bodyBytesSent != length, !state.isHeadRequest {
            // The client would wait for bytes that never come: end the connection instead.
            context.logger.error("\(connection): body shorter than its Content-Length \(length)")
            return connection.close()
        }
        if framing == .chunked && !state.isHeadRequest {
            emit(
                ResponseSerializer.lastChunk(trailers: HTTPHeaders(trailers.filter(\.isValid))),
                at: index
            )
        }
        if framing == .untilClose { responses[index].closesConnection = true }
        finish(at: index)
    }

    func upgrade(
        _ sequence: Int,
        headers: HTTPHeaders,
        loop: EventLoop?,
        makeHandler: @escaping @Sendable (TCPConnection) -> any TCPConnectionHandler
    ) {
        guard let index = index(of: sequence), responses[index].phase == .waiting else { return }
        var head = HTTPResponseHead(status: .switchingProtocols, headers: headers)
        if !head.headers.contains("Connection") {
            head.headers.add(name: "Connection", value: "Upgrade")
        }
        if let problem = ResponseSerializer.problem(with: head) {
            context.logger.error("refused to send an upgrade: \(problem)")
            return respond(sequence, .error(.internalServerError), hooks: nil)
        }
        var output: [UInt8] = []
        ResponseSerializer.writeHead(
            head,
            framing: .none,
            connection: .unstated,
            dateLine: dateCache.dateLine,
            into: &output
        )
        responses[index].status = head.status
        responses[index].upgrade = Upgrade(loop: loop, makeHandler: makeHandler)
        emit(output, at: index)
        finish(at: index)
    }

    func abort(_ sequence: Int) {
        guard index(of: sequence) != nil else { return }
        connection.close()
    }

    // snippet: when-abandoned
    /// Calls `hook` if the response for request `sequence` is abandoned: at once if it
    /// already was, never if it was answered in full.
    func whenAbandoned(_ sequence: Int, _ hook: @escaping @Sendable () -> Void) {
        if let index = index(of: sequence) {
            // The client already stopped sending: what `connectionDidReachEndOfInput` told
            // the hooks registered before, this one hears now.
            if isInputEnded { return hook() }
            responses[index].abandonHooks.append(hook)
        } else if sequence >= answeredBefore {
            hook()  // gone from the queue without being answered: the connection closed
        }
    }

    /// Takes the abandonment hooks of every answer still owed, to call once the
    /// connection's state is settled (a hook may call the writer again).
    func takeAbandonHooks() -> [@Sendable () -> Void] {
        var hooks: [@Sendable () -> Void] = []
        for index in responses.indices where !responses[index].abandonHooks.isEmpty {
            hooks += responses[index].abandonHooks
            responses[index].abandonHooks = []
        }
        return hooks
    }
    // end-snippet

    // MARK: The queue

    /// Serialises a head, deciding whether the connection closes after it.
    private func writeHead(
        _ head: HTTPResponseHead,
        framing: ResponseFraming,
        at index: Int,
        into output: inout [UInt8]
    ) {
        let state = responses[index]
        var closes =
            state.closesConnection || !state.requestKeepAlive || isShuttingDown
            || (isFinishing && index == responses.count - 1 && currentBody == nil)
            || framing == .untilClose
            || HTTPSyntax.listContains(head.headers["Connection"], "close")
        if let body = state.body, !body.isFinished {
            // RFC 9110 §10.1.1: a client told to wait for 100 Continue that never got it
            // may or may not send the body; we cannot know where the next request starts.
            if state.expectsContinue && !state.continueSent { closes = true }
        }
        responses[index].closesConnection = closes
        responses[index].status = head.status
        let option: ConnectionOption =
            closes ? .close : (state.requestVersion < .http11 ? .keepAlive : .unstated)
        ResponseSerializer.writeHead(
            head,
            framing: framing,
            connection: option,
            dateLine: dateCache.dateLine,
            into: &output
        )
    }

    // snippet: in-order
    /// Sends `bytes` now if the response is first in line, else holds them.
    private func emit(_ bytes: [UInt8], at index: Int) {
        if index == 0 {
            connection.write(bytes)
        } else {
            responses[index].pending.append(contentsOf: bytes)
        }
    }
    // end-snippet

    private func finish(at index: Int) {
        responses[index].phase = .finished
        let state = responses[index]
        state.hooks?.complete(status: state.status, bodyBytes: state.bodyBytesSent)
        if index == 0 { advanceQueue() }
    }

    /// Retires finished responses from the front of the queue, and lets the next one write.
    private func advanceQueue() {
        while let first = responses.first, first.phase == .finished {
            responses.removeFirst()
            answeredBefore = first.sequence + 1
            if let body = first.body, !body.isFinished {
                body.discardRest()
                if first.closesConnection && body === currentBody { isFinishing = true }
            }
            if let upgrade = first.upgrade { return performUpgrade(upgrade) }
            if first.closesConnection {
                isFinishing = true
                let abandoned = takeAbandonHooks()  // the requests behind it stay unanswered
                responses.removeAll()
                connection.closeAfterFlushing()
                for hook in abandoned { hook() }
                return
            }
            if first.sequence == pendingUpgrade { pendingUpgrade = nil }
            guard !responses.isEmpty else { break }
            if !responses[0].pending.isEmpty {
                connection.write(responses[0].pending)
                responses[0].pending = []
            }
            sendContinueIfAwaited(at: 0)
            if connection.isWritable { wakeWritabilityWaiters() }
        }
        if responses.isEmpty { idleSince = connection.loop.now }
        processInput()
    }

    /// Sends `100 Continue` for the response at `index` if its client waits for it, the
    /// body has a reader, and it is first in line (interim answers keep the order too).
    func sendContinueIfAwaited(at index: Int) {
        let state = responses[index]
        guard index == 0, state.expectsContinue, !state.continueSent, state.phase == .waiting,
            let body = state.body, body.hasReader, !body.isFinished
        else { return }
        responses[index].continueSent = true
        connection.write(ResponseSerializer.continueResponse)
    }

    /// Calls the producers waiting for the first response in line to accept more.
    func wakeWritabilityWaiters() {
        guard !responses.isEmpty, !responses[0].writabilityWaiters.isEmpty else { return }
        let waiters = responses[0].writabilityWaiters
        responses[0].writabilityWaiters = []
        // On a later turn of the loop: a producer that writes again from inside its
        // callback must not recurse into this one.
        connection.loop.execute { for waiter in waiters { waiter() } }
    }

    /// An answer the server gives itself (a parse error, a timeout), then closes.
    func respondWithError(at index: Int, _ status: HTTPStatus, message: String) {
        responses[index].closesConnection = true
        respond(responses[index].sequence, .error(status, message: message), hooks: nil)
    }

    // snippet: upgrade-handover
    /// Hands the connection to the new protocol (after a `101`), on the loop it asked for.
    ///
    /// The `101` is queued on the connection, so it leaves first even if the connection
    /// moves; the bytes the client sent after the request go along to the new handler.
    private func performUpgrade(_ upgrade: Upgrade) {
        isUpgraded = true
        timer?.timer.cancel()
        timer = nil
        responses.removeAll()  // nothing is parsed behind an upgrade: no one else waits
        bound = nil
        let leftover = parser.takeUnparsedBytes()
        connection.move(
            to: upgrade.loop ?? connection.loop,
            alreadyReceived: leftover,
            makeHandler: upgrade.makeHandler
        )
    }
    // end-snippet

    private func refusal(of head: HTTPResponseHead) -> String? {
        if head.status.isInformational {
            return "\(head.status) is interim: use upgrade(headers:to:) for 101; 100 is automatic"
        }
        return ResponseSerializer.problem(with: head)
    }
}
