// Exercise 11.3: reassembling messages.
// Read the task in ../../README.md; check it with `swift run grade 11.3`.

import ExerciseSupport
import WebSockets

/// Joins fragments into messages and checks what only whole messages can show.
///
/// A message is one text or binary frame followed by zero or more continuation frames,
/// the last with FIN set (RFC 6455 §5.4). Control frames may arrive between fragments and
/// are passed on at once. Text is checked as UTF-8 fragment by fragment, so bad bytes
/// fail the connection as soon as they arrive, not when the message ends.
///
/// `WebSocketMessage` and `WebSocketEvent` are the library's.
public struct WebSocketMessageAssembler: Sendable {
    private var kind: WebSocketOpcode?  // text or binary while a message is open
    private var fragments: [UInt8] = []
    private var validator = UTF8Validator()  // the library's
    /// The largest message accepted, in bytes.
    public let maximumMessageSize: Int

    /// An assembler with no message under way.
    ///
    /// - Parameter maximumMessageSize: The largest message accepted.
    public init(maximumMessageSize: Int) {
        self.maximumMessageSize = maximumMessageSize
    }

    /// Takes the next frame.
    ///
    /// - Parameter frame: A frame from the parser.
    /// - Returns: What the frame completed, if anything.
    /// - Throws: `WebSocketProtocolError` for fragments out of order, bad UTF-8 or a
    ///   message over the limit. The starter throws ``Unimplemented``.
    public mutating func consume(_ frame: WebSocketFrame) throws -> WebSocketEvent {
        // TODO(E1103): ping and pong are passed on, close is parsed (parseClose); they do
        // not touch the message under way. A text or binary frame starts a message (there
        // must not be one already: expectedContinuation), a continuation adds to it (there
        // must be one: unexpectedContinuation). Check the size limit and, for text, the
        // fragment's UTF-8 before keeping it; at FIN, hand out the message and start over.
        throw Unimplemented("E1103: WebSocketMessageAssembler.consume(_:)")
    }

    /// Reads a close frame's code and reason (RFC 6455 §5.5.1).
    ///
    /// - Parameter payload: The close frame's payload: empty, or a code and UTF-8 text.
    /// - Returns: ``WebSocketEvent/close(code:reason:)``.
    /// - Throws: `WebSocketProtocolError` for a one-byte payload, a code no endpoint may
    ///   send, or a reason that is not UTF-8. The starter throws ``Unimplemented``.
    static func parseClose(_ payload: [UInt8]) throws -> WebSocketEvent {
        // TODO(E1103): empty: no code. One byte: invalidClosePayload. Otherwise the code
        // is the first two bytes, big-endian, and must be one an endpoint may send
        // (WebSocketCloseCode.isValidOnTheWire); the rest is the reason, valid UTF-8.
        throw Unimplemented("E1103: WebSocketMessageAssembler.parseClose(_:)")
    }
}
