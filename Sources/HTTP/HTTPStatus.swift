/// A response's status: a three-digit code and its reason phrase (RFC 9110 §15).
///
/// The code is what clients act on; the phrase is for people reading the raw response,
/// and clients ignore it. The first digit is the class: 1xx informational, 2xx success,
/// 3xx redirection, 4xx the client's fault, 5xx the server's.
public struct HTTPStatus: Hashable, Sendable, CustomStringConvertible {
    /// The three-digit code, such as `404`.
    public var code: Int
    /// The reason phrase, such as `Not Found`.
    public var reasonPhrase: String

    /// A status with the standard phrase for `code` (or `Unknown`).
    ///
    /// - Parameter code: A code from 100 to 999.
    public init(code: Int) {
        self.code = code
        self.reasonPhrase = Self.standardPhrase(for: code)
    }

    /// A status with a phrase of your own.
    ///
    /// - Parameters:
    ///   - code: A code from 100 to 999.
    ///   - reasonPhrase: The phrase; CR and LF are not allowed.
    public init(code: Int, reasonPhrase: String) {
        self.code = code
        self.reasonPhrase = reasonPhrase
    }

    /// `404 Not Found`.
    public var description: String { "\(code) \(reasonPhrase)" }

    /// Whether the status is interim (1xx): a final response still follows.
    public var isInformational: Bool { code >= 100 && code < 200 }

    /// Whether a response with this status never has a body, whatever its headers say:
    /// 1xx, `204 No Content` and `304 Not Modified` (RFC 9112 §6.3, rule 1).
    public var forbidsBody: Bool { isInformational || code == 204 || code == 304 }

    /// `100 Continue`: send the body you announced with `Expect: 100-continue`.
    public static let `continue` = HTTPStatus(code: 100)
    /// `101 Switching Protocols`: the connection now speaks the protocol in `Upgrade`.
    public static let switchingProtocols = HTTPStatus(code: 101)
    /// `200 OK`.
    public static let ok = HTTPStatus(code: 200)
    /// `201 Created`.
    public static let created = HTTPStatus(code: 201)
    /// `204 No Content`.
    public static let noContent = HTTPStatus(code: 204)
    /// `206 Partial Content`: the part a `Range` asked for.
    public static let partialContent = HTTPStatus(code: 206)
    /// `301 Moved Permanently`.
    public static let movedPermanently = HTTPStatus(code: 301)
    /// `304 Not Modified`: the client's cached copy is still good.
    public static let notModified = HTTPStatus(code: 304)
    /// `400 Bad Request`.
    public static let badRequest = HTTPStatus(code: 400)
    /// `403 Forbidden`.
    public static let forbidden = HTTPStatus(code: 403)
    /// `404 Not Found`.
    public static let notFound = HTTPStatus(code: 404)
    /// `405 Method Not Allowed`; the response lists the allowed ones in `Allow`.
    public static let methodNotAllowed = HTTPStatus(code: 405)
    /// `408 Request Timeout`: the request took too long to arrive.
    public static let requestTimeout = HTTPStatus(code: 408)
    /// `413 Content Too Large`.
    public static let contentTooLarge = HTTPStatus(code: 413)
    /// `414 URI Too Long`.
    public static let uriTooLong = HTTPStatus(code: 414)
    /// `416 Range Not Satisfiable`.
    public static let rangeNotSatisfiable = HTTPStatus(code: 416)
    /// `417 Expectation Failed`.
    public static let expectationFailed = HTTPStatus(code: 417)
    /// `426 Upgrade Required`: this resource is served only in the protocol the response's
    /// `Upgrade` field names, such as `websocket` (RFC 9110 §15.5.22).
    public static let upgradeRequired = HTTPStatus(code: 426)
    /// `431 Request Header Fields Too Large` (RFC 6585 §5).
    public static let requestHeaderFieldsTooLarge = HTTPStatus(code: 431)
    /// `500 Internal Server Error`.
    public static let internalServerError = HTTPStatus(code: 500)
    /// `501 Not Implemented`.
    public static let notImplemented = HTTPStatus(code: 501)
    /// `503 Service Unavailable`.
    public static let serviceUnavailable = HTTPStatus(code: 503)
    /// `505 HTTP Version Not Supported`.
    public static let httpVersionNotSupported = HTTPStatus(code: 505)

    /// The phrase RFC 9110 §15 (and RFC 6585) gives each code.
    ///
    /// - Parameter code: A status code.
    /// - Returns: Its phrase, or `Unknown`.
    public static func standardPhrase(for code: Int) -> String {
        switch code {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 416: "Range Not Satisfiable"
        case 417: "Expectation Failed"
        case 426: "Upgrade Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Unknown"
        }
    }
}
