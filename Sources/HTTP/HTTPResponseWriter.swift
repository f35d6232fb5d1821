import EventLoop

/// How a handler answers a request: all at once, streamed, or by taking the connection
/// over after a `101 Switching Protocols`.
///
/// The writer is a small `Sendable` value: keep it, pass it to another thread, answer
/// later. Each call from another thread hops to the connection's loop; on the loop it
/// acts at once. Answers leave in request order whatever order handlers finish in
/// (RFC 9112 §9.3.2): a writer whose request is not first in line has its bytes held
/// until the ones before it are done.
///
/// A writer answers once. Calls after the response ended, or after the connection closed,
/// do nothing. A head whose fields hold CR, LF or other control characters is never sent:
/// the client gets a `500` instead (response splitting).
public struct HTTPResponseWriter: Sendable {
    let connection: LoopBound<HTTPConnectionHandler>
    let sequence: Int
    let hooks: ResponseHooks?

    init(connection: LoopBound<HTTPConnectionHandler>, sequence: Int, hooks: ResponseHooks?) {
        self.connection = connection
        self.sequence = sequence
        self.hooks = hooks
    }

    /// The loop the connection lives on; callbacks run there.
    public var loop: EventLoop { connection.loop }

    // snippet: late-answer
    /// Sends a complete response.
    ///
    /// - Parameter response: The status, fields and body.
    public func respond(_ response: HTTPResponse) {
        if connection.loop.inEventLoop {
            connection.value.respond(sequence, response, hooks: hooks)
        } else {
            let (connection, sequence, hooks) = (connection, sequence, hooks)
            connection.loop.execute { connection.value.respond(sequence, response, hooks: hooks) }
        }
    }
    // end-snippet

    /// Sends a complete response made of a status and, optionally, fields and a body.
    ///
    /// - Parameters:
    ///   - status: The status.
    ///   - headers: The fields.
    ///   - body: The body.
    public func respond(
        status: HTTPStatus,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = []
    ) {
        respond(HTTPResponse(status: status, headers: headers, body: body))
    }

    /// Starts a streamed response: sends the head now, the body with ``writeBody(_:)``.
    ///
    /// With a `Content-Length` field, exactly that many bytes must follow. Without one,
    /// the body is sent chunked (or, to an HTTP/1.0 client, until the connection closes).
    ///
    /// - Parameter head: The status and fields.
    public func writeHead(_ head: HTTPResponseHead) {
        perform { [sequence, hooks] in $0.writeHead(sequence, head, hooks: hooks) }
    }

    /// Sends a piece of a streamed body.
    ///
    /// - Parameters:
    ///   - bytes: The piece.
    ///   - whenReady: Called on the loop once the connection can take more (at once if it
    ///     already can): wait for it before writing again, and a slow client slows the
    ///     producer instead of filling memory.
    public func writeBody(_ bytes: [UInt8], whenReady: (@Sendable () -> Void)? = nil) {
        perform { [sequence] in $0.writeBody(sequence, bytes, whenReady: whenReady) }
    }

    /// Ends a streamed body, with trailer fields if it is chunked.
    ///
    /// - Parameter trailers: Fields sent after the body (chunked bodies only).
    public func end(trailers: HTTPHeaders = HTTPHeaders()) {
        perform { [sequence] in $0.end(sequence, trailers: trailers) }
    }

    /// Answers `101 Switching Protocols` and hands the connection to another protocol,
    /// on this loop or on `loop`.
    ///
    /// Once the `101` is queued (after the answers owed before it), the connection moves
    /// to `loop` (``TCPConnection/move(to:alreadyReceived:makeHandler:)``), and
    /// `makeHandler` is called there with the connection; the handler it returns replaces
    /// HTTP's, and hears ``TCPConnectionHandler/connectionDidOpen(_:)``. Any bytes the
    /// client sent after the request (the new protocol's first frames) are then passed to
    /// its ``TCPConnectionHandler/connection(_:didReceive:)``.
    ///
    /// Choosing the loop is how a protocol whose state lives on one loop (an Engine.IO
    /// session) gets every one of its connections served there, whichever loop accepted
    /// them. If the connection closes before the `101` is out, `makeHandler` is not called.
    ///
    /// - Parameters:
    ///   - headers: The fields, such as `Upgrade: websocket`; `Connection: Upgrade` is
    ///     added if absent.
    ///   - loop: The loop the new protocol runs on; `nil` (the default): this one.
    ///   - makeHandler: Makes the new protocol's handler, on that loop.
    public func upgrade(
        headers: HTTPHeaders,
        on loop: EventLoop? = nil,
        to makeHandler: @escaping @Sendable (TCPConnection) -> any TCPConnectionHandler
    ) {
        perform { [sequence] in
            $0.upgrade(sequence, headers: headers, loop: loop, makeHandler: makeHandler)
        }
    }

    /// Ends the connection at once, without an answer (for a handler that gives up).
    public func abort() {
        perform { [sequence] in $0.abort(sequence) }
    }

    /// Calls `hook` on the loop if this response is abandoned: the client went away (or
    /// the connection closed for any other reason) before the response was complete.
    ///
    /// A long-poll holds its request for seconds or minutes before answering. If the client
    /// gives up meanwhile (a closed tab, a lost network), the server must learn it, or it
    /// keeps state for no one. A client that goes away closes its socket, and we read
    /// end of input. A client that only *half*-closes (done sending, still reading) looks
    /// exactly the same on the wire, so, as Go's `net/http` cancels a request's context
    /// when the connection's input ends, end of input while this answer is owed counts as
    /// abandoned too; the answer may still be sent, and a half-closed client gets it.
    ///
    /// "Complete" means the response has ended and is first in line, its last byte handed
    /// to the connection to send: from then on the hook is dropped and never called, even
    /// if the client closes before reading it. Registered after the request was abandoned,
    /// the hook is called at once. Each hook is called at most once.
    ///
    /// - Parameter hook: Called on the loop; it may use this writer (an answer it gives
    ///   after the connection closed is dropped).
    public func whenAbandoned(_ hook: @escaping @Sendable () -> Void) {
        perform { [sequence] in $0.whenAbandoned(sequence, hook) }
    }

    /// A writer whose responses pass through `hooks` first: how middleware sees them.
    func adding(_ hook: ResponseHooks.Hook) -> HTTPResponseWriter {
        HTTPResponseWriter(
            connection: connection,
            sequence: sequence,
            hooks: ResponseHooks(hook, next: hooks)
        )
    }

    private func perform(_ body: @escaping @Sendable (HTTPConnectionHandler) -> Void) {
        if connection.loop.inEventLoop {
            body(connection.value)
        } else {
            let connection = connection
            connection.loop.execute { body(connection.value) }
        }
    }
}

extension HTTPResponseWriter {
    /// A writer that lets `transform` change the response head before it is sent.
    ///
    /// - Parameter transform: Edits the head, on the loop.
    /// - Returns: The writer to pass on down the chain.
    public func transformingHead(
        _ transform: @escaping @Sendable (inout HTTPResponseHead) -> Void
    ) -> HTTPResponseWriter {
        adding(.head(transform))
    }

    /// A writer that calls `observe` when the response has ended.
    ///
    /// - Parameter observe: Receives the status and the number of body bytes sent.
    /// - Returns: The writer to pass on down the chain.
    public func onCompletion(_ observe: @escaping @Sendable (HTTPStatus, Int) -> Void)
        -> HTTPResponseWriter
    {
        adding(.completion(observe))
    }
}
