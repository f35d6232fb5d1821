/// Reads one message's body, however it is framed (RFC 9112 §6.3): a fixed number of bytes,
/// chunks, or everything until the connection closes.
///
/// Requests and responses differ only in their heads; once a head has said how its body is
/// delimited, reading the body is the same job, so ``HTTPRequestParser`` and
/// ``HTTPResponseParser`` both hand it to this decoder and wait for its end.
struct BodyDecoder: Sendable {
    /// What the decoder found.
    enum Event: Hashable, Sendable {
        /// The bytes so far end inside the body.
        case needMoreData
        /// A piece of the body, de-chunked.
        case body([UInt8])
        /// The body is complete; a chunked body may end with trailer fields.
        case end(trailers: HTTPHeaders)
    }

    private enum State: Sendable {
        case fixed(remaining: Int)
        case chunked(ChunkedDecoder)
        case untilClose
        case complete
    }

    private var state: State

    /// A decoder for a body framed as `length` says.
    ///
    /// - Parameters:
    ///   - length: How the head said the body is delimited.
    ///   - limits: The body size and trailer limits.
    init(_ length: HTTPBodyLength, limits: HTTPRequestParser.Limits) {
        switch length {
        case .none, .fixed(0):
            state = .complete
        case .fixed(let count):
            state = .fixed(remaining: count)
        case .chunked:
            state = .chunked(
                ChunkedDecoder(
                    maximumBodySize: limits.maximumBodySize,
                    trailerLimits: limits.scannerLimits
                )
            )
        case .untilClose:
            state = .untilClose
        }
    }

    /// Whether only the peer closing the connection ends this body.
    var endsWhenInputEnds: Bool {
        if case .untilClose = state { return true }
        return false
    }

    /// Takes what it can of the body from the front of `input`.
    ///
    /// - Parameter input: The received bytes; the body's bytes are removed from it.
    /// - Returns: The next event.
    /// - Throws: ``HTTPParseError`` for a malformed chunked body.
    mutating func next(_ input: inout InputBuffer) throws(HTTPParseError) -> Event {
        switch state {
        case .fixed(let remaining):
            if input.isEmpty { return .needMoreData }
            let length = min(remaining, input.count)
            state = length == remaining ? .complete : .fixed(remaining: remaining - length)
            return .body(input.take(length))
        case .chunked(var decoder):
            let output = try decoder.next(&input)
            state = .chunked(decoder)
            switch output {
            case .needMoreData: return .needMoreData
            case .data(let bytes): return .body(bytes)
            case .end(let trailers): return .end(trailers: trailers)
            }
        case .untilClose:
            return input.isEmpty ? .needMoreData : .body(input.takeAll())
        case .complete:
            return .end(trailers: HTTPHeaders())
        }
    }
}
