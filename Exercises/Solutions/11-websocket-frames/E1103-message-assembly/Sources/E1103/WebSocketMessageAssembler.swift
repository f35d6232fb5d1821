// Exercise 11.3, solved: reassembling messages.
// The library's version is Sources/WebSockets/WebSocketMessageAssembler.swift.

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
    ///   message over the limit.
    public mutating func consume(_ frame: WebSocketFrame) throws(WebSocketProtocolError)
        -> WebSocketEvent
    {
        switch frame.opcode {
        case .ping: return .ping(frame.payload)
        case .pong: return .pong(frame.payload)
        case .close: return try Self.parseClose(frame.payload)
        case .text, .binary:
            guard kind == nil else { throw .expectedContinuation }
            kind = frame.opcode
            validator = UTF8Validator()
        case .continuation:
            guard kind != nil else { throw .unexpectedContinuation }
        }
        guard fragments.count + frame.payload.count <= maximumMessageSize else {
            throw .messageTooLarge(limit: maximumMessageSize)
        }
        if kind == .text && !validator.validate(frame.payload) { throw .invalidUTF8 }
        if fragments.isEmpty && frame.isFinal {
            fragments = frame.payload  // a single-frame message: no copy
        } else {
            fragments += frame.payload
        }
        guard frame.isFinal else { return .partial }
        defer {
            kind = nil
            fragments = []
        }
        if kind == .text {
            guard validator.isAtCharacterBoundary else { throw .invalidUTF8 }
            return .message(.text(String(decoding: fragments, as: UTF8.self)))
        }
        return .message(.binary(fragments))
    }

    /// Reads a close frame's code and reason (RFC 6455 §5.5.1).
    ///
    /// - Parameter payload: The close frame's payload: empty, or a code and UTF-8 text.
    /// - Returns: ``WebSocketEvent/close(code:reason:)``.
    /// - Throws: `WebSocketProtocolError` for a one-byte payload, a code no endpoint may
    ///   send, or a reason that is not UTF-8.
    static func parseClose(_ payload: [UInt8]) throws(WebSocketProtocolError) -> WebSocketEvent {
        if payload.isEmpty { return .close(code: nil, reason: "") }
        guard payload.count >= 2 else { throw .invalidClosePayload }
        let code = WebSocketCloseCode(rawValue: UInt16(payload[0]) << 8 | UInt16(payload[1]))
        guard code.isValidOnTheWire else { throw .invalidCloseCode(code.rawValue) }
        guard let reason = String(validating: payload[2...], as: UTF8.self) else {
            throw .invalidUTF8
        }
        return .close(code: code, reason: reason)
    }
}
