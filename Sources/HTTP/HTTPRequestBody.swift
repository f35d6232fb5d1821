import EventLoop

/// Why a request body could not be read.
public enum HTTPBodyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The body is larger than the limit the reader gave.
    case tooLarge(limit: Int)
    /// The body broke the message syntax (a bad chunk, for instance).
    case malformed(HTTPParseError)
    /// The connection closed before the body ended.
    case connectionClosed
    /// Someone already reads this body; a body can be read once.
    case alreadyConsumed

    /// What went wrong.
    public var description: String {
        switch self {
        case .tooLarge(let limit): "request body larger than \(limit) bytes"
        case .malformed(let error): "malformed request body: \(error)"
        case .connectionClosed: "the connection closed before the body ended"
        case .alreadyConsumed: "the request body is already being read"
        }
    }
}

/// A request's body, arriving in pieces after the head: stream it, collect it, or leave it.
///
/// The body is read at most once. A handler that never reads it is fine: when the
/// response ends, the server skips the rest of the body so the connection can carry the
/// next request. Until someone reads, up to the server's body buffer is kept; beyond
/// that the server stops reading from the socket, so a client cannot fill our memory.
/// Every method may be called from any thread; callbacks run on the connection's loop.
public struct HTTPRequestBody: Sendable {
    let stream: LoopBound<RequestBodyStream>?
    /// How the body is delimited: `.none` means there is none.
    public let length: HTTPBodyLength

    /// A request with no body.
    public static let empty = HTTPRequestBody(stream: nil, length: .none)

    /// Gathers the whole body, and calls `completion` on the loop.
    ///
    /// If the body grows past `limit`, `completion` gets ``HTTPBodyError/tooLarge(limit:)``
    /// at once (answer `413`); the server then closes the connection after the response,
    /// rather than reading the rest.
    ///
    /// - Parameters:
    ///   - limit: The most bytes to accept.
    ///   - completion: Receives the body or the error.
    public func collect(
        upTo limit: Int,
        _ completion: @escaping @Sendable (Result<[UInt8], HTTPBodyError>) -> Void
    ) {
        guard let stream else { return completion(.success([])) }
        onLoop(stream) { $0.collect(upTo: limit, completion) }
    }

    /// Gathers the whole body.
    ///
    /// - Parameter limit: The most bytes to accept.
    /// - Returns: The body.
    /// - Throws: ``HTTPBodyError``.
    public func collect(upTo limit: Int) async throws(HTTPBodyError) -> [UInt8] {
        let result = await withCheckedContinuation { continuation in
            collect(upTo: limit) { continuation.resume(returning: $0) }
        }
        return try result.get()
    }

    /// Delivers the body piece by piece as it arrives, then its end.
    ///
    /// - Parameters:
    ///   - onPiece: Called on the loop with each piece, in order.
    ///   - onEnd: Called on the loop once, with the trailer fields or the error.
    public func stream(
        _ onPiece: @escaping @Sendable ([UInt8]) -> Void,
        onEnd: @escaping @Sendable (Result<HTTPHeaders, HTTPBodyError>) -> Void
    ) {
        guard let stream else { return onEnd(.success(HTTPHeaders())) }
        onLoop(stream) { $0.stream(onPiece, onEnd: onEnd) }
    }

    private func onLoop(
        _ stream: LoopBound<RequestBodyStream>,
        _ body: @escaping @Sendable (RequestBodyStream) -> Void
    ) {
        if stream.loop.inEventLoop {
            body(stream.value)
        } else {
            stream.loop.execute { body(stream.value) }
        }
    }
}
