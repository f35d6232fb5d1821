import EventLoop

/// Where one request's response stands, in the connection's queue of answers.
///
/// Requests may be pipelined: sent one after another without waiting. Their handlers may
/// answer in any order, but the answers must leave in request order (RFC 9112 §9.3.2).
/// So each request gets one of these, in arrival order; only the first in line writes to
/// the connection, and the others hold their bytes in ``pending`` until their turn.
struct ResponseState {
    enum Phase: Equatable {
        /// The handler has not answered yet.
        case waiting
        /// The head is out; body pieces follow.
        case streaming(ResponseFraming)
        /// The response is complete (perhaps still in ``ResponseState/pending``).
        case finished
    }

    /// The request's number on this connection, from 0.
    let sequence: Int
    /// Whether the request was `HEAD`: the response then has no body (RFC 9110 §9.3.2).
    let isHeadRequest: Bool
    /// The request's version: an HTTP/1.0 client cannot read chunks.
    let requestVersion: HTTPVersion
    /// Whether the request allows the connection to stay open.
    let requestKeepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending the body.
    let expectsContinue: Bool
    /// The request's body, if it has one.
    let body: RequestBodyStream?

    var phase = Phase.waiting
    /// Bytes written while not first in line.
    var pending: [UInt8] = []
    /// Whether the connection closes once this response is out.
    var closesConnection = false
    var continueSent = false
    var hooks: ResponseHooks?
    var status = HTTPStatus.ok
    var bodyBytesSent = 0
    var fixedLength: Int?
    /// Set by an upgrade: where the connection goes once the `101` is out, and who takes
    /// it over there.
    var upgrade: Upgrade?
    /// Producers waiting until the connection can take more.
    var writabilityWaiters: [@Sendable () -> Void] = []
    /// Called if the response is abandoned before it is complete (the client went away).
    var abandonHooks: [@Sendable () -> Void] = []

    init(sequence: Int, head: HTTPRequestHead?, body: RequestBodyStream?) {
        self.sequence = sequence
        self.isHeadRequest = head?.method == .head
        self.requestVersion = head?.version ?? .http11
        self.requestKeepAlive = head?.keepAlive ?? false
        self.expectsContinue = head?.expectsContinue ?? false
        self.body = body
    }
}

/// Where a connection goes after its `101 Switching Protocols`.
struct Upgrade {
    /// The loop the new protocol runs on; `nil`: the connection's own.
    let loop: EventLoop?
    /// Makes the new protocol's handler, on that loop.
    let makeHandler: @Sendable (TCPConnection) -> any TCPConnectionHandler
}
