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
    /// - Throws: Nothing once written; the starter throws ``Unimplemented`` (the decoding
    ///   methods may throw `EngineIOProtocolError` only, so the stub lives here).
    public init() throws {
        // TODO(E1202): delete this line once the four methods below work.
        throw Unimplemented("E1202: PacketCodec (the four methods of EngineIOPacketCoding)")
    }

    /// The packet as one WebSocket message.
    ///
    /// - Parameter packet: Any packet.
    /// - Returns: A binary message for a binary message packet, text for the rest.
    public func webSocketMessage(for packet: EngineIOPacket) -> WebSocketMessage {
        // TODO(E1202): a binary message packet goes as its bare bytes; every other packet
        // is text: the type's digit, then the packet's data, if it has any.
        .text("")  // a placeholder until written
    }

    /// Reads the packet one WebSocket message carries.
    ///
    /// - Parameter message: One message from the peer.
    /// - Returns: The packet.
    /// - Throws: `EngineIOProtocolError`, as the table in the README says.
    public func packet(from message: WebSocketMessage) throws(EngineIOProtocolError)
        -> EngineIOPacket
    {
        // TODO(E1202): a binary message is a message packet as it is; text is a type digit
        // and its data.
        throw .emptyPacket  // a placeholder until written
    }

    /// Appends the packet's polling form to a payload being built.
    ///
    /// - Parameters:
    ///   - packet: Any packet.
    ///   - payload: The bytes so far; the packet goes at the end, with no separator.
    public func appendPollingForm(of packet: EngineIOPacket, to payload: inout [UInt8]) {
        // TODO(E1202): the text form, as over a WebSocket, except for bytes: a payload is
        // text, so a binary message is `b` followed by its base64.
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
        // TODO(E1202): `b` starts a binary message in base64; anything else is the text
        // form.
        throw .emptyPacket  // a placeholder until written
    }
}
