/// Cross-Origin Resource Sharing: lets pages from the listed origins call this server
/// from a browser (the Fetch standard's CORS protocol).
///
/// A browser lets a page read a response from another origin only if the response says
/// `Access-Control-Allow-Origin: <that origin>`. For requests that could have side
/// effects (a JSON `POST`, a `DELETE`), it first asks with a *preflight*: an `OPTIONS`
/// request carrying `Access-Control-Request-Method`. This middleware answers preflights
/// itself and adds the allow fields to other responses, for listed origins only.
public struct CORSMiddleware: HTTPMiddleware {
    /// The origins allowed, such as `https://example.com`; `*` allows every origin.
    public var allowedOrigins: Set<String>
    /// The methods a preflight allows.
    public var allowedMethods: [HTTPMethod] = [.get, .head, .post, .put, .delete]
    /// The request fields a preflight allows.
    public var allowedHeaders: [String] = ["Content-Type"]
    /// How long a browser may cache a preflight's answer, in seconds.
    public var maxAge = 600

    /// CORS for `origins`.
    ///
    /// - Parameter origins: The allowed origins.
    public init(allowedOrigins origins: Set<String>) {
        self.allowedOrigins = origins
    }

    /// Answers preflights; adds the allow fields to responses for allowed origins.
    public func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter, next: HTTPNext) {
        guard let origin = request.headers["Origin"] else { return next(request, response) }
        let isAllowed = allowedOrigins.contains(origin) || allowedOrigins.contains("*")
        if request.method == .options, request.headers.contains("Access-Control-Request-Method") {
            guard isAllowed else {
                return response.respond(
                    .error(.forbidden, message: "origin \(origin) is not allowed")
                )
            }
            return response.respond(
                status: .noContent,
                headers: [
                    "Access-Control-Allow-Origin": origin,
                    "Access-Control-Allow-Methods": allowedMethods.map(\.rawValue).joined(
                        separator: ", "
                    ),
                    "Access-Control-Allow-Headers": allowedHeaders.joined(separator: ", "),
                    "Access-Control-Max-Age": "\(maxAge)",
                    "Vary": "Origin",
                ]
            )
        }
        guard isAllowed else { return next(request, response) }
        next(
            request,
            response.transformingHead { head in
                head.headers.set(name: "Access-Control-Allow-Origin", value: origin)
                head.headers.add(name: "Vary", value: "Origin")
            }
        )
    }
}
