/// What serves requests: given a request and a way to answer it.
///
/// `handle` is called on the connection's event loop as soon as a request's head has
/// arrived, before its body. It must not block: every other connection on the loop waits
/// while it runs. It need not answer before returning, either: the
/// ``HTTPResponseWriter`` may be kept and used later, from any thread, which is how a
/// long-poll is held open until there is something to say.
public protocol HTTPHandler: Sendable {
    /// Serves one request.
    ///
    /// - Parameters:
    ///   - request: The head, the body (still arriving) and any route parameters.
    ///   - response: Where the answer goes; answer exactly once.
    func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter)
}

/// A handler made from a closure.
public struct HTTPHandlerFunction: HTTPHandler {
    private let body: @Sendable (HTTPRequest, HTTPResponseWriter) -> Void

    /// Wraps `body`.
    ///
    /// - Parameter body: Serves one request.
    public init(_ body: @escaping @Sendable (HTTPRequest, HTTPResponseWriter) -> Void) {
        self.body = body
    }

    /// Calls the closure.
    public func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) {
        body(request, response)
    }
}
