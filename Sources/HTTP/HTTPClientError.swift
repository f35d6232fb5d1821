/// Why the client could not get a response.
public enum HTTPClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The URL is not `http://host[:port][/path]`.
    case invalidURL(String)
    /// The request holds a CR, LF or other character that cannot be sent.
    case invalidRequest
    /// The response broke the message syntax.
    case malformedResponse(HTTPParseError)
    /// The response body is larger than the client's limit.
    case bodyTooLarge(limit: Int)
    /// No complete response within the timeout.
    case timedOut
    /// The connection closed before the response was complete.
    case connectionClosed
    /// An upgrade request was answered with this status instead of
    /// `101 Switching Protocols`.
    case upgradeRefused(HTTPStatus)

    /// What went wrong.
    public var description: String {
        switch self {
        case .invalidURL(let url): "invalid URL \(url.debugDescription)"
        case .invalidRequest: "the request holds characters that cannot be sent"
        case .malformedResponse(let error): "malformed response: \(error)"
        case .bodyTooLarge(let limit): "response body larger than \(limit) bytes"
        case .timedOut: "no response in time"
        case .connectionClosed: "the connection closed before the response was complete"
        case .upgradeRefused(let status): "the server answered \(status), not 101"
        }
    }
}
