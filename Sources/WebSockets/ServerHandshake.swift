import HTTP

/// Why the server refuses a WebSocket opening handshake, and the status that says so.
public enum WebSocketHandshakeRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// A request that does not ask for an upgrade at all, such as a browser opening the
    /// WebSocket URL as a page: `426 Upgrade Required`, naming `websocket`.
    case notAnUpgrade
    /// Not `GET` (RFC 6455 §4.1 point 2): `405`.
    case methodNotGET
    /// Older than HTTP/1.1, which has no upgrade (§4.1 point 2): `400`.
    case httpVersionTooOld
    /// `Upgrade` does not list `websocket`, or `Connection` does not list `upgrade`: `400`.
    case notAWebSocketUpgrade
    /// `Sec-WebSocket-Key` is missing, repeated, or not 16 bytes in base64: `400`.
    case invalidKey
    /// `Sec-WebSocket-Version` is not 13: `426` with the version we speak (§4.4).
    case unsupportedVersion(String?)
    /// The `Origin` is not on the server's list: `403` (cross-site WebSocket hijacking).
    case originNotAllowed(String?)

    /// The status to answer with.
    public var status: HTTPStatus {
        switch self {
        case .notAnUpgrade, .unsupportedVersion: .upgradeRequired
        case .methodNotGET: .methodNotAllowed
        case .httpVersionTooOld, .notAWebSocketUpgrade, .invalidKey: .badRequest
        case .originNotAllowed: .forbidden
        }
    }

    /// The response: the status, a line of explanation, and the fields the status needs.
    public var response: HTTPResponse {
        var response = HTTPResponse.error(status, message: description)
        switch self {
        case .notAnUpgrade:
            response.headers.add(name: "Upgrade", value: "websocket")
            response.headers.add(name: "Connection", value: "Upgrade")
            response.headers.add(name: "Sec-WebSocket-Version", value: "13")
        case .unsupportedVersion:
            response.headers.add(name: "Sec-WebSocket-Version", value: "13")
        case .methodNotGET:
            response.headers.add(name: "Allow", value: "GET")
        default:
            break
        }
        return response
    }

    /// A message for the client and for logs.
    public var description: String {
        switch self {
        case .notAnUpgrade: "this is a WebSocket endpoint: send Upgrade: websocket"
        case .methodNotGET: "a WebSocket handshake is a GET"
        case .httpVersionTooOld: "a WebSocket handshake needs HTTP/1.1"
        case .notAWebSocketUpgrade: "expected Upgrade: websocket and Connection: Upgrade"
        case .invalidKey: "Sec-WebSocket-Key must be 16 bytes in base64, sent once"
        case .unsupportedVersion(let version):
            "Sec-WebSocket-Version \(version.map { "\($0)" } ?? "missing"): only 13 is spoken"
        case .originNotAllowed(let origin): "origin \(origin ?? "(none)") is not allowed"
        }
    }
}

// snippet: server-handshake
/// The server's half of the opening handshake (RFC 6455 §4.2), free of I/O.
///
/// A client asks to switch an HTTP/1.1 connection to WebSocket with a `GET` like this:
///
/// ```
/// GET /chat HTTP/1.1
/// Host: 127.0.0.1:9001
/// Upgrade: websocket
/// Connection: Upgrade
/// Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==
/// Sec-WebSocket-Version: 13
/// Sec-WebSocket-Protocol: chat, superchat
/// ```
///
/// and the server agrees with `101 Switching Protocols`, proving it understood by
/// returning the key hashed with the protocol's GUID in `Sec-WebSocket-Accept`:
///
/// ```
/// HTTP/1.1 101 Switching Protocols
/// Upgrade: websocket
/// Connection: Upgrade
/// Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=
/// Sec-WebSocket-Protocol: chat
/// ```
///
/// `Upgrade` and `Connection` are lists compared without case (`Connection: keep-alive,
/// Upgrade` is fine). Extensions the client offers (`permessage-deflate`) are ignored:
/// answering without `Sec-WebSocket-Extensions` declines them all.
public struct WebSocketServerHandshake: Sendable {
    /// The subprotocols this endpoint speaks, in order of preference.
    public var subprotocols: [String]
    /// Decides whether a page from `Origin` may connect; `nil` lets everyone in.
    public var isOriginAllowed: (@Sendable (String?) -> Bool)?

    /// A handshake that accepts `subprotocols` and the origins `isOriginAllowed` allows.
    ///
    /// - Parameters:
    ///   - subprotocols: The subprotocols spoken, most preferred first.
    ///   - isOriginAllowed: The origin check; `nil` allows every origin.
    public init(
        subprotocols: [String] = [],
        isOriginAllowed: (@Sendable (String?) -> Bool)? = nil
    ) {
        self.subprotocols = subprotocols
        self.isOriginAllowed = isOriginAllowed
    }

    /// The handshake's outcome: the `101`'s fields and the chosen subprotocol.
    public struct Acceptance: Sendable, Equatable {
        /// `Upgrade`, `Connection`, `Sec-WebSocket-Accept` and maybe `Sec-WebSocket-Protocol`.
        public var headers: HTTPHeaders
        /// The subprotocol both sides speak, if any.
        public var subprotocol: String?
    }

    /// Checks a request and says how to answer it.
    ///
    /// - Parameter head: The request head.
    /// - Returns: The fields of the `101`.
    /// - Throws: ``WebSocketHandshakeRefusal`` with the status to answer instead.
    public func accept(_ head: HTTPRequestHead) throws(WebSocketHandshakeRefusal) -> Acceptance {
        let headers = head.headers
        guard headers.contains("Upgrade") || headers.contains("Sec-WebSocket-Key") else {
            throw .notAnUpgrade
        }
        guard head.method == .get else { throw .methodNotGET }
        guard head.version >= .http11 else { throw .httpVersionTooOld }
        guard headers.listContains("Upgrade", token: "websocket"),
            headers.listContains("Connection", token: "upgrade")
        else { throw .notAWebSocketUpgrade }
        let keys = headers.values(for: "Sec-WebSocket-Key")
        guard keys.count == 1, let key = keys.first, Base64.decode(key)?.count == 16 else {
            throw .invalidKey
        }
        let versions = headers.values(for: "Sec-WebSocket-Version")
        guard versions == ["13"] else { throw .unsupportedVersion(versions.first) }
        let origin = headers["Origin"]
        if let isOriginAllowed, !isOriginAllowed(origin) { throw .originNotAllowed(origin) }

        var response: HTTPHeaders = [
            "Upgrade": "websocket",
            "Connection": "Upgrade",
            "Sec-WebSocket-Accept": WebSocketAcceptKey(clientKey: key).value,
        ]
        // The client lists what it speaks; we pick the first of ours that it offered.
        let offered = headers.listMembers(of: "Sec-WebSocket-Protocol")
        let subprotocol = subprotocols.first { offered.contains($0) }
        if let subprotocol { response.add(name: "Sec-WebSocket-Protocol", value: subprotocol) }
        return Acceptance(headers: response, subprotocol: subprotocol)
    }
}
// end-snippet

extension WebSocketServerHandshake {
    /// An origin check that lets in pages from `origins` (such as `https://example.com`)
    /// and clients that send no `Origin` at all (programs, not browsers).
    ///
    /// A browser always sends `Origin` with a WebSocket handshake, and a page cannot
    /// forge it; without this check any site a user visits could open a WebSocket to
    /// your server with the user's cookies (cross-site WebSocket hijacking).
    ///
    /// - Parameter origins: The allowed origins, compared without case.
    /// - Returns: The check, for ``isOriginAllowed``.
    public static func allowing(origins: [String]) -> @Sendable (String?) -> Bool {
        let allowed = Set(origins.map { $0.lowercased() })
        return { origin in origin.map { allowed.contains($0.lowercased()) } ?? true }
    }
}
