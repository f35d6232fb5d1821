// Exercise 12.2: the packet codec, one packet to a WebSocket message or a polling form.
// Read the task in ../../README.md; check it with `swift run grade 12.2`.

import EngineIO
import ExerciseSupport
import WebSockets

/// Turns one Engine.IO packet into what each transport carries, and back.
///
/// ```
///   packet                     WebSocket message              polling form
///   ─────────────────────────  ─────────────────────────────  ────────────────────
///   .message(.text("hello"))   text   "4hello"                "4hello"
///   .ping("probe")             text   "2probe"                "2probe"
///   .message(.binary(bytes))   binary, the bytes as they are  "b" + base64
/// ```
///
/// The library's server and client run it for every packet they send or receive, once
/// you hand it to them in an `EngineIOParts`.
public struct PacketCodec: EngineIOPacketCoding {
    /// A codec; it keeps no state.
    ///
    /// - Throws: Nothing; it is declared `throws` so that the starter could throw.
    public init() throws {}

    /// The packet as one WebSocket message.
    ///
    /// - Parameter packet: Any packet.
    /// - Returns: A binary message for a binary message packet, text for the rest.
    public func webSocketMessage(for packet: EngineIOPacket) -> WebSocketMessage {
        if case .message(.binary(let bytes)) = packet { return .binary(bytes) }
        return .text(String(decoding: textForm(of: packet), as: UTF8.self))
    }

    /// Reads the packet one WebSocket message carries.
    ///
    /// - Parameter message: One message from the peer.
    /// - Returns: The packet.
    /// - Throws: `EngineIOProtocolError`, as the table in the README says.
    public func packet(from message: WebSocketMessage) throws(EngineIOProtocolError)
        -> EngineIOPacket
    {
        switch message {
        case .binary(let bytes): return .message(.binary(bytes))
        case .text(let text): return try packet(fromTextForm: Array(text.utf8)[...])
        }
    }

    /// Appends the packet's polling form to a payload being built.
    ///
    /// - Parameters:
    ///   - packet: Any packet.
    ///   - payload: The bytes so far; the packet goes at the end, with no separator.
    public func appendPollingForm(of packet: EngineIOPacket, to payload: inout [UInt8]) {
        if case .message(.binary(let bytes)) = packet {
            payload.append(UInt8(ascii: "b"))
            payload += Base64.encode(bytes).utf8
        } else {
            payload += textForm(of: packet)
        }
    }

    /// Reads one packet's polling form: the bytes between two separators of a payload.
    ///
    /// - Parameter bytes: The packet's bytes, without separators; a slice of the body, so
    ///   its indices do not start at 0.
    /// - Returns: The packet.
    /// - Throws: `EngineIOProtocolError`, as the table in the README says.
    public func packet(fromPollingForm bytes: ArraySlice<UInt8>) throws(EngineIOProtocolError)
        -> EngineIOPacket
    {
        if bytes.first == UInt8(ascii: "b") {
            guard let data = Base64.decode(bytes.dropFirst()) else { throw .invalidBase64 }
            return .message(.binary(data))
        }
        return try packet(fromTextForm: bytes)
    }

    /// `<type digit><data>`, the form every packet but a binary message has.
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

    /// Reads `<type digit><data>`; the data of close, upgrade and noop is ignored.
    private func packet(fromTextForm bytes: ArraySlice<UInt8>) throws(EngineIOProtocolError)
        -> EngineIOPacket
    {
        guard let digit = bytes.first else { throw .emptyPacket }
        guard let type = EngineIOPacketType(digit: digit) else {
            throw .unknownPacketType(digit)
        }
        let data = bytes.dropFirst()
        switch type {
        case .open: return .open(try EngineIOHandshake(json: data))
        case .close: return .close
        case .ping: return .ping(try text(data))
        case .pong: return .pong(try text(data))
        case .message: return .message(.text(try text(data)))
        case .upgrade: return .upgrade
        case .noop: return .noop
        }
    }

    /// The data as text, if it is valid UTF-8.
    private func text(_ data: ArraySlice<UInt8>) throws(EngineIOProtocolError) -> String {
        guard let text = String(validating: data, as: UTF8.self) else { throw .invalidUTF8 }
        return text
    }
}
