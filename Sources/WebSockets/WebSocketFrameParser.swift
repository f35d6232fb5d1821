/// Turns received bytes into frames, checking each against the rules for its sender.
///
/// TCP delivers bytes, not frames: a read may end mid-header, or hold three frames. The
/// parser keeps what it has not used yet and hands out each frame once all of it has
/// arrived. It knows who sent the bytes (clients must mask, servers must not) and how
/// large a frame may be: a frame over the limit is refused as soon as its header
/// arrives, before its payload is buffered.
public struct WebSocketFrameParser: Sendable {
    /// Who sent the frames this parser reads.
    public enum Sender: Sendable {
        /// A client: every frame must be masked.
        case client
        /// A server: no frame may be masked.
        case server
    }

    /// Whose frames these are.
    public let sender: Sender
    /// The largest payload accepted in one frame.
    public let maximumFrameSize: Int
    private var buffer: [UInt8] = []
    private var start = 0

    /// A parser for frames from `sender`.
    ///
    /// - Parameters:
    ///   - sender: Who sends the frames.
    ///   - maximumFrameSize: The largest frame payload accepted.
    public init(sender: Sender, maximumFrameSize: Int) {
        self.sender = sender
        self.maximumFrameSize = maximumFrameSize
    }

    /// Adds received bytes.
    ///
    /// - Parameter bytes: The next bytes from the connection.
    public mutating func append(_ bytes: [UInt8]) {
        if start == buffer.count {
            buffer = bytes  // the common case: nothing left over, no copy
            start = 0
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    // snippet: frame-parser-next
    /// The next complete frame, or `nil` if more bytes are needed.
    ///
    /// - Returns: A frame with its payload unmasked.
    /// - Throws: ``WebSocketProtocolError`` for a frame that breaks RFC 6455 §5.
    public mutating func nextFrame() throws(WebSocketProtocolError) -> WebSocketFrame? {
        guard case .header(let header, let headerLength) = try FrameHeader.decode(buffer[start...])
        else { return nil }
        guard header.reservedBits == 0 else { throw .reservedBitsSet }
        guard let opcode = WebSocketOpcode(rawValue: header.opcodeBits) else {
            throw .unknownOpcode(header.opcodeBits)
        }
        if opcode.isControl {
            guard header.isFinal else { throw .fragmentedControlFrame }
            guard header.payloadLength <= 125 else {
                throw .controlFrameTooLong(Int(header.payloadLength))
            }
        }
        switch (sender, header.maskingKey) {
        case (.client, nil): throw .unmaskedClientFrame
        case (.server, .some): throw .maskedServerFrame
        default: break
        }
        guard header.payloadLength <= UInt64(maximumFrameSize) else {
            throw .frameTooLarge(limit: maximumFrameSize)
        }
        let payloadStart = start + headerLength
        let payloadEnd = payloadStart + Int(header.payloadLength)
        guard buffer.count >= payloadEnd else { return nil }  // the payload is still coming
        var payload = Array(buffer[payloadStart..<payloadEnd])
        if let key = header.maskingKey { Masking.apply(key, to: &payload) }
        consume(upTo: payloadEnd)
        return WebSocketFrame(isFinal: header.isFinal, opcode: opcode, payload: payload)
    }
    // end-snippet

    /// Forgets the bytes before `end`, compacting now and then rather than on every frame.
    private mutating func consume(upTo end: Int) {
        start = end
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.count <= 64 * 1024)
            start = 0
        } else if start > 64 * 1024 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
