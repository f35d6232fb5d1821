import EventLoop
import SystemCalls

/// Code that runs around every request: it may answer itself, change the request, or
/// watch and change the response, then pass on to `next`.
///
/// Middleware sees responses through the writer: ``HTTPResponseWriter/transformingHead(_:)``
/// gives a writer that edits the head before it is sent (CORS adds its fields this way),
/// and ``HTTPResponseWriter/onCompletion(_:)`` one that reports when the response ended
/// (a request logger times requests this way).
public protocol HTTPMiddleware: Sendable {
    /// Handles a request, usually by calling `next`.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - response: Where the answer goes.
    ///   - next: The rest of the chain, ending at the route.
    func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter, next: HTTPNext)
}

/// The rest of a middleware chain.
public struct HTTPNext: Sendable {
    private let body: @Sendable (HTTPRequest, HTTPResponseWriter) -> Void

    init(_ body: @escaping @Sendable (HTTPRequest, HTTPResponseWriter) -> Void) {
        self.body = body
    }

    /// Passes the request on.
    ///
    /// - Parameters:
    ///   - request: The request, perhaps changed.
    ///   - response: The writer, perhaps wrapped.
    public func callAsFunction(_ request: HTTPRequest, _ response: HTTPResponseWriter) {
        body(request, response)
    }
}

/// Logs one line per request once its response has ended:
/// `GET /index.html 200 1532 B 0.41 ms`.
///
/// When the logger's level hides `info`, the middleware steps aside entirely, so a
/// benchmark run with `SOCKETLADDER_LOG=warning` pays nothing for it.
public struct RequestLogger: HTTPMiddleware {
    private let logger: Logger

    /// A request logger.
    ///
    /// - Parameter logger: Where the lines go.
    public init(logger: Logger = Logger(label: "http")) {
        self.logger = logger
    }

    /// Logs the request once its response ends.
    public func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter, next: HTTPNext) {
        guard logger.isEnabled(.info) else { return next(request, response) }
        let started = MonotonicClock.nanoseconds()
        let line = "\(request.method) \(request.head.target)"
        let logger = logger
        next(
            request,
            response.onCompletion { status, bytes in
                let elapsed = Double(MonotonicClock.nanoseconds() - started) / 1_000_000
                let milliseconds = (elapsed * 100).rounded() / 100
                logger.info("\(line) \(status.code) \(bytes) B \(milliseconds) ms")
            }
        )
    }
}
