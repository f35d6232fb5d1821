/// Sends each request to the handler registered for its method and path, through a
/// chain of middleware.
///
/// ```swift
/// var router = HTTPRouter()
/// router.use(RequestLogger())
/// router.get("/users/:id") { request, response in
///     response.respond(.text("user \(request.parameters["id"] ?? "")"))
/// }
/// ```
///
/// Routes are tried in the order they were added. A path no route matches gets `404`;
/// a path that matches only under other methods gets `405` with `Allow` listing them
/// (RFC 9110 §15.5.6). `HEAD` is served by the `GET` route (the server drops the body),
/// and `OPTIONS` without a route of its own gets `204` with `Allow`.
public struct HTTPRouter: HTTPHandler {
    private struct Route: Sendable {
        let method: HTTPMethod
        let pattern: RoutePattern
        let handler: any HTTPHandler
    }

    private var routes: [Route] = []
    private var middleware: [any HTTPMiddleware] = []
    /// Serves requests no route matches; `nil` answers `404`.
    public var fallback: (any HTTPHandler)?

    /// An empty router.
    public init() {}

    /// Adds a route.
    ///
    /// - Parameters:
    ///   - method: The method it serves.
    ///   - pattern: The path pattern (see ``RoutePattern``).
    ///   - handler: The handler.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: any HTTPHandler) {
        routes.append(Route(method: method, pattern: RoutePattern(pattern), handler: handler))
    }

    /// Adds a route served by a closure.
    ///
    /// - Parameters:
    ///   - method: The method it serves.
    ///   - pattern: The path pattern.
    ///   - handle: Serves the request.
    public mutating func add(
        _ method: HTTPMethod,
        _ pattern: String,
        _ handle: @escaping @Sendable (HTTPRequest, HTTPResponseWriter) -> Void
    ) {
        add(method, pattern, HTTPHandlerFunction(handle))
    }

    /// Adds a `GET` route (which also serves `HEAD`).
    ///
    /// - Parameters:
    ///   - pattern: The path pattern.
    ///   - handle: Serves the request.
    public mutating func get(
        _ pattern: String,
        _ handle: @escaping @Sendable (HTTPRequest, HTTPResponseWriter) -> Void
    ) {
        add(.get, pattern, handle)
    }

    /// Adds a `POST` route.
    ///
    /// - Parameters:
    ///   - pattern: The path pattern.
    ///   - handle: Serves the request.
    public mutating func post(
        _ pattern: String,
        _ handle: @escaping @Sendable (HTTPRequest, HTTPResponseWriter) -> Void
    ) {
        add(.post, pattern, handle)
    }

    /// Adds middleware; each request passes through all of them, in the order added,
    /// before it reaches its route.
    ///
    /// - Parameter middleware: The middleware.
    public mutating func use(_ middleware: any HTTPMiddleware) {
        self.middleware.append(middleware)
    }

    /// Runs the middleware, then the matching route.
    public func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) {
        if middleware.isEmpty { return dispatch(request, response) }
        runMiddleware(from: 0, request, response)
    }

    private func runMiddleware(
        from index: Int,
        _ request: HTTPRequest,
        _ response: HTTPResponseWriter
    ) {
        guard index < middleware.count else { return dispatch(request, response) }
        let next = HTTPNext { request, response in
            self.runMiddleware(from: index + 1, request, response)
        }
        middleware[index].handle(request, response, next: next)
    }

    private func dispatch(_ request: HTTPRequest, _ response: HTTPResponseWriter) {
        var allowed: [HTTPMethod] = []
        for route in routes {
            guard let parameters = route.pattern.match(request.path) else { continue }
            if route.method == request.method || (request.method == .head && route.method == .get) {
                var request = request
                request.parameters = parameters
                return route.handler.handle(request, response)
            }
            allowed.append(route.method)
        }
        if allowed.isEmpty {
            if let fallback { return fallback.handle(request, response) }
            return response.respond(.error(.notFound, message: "no route for \(request.path)"))
        }
        if allowed.contains(.get) { allowed.append(.head) }
        var seen = Set<HTTPMethod>()
        let allow = (allowed + [.options]).filter { seen.insert($0).inserted }
            .map(\.rawValue).joined(separator: ", ")
        if request.method == .options {
            return response.respond(status: .noContent, headers: ["Allow": allow])
        }
        var error = HTTPResponse.error(
            .methodNotAllowed,
            message: "\(request.method) is not allowed here"
        )
        error.headers.add(name: "Allow", value: allow)
        response.respond(error)
    }
}
