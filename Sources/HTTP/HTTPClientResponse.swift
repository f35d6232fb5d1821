/// A complete response received by the client.
public struct HTTPClientResponse: Sendable {
    /// The head: status, fields, version.
    public var head: HTTPClientResponseHead
    /// The whole body.
    public var body: [UInt8]
    /// A chunked body's trailer fields.
    public var trailers: HTTPHeaders

    /// The status.
    public var status: HTTPStatus { head.status }
    /// The header fields.
    public var headers: HTTPHeaders { head.headers }
    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
