import HTTP

/// Why the server refused an Engine.IO request, with the code and message the Node.js
/// server uses, so clients written against it read our refusals the same way.
///
/// Each becomes a `400 Bad Request` (`403` for ``forbidden``) whose body is
/// `{"code":N,"message":M}`.
public enum EngineIORequestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `transport` is missing or names a transport the server does not offer (code 0).
    case unknownTransport
    /// `sid` names no open session (code 1).
    case unknownSession
    /// A handshake (no `sid`) made with a method other than `GET` (code 2).
    case badHandshakeMethod
    /// The request does not fit the session or the transport (code 3).
    case badRequest(String)
    /// The application's `allowRequest` hook refused it (code 4).
    case forbidden(String)
    /// `EIO` is missing or is not `4` (code 5).
    case unsupportedProtocolVersion

    /// The number Node.js puts in the error body.
    public var code: Int {
        switch self {
        case .unknownTransport: 0
        case .unknownSession: 1
        case .badHandshakeMethod: 2
        case .badRequest: 3
        case .forbidden: 4
        case .unsupportedProtocolVersion: 5
        }
    }

    /// The message Node.js puts in the error body.
    public var message: String {
        switch self {
        case .unknownTransport: "Transport unknown"
        case .unknownSession: "Session ID unknown"
        case .badHandshakeMethod: "Bad handshake method"
        case .badRequest: "Bad request"
        case .forbidden: "Forbidden"
        case .unsupportedProtocolVersion: "Unsupported protocol version"
        }
    }

    /// The status: `403` for a refusal by the application, `400` for the rest.
    public var status: HTTPStatus {
        if case .forbidden = self { return .forbidden }
        return .badRequest
    }

    /// A message for logs, with the detail the body leaves out.
    public var description: String {
        switch self {
        case .badRequest(let reason), .forbidden(let reason): "\(message): \(reason)"
        default: message
        }
    }

    /// The response: the status and the JSON body.
    public var response: HTTPResponse {
        // The message is one of six fixed ASCII strings: no escaping needed.
        .json("{\"code\":\(code),\"message\":\"\(message)\"}", status: status)
    }
}
