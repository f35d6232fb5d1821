/// One frame: a header's meaning plus its (unmasked) payload.
public struct WebSocketFrame: Sendable, Equatable {
    /// FIN: the last frame of its message.
    public var isFinal: Bool
    /// What the frame carries.
    public var opcode: WebSocketOpcode
    /// The payload, already unmasked.
    public var payload: [UInt8]

    /// Makes a frame.
    ///
    /// - Parameters:
    ///   - isFinal: FIN.
    ///   - opcode: The opcode.
    ///   - payload: The unmasked payload.
    public init(isFinal: Bool = true, opcode: WebSocketOpcode, payload: [UInt8] = []) {
        self.isFinal = isFinal
        self.opcode = opcode
        self.payload = payload
    }

    // snippet: frame-encode
    /// The frame's bytes on the wire: header, then payload, masked with `maskingKey` if
    /// given (a client must give one; a server must not).
    ///
    /// - Parameter maskingKey: Four random bytes for a client frame, `nil` for a server's.
    /// - Returns: The whole frame, ready for one write.
    public func encoded(maskingKey: [UInt8]? = nil) -> [UInt8] {
        let header = FrameHeader(
            isFinal: isFinal,
            opcode: opcode,
            maskingKey: maskingKey,
            payloadLength: UInt64(payload.count)
        )
        var bytes = header.encoded
        if let maskingKey {
            var masked = payload
            Masking.apply(maskingKey, to: &masked)
            bytes += masked
        } else {
            bytes += payload
        }
        return bytes
    }
    // end-snippet

    /// A close frame with `code` and `reason` (RFC 6455 §5.5.1).
    ///
    /// - Parameters:
    ///   - code: The status code, or `nil` for an empty close frame.
    ///   - reason: UTF-8 text, cut so the payload stays within 125 bytes.
    /// - Returns: The frame.
    public static func close(code: WebSocketCloseCode?, reason: String = "") -> WebSocketFrame {
        guard let code else { return WebSocketFrame(opcode: .close) }
        var payload = [UInt8(code.rawValue >> 8), UInt8(code.rawValue & 0xFF)]
        var reasonBytes = Array(reason.utf8.prefix(123))
        while !reasonBytes.isEmpty, String(validating: reasonBytes, as: UTF8.self) == nil {
            reasonBytes.removeLast()  // never cut a character in half
        }
        payload += reasonBytes
        return WebSocketFrame(opcode: .close, payload: payload)
    }
}
