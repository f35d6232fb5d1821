// Exercise 10.2: the accept key.
// Read the task in ../../README.md; check it with `swift run grade 10.2`.

import ExerciseSupport
import WebSockets

/// The value of `Sec-WebSocket-Accept` for a client's `Sec-WebSocket-Key` (RFC 6455 §4.2.2).
///
/// The server appends the fixed GUID `258EAFA5-E914-47DA-95CA-C5AB0DC85B11` to the key
/// exactly as the client sent it (base64 text, not decoded), hashes the result with SHA-1
/// and sends the digest in base64. Only a server that knows the WebSocket protocol can
/// produce it, so a client knows its upgrade was understood.
public struct WebSocketAcceptKey: Sendable, Equatable {
    /// The GUID from RFC 6455 §1.3.
    public static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// The base64 text to send in `Sec-WebSocket-Accept`.
    public let value: String

    /// Computes the accept value for `clientKey`.
    ///
    /// - Parameter clientKey: The `Sec-WebSocket-Key` header, as received.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public init(clientKey: String) throws {
        // TODO(E1002): the key's text with the GUID appended, as UTF-8 bytes; their SHA-1
        // digest (`SHA1.hash` is the library's, so this works whatever you did in 10.1);
        // that digest in base64, with your `Base64.encode`.
        throw Unimplemented("E1002: WebSocketAcceptKey.init(clientKey:)")
    }
}
