// Exercise 10.2, solved: the accept key.
// The library's version is Sources/WebSockets/AcceptKey.swift.

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
    /// - Throws: What ``Base64/encode(_:)`` throws.
    public init(clientKey: String) throws {
        // SHA1 is the library's (exercise 10.1); Base64 is this exercise's own.
        value = try Base64.encode(SHA1.hash((clientKey + Self.guid).utf8))
    }
}
