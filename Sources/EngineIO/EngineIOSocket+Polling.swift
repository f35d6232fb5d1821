import EventLoop
import HTTP

/// The long-polling side of a session: at most one `GET` held open, at most one `POST`
/// in flight.
///
/// The protocol allows one of each at a time; a client that sends two at once is broken
/// or hostile, and its session is closed (the reference server does the same).
struct PollingExchange {
    /// A `GET` waiting for the server's next packets.
    struct HeldPoll {
        let writer: HTTPResponseWriter
        /// Which `GET` this is, so that news of an old one's connection closing is
        /// not mistaken for news of this one.
        let number: Int
    }

    var heldPoll: HeldPoll?
    var isPostInFlight = false
    var pollsSeen = 0
}

extension EngineIOSocket {
    // MARK: GET: the server's packets

    // snippet: poll-held
    /// A `GET` arrived: answer it with what is queued, or hold it until there is something.
    ///
    /// - Parameter writer: The response.
    func poll(_ writer: HTTPResponseWriter) {
        switch state {
        case .closed:
            return writer.respond(EngineIORequestError.unknownSession.response)
        case .webSocket:
            return writer.respond(
                EngineIORequestError.badRequest("the session uses its WebSocket now").response
            )
        case .closing:
            // The server closed the session; this GET collects the rest and the close packet.
            respond(to: writer, with: outbox)
            return finish()
        case .polling, .upgrading:
            break
        }
        if exchange.heldPoll != nil {
            writer.respond(EngineIORequestError.badRequest("a poll is already waiting").response)
            return close(reason: .transportError("two polls at once"))
        }
        if case .upgrading(let probe) = state, probe.dance?.endsPollsAtOnce == true {
            // The client is moving to its WebSocket: end every poll at once.
            respond(to: writer, with: takeOutbox() + [.noop])
            return
        }
        if !outbox.isEmpty {
            return respond(to: writer, with: takeOutbox())
        }
        exchange.pollsSeen += 1
        let number = exchange.pollsSeen
        exchange.heldPoll = PollingExchange.HeldPoll(writer: writer, number: number)
        let session = LoopBound(self, on: loop)
        writer.whenAbandoned {
            session.loop.execute { session.value.heldPollAbandoned(number: number) }
        }
    }

    /// The client closed the connection of a held `GET`: it is gone (or will come back
    /// with a new session), so the session ends.
    ///
    /// The held `GET` is still answered (with the close packet, as every ending session's
    /// is): a client that only half-closed reads it, and until it is answered the HTTP
    /// connection owes a response and cannot close.
    private func heldPollAbandoned(number: Int) {
        guard exchange.heldPoll?.number == number else { return }
        close(reason: .transportClose)
    }
    // end-snippet

    // MARK: POST: the client's packets

    /// A `POST` began (its head arrived): refuse it if another is still in flight.
    ///
    /// - Returns: Why it is refused, or `nil` to go on and read its body.
    func beginPost() -> EngineIORequestError? {
        switch state {
        case .closed, .closing: return .unknownSession
        case .webSocket: return .badRequest("the session uses its WebSocket now")
        case .polling, .upgrading: break
        }
        if exchange.isPostInFlight {
            close(reason: .transportError("two posts at once"))
            return .badRequest("a post is already in flight")
        }
        exchange.isPostInFlight = true
        return nil
    }

    /// A `POST`'s body has arrived (or failed): deliver its packets and answer `ok`.
    ///
    /// A body that is not a valid payload gets `400`, and the session is closed: the
    /// client and the server no longer agree on what was said.
    func finishPost(_ body: Result<[UInt8], HTTPBodyError>, _ writer: HTTPResponseWriter) {
        exchange.isPostInFlight = false
        guard isOpen else { return writer.respond(EngineIORequestError.unknownSession.response) }
        let bytes: [UInt8]
        switch body {
        case .success(let received):
            bytes = received
        case .failure(.tooLarge(let limit)):
            writer.respond(.text("payload larger than \(limit) bytes", status: .contentTooLarge))
            return close(reason: .transportError("payload too large"))
        case .failure(let error):
            writer.abort()
            return close(reason: .transportError("\(error)"))
        }
        let packets: [EngineIOPacket]
        do {
            packets = try context.parts.decodePayload(bytes)
        } catch {
            writer.respond(
                EngineIORequestError.badRequest("\(error)").response
            )
            return close(reason: .transportError("parse error: \(error)"))
        }
        writer.respond(status: .ok, headers: textPlain, body: Array("ok".utf8))
        for packet in packets {
            guard isOpen else { break }
            receive(packet)
        }
    }

    // MARK: The outbox

    /// Queues a packet for the client's next `GET`; answers a held one at the end of
    /// this turn of the loop, so packets sent together leave in one response.
    func enqueue(_ packet: EngineIOPacket) {
        outbox.append(packet)
        outboxByteCount += packet.pollingByteCount + 1
        let limit = context.configuration.maximumBufferedBytes
        if outboxByteCount > limit {
            return close(reason: .bufferLimitExceeded(limit))
        }
        if exchange.heldPoll != nil && !isFlushScheduled {
            isFlushScheduled = true
            loop.schedule(after: .zero) { [weak self] in
                self?.isFlushScheduled = false
                self?.flushOutbox()
            }
        }
    }

    /// Answers the held `GET` with everything queued, if both exist.
    func flushOutbox() {
        guard let held = exchange.heldPoll, !outbox.isEmpty else { return }
        exchange.heldPoll = nil
        respond(to: held.writer, with: takeOutbox())
    }

    /// Answers the held `GET`, if any, with `packets` alone; the outbox waits.
    func answerHeldPoll(with packets: [EngineIOPacket]) {
        guard let held = exchange.heldPoll else { return }
        exchange.heldPoll = nil
        respond(to: held.writer, with: packets)
    }

    /// Empties the outbox and returns what was in it.
    func takeOutbox() -> [EngineIOPacket] {
        defer {
            outbox.removeAll()
            outboxByteCount = 0
        }
        return outbox
    }

    /// The type of every polling response body: text, UTF-8 (CONTRACT D.2).
    var textPlain: HTTPHeaders { ["Content-Type": "text/plain; charset=UTF-8"] }

    /// A polling response: the packets as one payload.
    func respond(to writer: HTTPResponseWriter, with packets: [EngineIOPacket]) {
        writer.respond(
            status: .ok,
            headers: textPlain,
            body: context.parts.encodePayload(packets)
        )
    }
}
