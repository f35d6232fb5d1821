import WebSockets

// How a packet looks on each transport.
//
//   packet                     WebSocket message              polling (inside a payload)
//   ─────────────────────────  ─────────────────────────────  ──────────────────────────
//   .message(.text("hello"))   text   "4hello"                "4hello"
//   .message(.binary([1,2,3])) binary 01 02 03                "bAQID"   (b + base64)
//   .ping("probe")             text   "2probe"                "2probe"
//   .open(handshake)           text   "0{\"sid\":…}"          "0{\"sid\":…}"
//
// A WebSocket frames each message and says whether it is text or binary, so a binary
// message goes as it is. A polling payload is text: several packets in one HTTP body,
// separated by the record separator 0x1E, so bytes travel as base64 behind a `b`.

extension EngineIOPacket {
    /// The packet as one WebSocket message: a binary message as a binary message with no
    /// type byte, everything else as text that starts with the type digit.
    public var webSocketMessage: WebSocketMessage {
        if case .message(.binary(let bytes)) = self { return .binary(bytes) }
        return .text(String(decoding: textEncoding, as: UTF8.self))
    }

    /// Reads the packet a WebSocket message carries.
    ///
    /// - Parameter message: One message from the peer.
    /// - Throws: ``EngineIOProtocolError`` if the text is not a packet.
    public init(webSocketMessage message: WebSocketMessage) throws(EngineIOProtocolError) {
        switch message {
        case .binary(let bytes):
            self = .message(.binary(bytes))
        case .text(let text):
            self = try EngineIOPacket(textEncoding: text.utf8)
        }
    }

    /// Appends the packet as it appears inside a polling payload.
    ///
    /// - Parameter bytes: The payload being built.
    public func appendPollingEncoding(to bytes: inout [UInt8]) {
        if case .message(.binary(let data)) = self {
            bytes.append(UInt8(ascii: "b"))
            bytes.append(contentsOf: Base64.encode(data).utf8)
        } else {
            bytes.append(contentsOf: textEncoding)
        }
    }

    /// Reads one packet of a polling payload (the bytes between two separators).
    ///
    /// - Parameter bytes: The packet's bytes, without separators.
    /// - Throws: ``EngineIOProtocolError`` if they are not a packet.
    public init(pollingEncoding bytes: ArraySlice<UInt8>) throws(EngineIOProtocolError) {
        if bytes.first == UInt8(ascii: "b") {
            guard let data = Base64.decode(bytes.dropFirst()) else { throw .invalidBase64 }
            self = .message(.binary(data))
        } else {
            try self.init(textEncoding: bytes)
        }
    }

    /// `<type digit><data>`: the text form both transports share.
    var textEncoding: [UInt8] {
        var bytes = [type.digit]
        switch self {
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
    init<Bytes: Collection<UInt8>>(textEncoding bytes: Bytes) throws(EngineIOProtocolError) {
        guard let first = bytes.first else { throw .emptyPacket }
        guard let type = EngineIOPacketType(digit: first) else {
            throw .unknownPacketType(first)
        }
        let data = bytes.dropFirst()
        func text() throws(EngineIOProtocolError) -> String {
            guard let text = String(validating: data, as: UTF8.self) else { throw .invalidUTF8 }
            return text
        }
        switch type {
        case .open: self = .open(try EngineIOHandshake(json: data))
        case .close: self = .close
        case .ping: self = .ping(try text())
        case .pong: self = .pong(try text())
        case .message: self = .message(.text(try text()))
        case .upgrade: self = .upgrade
        case .noop: self = .noop
        }
    }
}
