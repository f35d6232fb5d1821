import EngineIO
import HTTP
import SystemCalls

/// What a socket's client said when it connected: the JavaScript server's
/// `socket.handshake`.
///
/// Most of it comes from the Engine.IO handshake, the first HTTP request of the
/// connection (its headers, query, address); `auth` comes from the namespace's CONNECT
/// packet, so two namespaces on one connection can carry different credentials. Cookies,
/// `Authorization` headers and query tokens are all here for a middleware to check.
public struct SocketIOHandshake: Sendable {
    /// The handshake request's header fields.
    public let headers: HTTPHeaders
    /// When the socket was created, as an HTTP date (`Tue, 15 Nov 1994 08:12:31 GMT`).
    public let time: String
    /// The client's IP address, as text.
    public let address: String
    /// Whether the request came from another origin (it had an `Origin` field).
    public let xdomain: Bool
    /// Whether the connection was encrypted; always `false`: this server speaks plain HTTP
    /// (put a TLS proxy in front of it).
    public let secure: Bool
    /// When the socket was created, in milliseconds since 1970 (to the second).
    public let issued: Int
    /// The handshake request's target: `/socket.io/?EIO=4&transport=polling&t=…`.
    public let url: String
    /// The handshake request's query parameters.
    public let query: HTTPQuery
    /// The CONNECT packet's payload, `{}` when it had none: `io(url, { auth: { … } })`.
    public let auth: SocketIOObject

    /// The handshake of a socket connecting over `engine` with `auth`.
    init(engine: EngineIOSocket, auth: SocketIOObject) {
        let now = SystemInfo.utcNow()
        headers = engine.request.headers
        time = HTTPDate.format(now)
        address = engine.remoteAddress?.host ?? ""
        xdomain = engine.request.headers["Origin"] != nil
        secure = false
        issued = Int(now.secondsSince1970) * 1000
        url = engine.request.target
        query = engine.request.queryItems
        self.auth = auth
    }
}
