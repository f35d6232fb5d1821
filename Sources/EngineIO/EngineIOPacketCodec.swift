import WebSockets

/// The library's packet codec: `<type digit><data>` as text on both transports, except a
/// binary message, which is a bare binary WebSocket message or `b` + base64 when polling.
///
/// It is not public: the course's exercise 12.2 has the learner write this codec, and an
/// exercise must not be able to hand its work to the library's (``EngineIOParts`` takes
/// any ``EngineIOPacketCoding``).
package struct EngineIOPacketCodec: EngineIOPacketCoding {
    /// The codec; it keeps no state.
    package init() {}

    package func webSocketMessage(for packet: EngineIOPacket) -> WebSocketMessage {
        if case .message(.binary(let bytes)) = packet { return .binary(bytes) }
        return .text(String(decoding: textForm(of: packet), as: UTF8.self))
    }

    package func packet(from message: WebSocketMessage) throws(EngineIOProtocolError)
        -> EngineIOPacket
    {
        switch message {
        case .binary(let bytes): .message(.binary(bytes))
        case .text(let text): try packet(fromTextForm: text.utf8)
        }
    }

    package func appendPollingForm(of packet: EngineIOPacket, to payload: inout [UInt8]) {
        if case .message(.binary(let data)) = packet {
            payload.append(UInt8(ascii: "b"))
            payload.append(contentsOf: Base64.encode(data).utf8)
        } else {
            payload.append(contentsOf: textForm(of: packet))
        }
    }

    package func packet(fromPollingForm bytes: ArraySlice<UInt8>) throws(EngineIOProtocolError)
        -> EngineIOPacket
    {
        guard bytes.first == UInt8(ascii: "b") else { return try packet(fromTextForm: bytes) }
        guard let data = Base64.decode(bytes.dropFirst()) else { throw .invalidBase64 }
        return .message(.binary(data))
    }

    /// `<type digit><data>`: the text form both transports share.
    private func textForm(of packet: EngineIOPacket) -> [UInt8] {
        var bytes = [packet.type.digit]
        switch packet {
        case .open(let handshake): bytes += handshake.json
        case .ping(let data), .pong(let data): bytes += data.utf8
        case .message(.text(let text)): bytes += text.utf8
        case .close, .upgrade, .noop, .message(.binary): break
        }
        return bytes
    }

    /// Reads `<type digit><data>`.
    ///
    /// The data of `close`, `upgrade` and `noop` is ignored, as the reference parser
    /// ignores it.
    private func packet<Bytes: Collection<UInt8>>(fromTextForm bytes: Bytes)
        throws(EngineIOProtocolError) -> EngineIOPacket
    {
        guard let first = bytes.first else { throw .emptyPacket }
        guard let type = EngineIOPacketType(digit: first) else {
            throw .unknownPacketType(first)
        }
        let data = bytes.dropFirst()
        func text() throws(EngineIOProtocolError) -> String {
            guard let text = String(validating: data, as: UTF8.self) else { throw .invalidUTF8 }
            return text
        }
        return switch type {
        case .open: .open(try EngineIOHandshake(json: data))
        case .close: .close
        case .ping: .ping(try text())
        case .pong: .pong(try text())
        case .message: .message(.text(try text()))
        case .upgrade: .upgrade
        case .noop: .noop
        }
    }
}
